// SPDX-License-Identifier: GPL-3.0-or-later
// The unified diff the preview shows: the same hunks `diff -u` writes.
#include "remediation/linediff.h"

#include <QTest>

using namespace bulwark;

class TestLineDiff final : public QObject {
    Q_OBJECT
private slots:
    void matchesDiffU_data();
    void matchesDiffU();
    void stat();
};

void TestLineDiff::matchesDiffU_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<QString>("expected");
    QTest::newRow("equal") << QByteArray("a\nb\n") << QByteArray("a\nb\n") << QString();
    QTest::newRow("one line added in the middle")
        << QByteArray("1\n2\n3\n4\n5\n6\n7\n8\n") << QByteArray("1\n2\n3\n4\nX\n5\n6\n7\n8\n")
        << QStringLiteral("--- a\n+++ b\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+X\n 5\n 6\n 7\n");
    QTest::newRow("replace first line")
        << QByteArray("a\nb\n") << QByteArray("c\nb\n") << QStringLiteral("--- a\n+++ b\n@@ -1,2 +1,2 @@\n-a\n+c\n b\n");
    QTest::newRow("two far hunks")
        << QByteArray("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n") << QByteArray("0\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n13\n")
        << QStringLiteral("--- a\n+++ b\n@@ -1,4 +1,4 @@\n-1\n+0\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+13\n");
    QTest::newRow("crlf shown without carriage returns")
        << QByteArray("a\r\nb\r\n") << QByteArray("a\r\nc\r\n") << QStringLiteral("--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
    QTest::newRow("missing final newline")
        << QByteArray("a\nb") << QByteArray("a\nb\nc\n")
        << QStringLiteral("--- a\n+++ b\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n");
    QTest::newRow("append to empty") << QByteArray() << QByteArray("x\n") << QStringLiteral("--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n");
}

void TestLineDiff::matchesDiffU()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(QString, expected);
    QCOMPARE(unifiedDiff(before, after, QStringLiteral("a"), QStringLiteral("b")), expected);
}

void TestLineDiff::stat()
{
    const QString d = unifiedDiff("a\nb\nc\n", "a\nB\nc\nd\n", QStringLiteral("a"), QStringLiteral("b"));
    const DiffStat s = diffStat(d);
    QCOMPARE(s.added, 2);
    QCOMPARE(s.removed, 1);
}

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_linediff.moc"
