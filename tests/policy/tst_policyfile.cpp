// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy/glob.h"
#include "policy/policy.h"
#include "policy/waivers.h"

#include <QTest>

using namespace bulwark;

class TestPolicyFile final : public QObject {
    Q_OBJECT
private slots:
    void embeddedPolicyListsEverySpecControl();
    void embeddedThresholds();
    void brokenPolicy_data();
    void brokenPolicy();
    void customLabelKeysAndTiers();
    void byteSizes_data();
    void byteSizes();
    void waiverFile();
    void brokenWaiverFile_data();
    void brokenWaiverFile();
    void waiverMatching();
    void wildcards_data();
    void wildcards();
    void wildcardsAgreeWithRegexExhaustively();
};

void TestPolicyFile::embeddedPolicyListsEverySpecControl()
{
    auto p = PolicyFile::embedded();
    QVERIFY2(p.ok(), qPrintable(p.errorMessage()));
    QCOMPARE(p->info.id, QStringLiteral("SPEC-INFRA-04"));
    QVERIFY(!p->info.version.isEmpty());
    QCOMPARE(p->info.source, QStringLiteral("embedded"));
    QStringList ids;
    for (const auto& c : p->controls) {
        ids.append(c.id);
        QVERIFY2(!c.title.isEmpty() && !c.requirement.isEmpty() && !c.semantics.isEmpty() && !c.evidence.isEmpty() &&
                     !c.remediation.isEmpty(),
                 qPrintable(c.id));
    }
    QStringList sortedIds = ids;
    QStringList spec = specControlIds();
    sortedIds.sort();
    spec.sort();
    QCOMPARE(sortedIds, spec);
    QCOMPARE(p->control(QStringLiteral("REQ-HARD-02"))->scope, ControlScope::Host);
    QCOMPARE(p->control(QStringLiteral("NFR-OBS-01"))->scope, ControlScope::Fleet);
    QCOMPARE(p->control(QStringLiteral("AC-HARD-03"))->scope, ControlScope::Fleet);
    QCOMPARE(p->control(QStringLiteral("SEC-01"))->scope, ControlScope::Container);
}

void TestPolicyFile::embeddedThresholds()
{
    auto p = PolicyFile::embedded();
    QVERIFY(p.ok());
    const auto& t = p->thresholds;
    QCOMPARE(t.idleMemoryFraction, 0.20);
    QCOMPARE(t.ceilingBytes, 2LL * 1024 * 1024 * 1024);
    QCOMPARE(t.highTemplate, QStringLiteral("template-infra-high"));
    QCOMPARE(t.network, QStringLiteral("infra_net"));
    QCOMPARE(t.p95Seconds, 2.0);
    QCOMPARE(t.searchableSeconds, 5.0);
    for (const char* cap : {"SYS_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "NET_ADMIN", "ALL"})
        QVERIFY2(t.dangerousCapabilities.contains(QLatin1String(cap)), cap);
    QVERIFY(!t.dangerousCapabilities.contains(QStringLiteral("NET_BIND_SERVICE")));
    QVERIFY(!t.sensitivePathRegexes.isEmpty());
    QCOMPARE(p->labels.waivePrefix, QStringLiteral("io.hy-home.waive."));
    QCOMPARE(p->labels.templateKey, QStringLiteral("io.hy-home.template"));
    QCOMPARE(p->labels.sensitiveKey, QStringLiteral("io.hy-home.sensitive"));
    QCOMPARE(p->labels.tierKey, QStringLiteral("io.hy-home.tier"));
    QVERIFY(p->isInfrastructure({})); // default: every container is infrastructure
    QVERIFY(p->isInfrastructure({{QStringLiteral("io.hy-home.tier"), QStringLiteral("app")}}));
}

void TestPolicyFile::brokenPolicy_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("where");   // "LINE:COLUMN"
    QTest::addColumn<QString>("message"); // substring
    const QByteArray head = "schema: bulwark.policy/v1\nid: X\ncontrols:\n";
    QTest::newRow("syntax") << QByteArray("id: [unclosed\n") << "policy.yaml:" << "";
    QTest::newRow("unknown control") << head + "  - id: SEC-99\n    scope: container\n" << "4:5" << "unknown control 'SEC-99'";
    QTest::newRow("wrong scope") << head + "  - id: REQ-HARD-02\n    scope: container\n" << "4:5" << "scope container";
    QTest::newRow("bad severity") << head + "  - id: SEC-01\n    severity: dire\n" << "5:15" << "severity 'dire'";
    QTest::newRow("bad ceiling") << head + "  - id: AC-HARD-02\n    parameters:\n      ceiling: lots\n" << "6:16" << "ceiling";
    QTest::newRow("fraction out of range") << head + "  - id: REQ-HARD-02\n    scope: host\n    parameters:\n      idleMemoryFraction: 20\n" << "7:27" << "between 0 and 1";
    QTest::newRow("duplicate") << head + "  - id: SEC-01\n  - id: SEC-01\n" << "5:5" << "listed twice";
    QTest::newRow("unknown key") << head + "  - id: SEC-01\n    treshold: 3\n" << "5:5" << "unknown control key 'treshold'";
    QTest::newRow("no controls") << QByteArray("schema: bulwark.policy/v1\nid: X\n") << "1:1" << "no 'controls'";
    QTest::newRow("schema") << QByteArray("schema: other/v9\n") << "1:9" << "unsupported policy schema";
}

void TestPolicyFile::brokenPolicy()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, where);
    QFETCH(QString, message);
    auto p = PolicyFile::parse(yaml, QStringLiteral("policy.yaml"));
    QVERIFY(!p.ok());
    QVERIFY2(p.errorMessage().contains(where), qPrintable(p.errorMessage()));
    QVERIFY2(p.errorMessage().contains(message), qPrintable(p.errorMessage()));
}

void TestPolicyFile::customLabelKeysAndTiers()
{
    const QByteArray yaml = "schema: bulwark.policy/v1\nid: ORG-1\nversion: '2'\n"
                            "labels:\n  waivePrefix: acme.waive/\n  tier: acme/tier\n"
                            "infrastructure:\n  tiers: [infra, platform]\n  untieredIsInfrastructure: false\n"
                            "controls:\n  - id: SEC-02\n    scope: container\n    severity: critical\n"
                            "  - id: INF-01\n    appliesTo: infrastructure\n    parameters:\n      network: core\n"
                            "  - id: OBS-01\n    enabled: false\n";
    auto p = PolicyFile::parse(yaml, QStringLiteral("org.yaml"));
    QVERIFY2(p.ok(), qPrintable(p.errorMessage()));
    QCOMPARE(p->controls.size(), 2);
    QCOMPARE(p->labels.waivePrefix, QStringLiteral("acme.waive/"));
    QCOMPARE(p->thresholds.network, QStringLiteral("core"));
    QCOMPARE(p->control(QStringLiteral("SEC-02"))->severity, Severity::Critical);
    QVERIFY(p->infrastructureOnlyControls.contains(QStringLiteral("INF-01")));
    QVERIFY(p->isInfrastructure({{QStringLiteral("acme/tier"), QStringLiteral("platform")}}));
    QVERIFY(!p->isInfrastructure({{QStringLiteral("acme/tier"), QStringLiteral("app")}}));
    QVERIFY(!p->isInfrastructure({}));
}

void TestPolicyFile::byteSizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");
    QTest::newRow("GiB") << "2GiB" << 2147483648LL;
    QTest::newRow("g as compose") << "2g" << 2147483648LL;
    QTest::newRow("512m") << "512m" << 536870912LL;
    QTest::newRow("GB decimal") << "2GB" << 2000000000LL;
    QTest::newRow("plain") << "1024" << 1024LL;
    QTest::newRow("fraction") << "1.5 GiB" << 1610612736LL;
    QTest::newRow("bad") << "two gigs" << -1LL;
}

void TestPolicyFile::byteSizes()
{
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    const auto v = PolicyFile::parseByteSize(text);
    QCOMPARE(v.value_or(-1), bytes);
}

void TestPolicyFile::waiverFile()
{
    const QByteArray yaml = "waivers:\n"
                            "  - host: lab-*\n    container: /infra-node-exporter\n    control: REQ-HARD-01\n"
                            "    reason: host pid for process metrics (OPS-412)\n    expires: 2027-06-30\n"
                            "  - host: '*'\n    container: ''\n    control: REQ-HARD-02\n    reason: capacity ticket\n";
    auto w = WaiverFile::parse(yaml, QStringLiteral("w.yaml"));
    QVERIFY2(w.ok(), qPrintable(w.errorMessage()));
    QCOMPARE(w->size(), 2);
    QCOMPARE(w->at(0).containerPattern, QStringLiteral("infra-node-exporter"));
    QCOMPARE(w->at(0).expires, QDateTime(QDate(2027, 6, 30), QTime(23, 59, 59), Qt::UTC));
    QCOMPARE(w->at(0).source, QStringLiteral("w.yaml:2"));
    QVERIFY(!w->at(1).expires.isValid());
}

void TestPolicyFile::brokenWaiverFile_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty reason") << QByteArray("waivers:\n  - control: SEC-01\n    reason: ''\n") << "w.yaml:3:14: a waiver needs a non-empty reason";
    QTest::newRow("no reason") << QByteArray("waivers:\n  - control: SEC-01\n") << "w.yaml:2:5: the waiver for SEC-01 has no 'reason'";
    QTest::newRow("bad control") << QByteArray("waivers:\n  - control: SEC-1\n    reason: x\n") << "w.yaml:2:14: unknown control 'SEC-1'";
    QTest::newRow("bad expiry") << QByteArray("waivers:\n  - control: SEC-01\n    reason: x\n    expires: soon\n") << "w.yaml:4:14: 'expires' must be a date";
    QTest::newRow("not a list") << QByteArray("waivers: SEC-01\n") << "w.yaml:1:10:";
}

void TestPolicyFile::brokenWaiverFile()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, message);
    auto w = WaiverFile::parse(yaml, QStringLiteral("w.yaml"));
    QVERIFY(!w.ok());
    QVERIFY2(w.errorMessage().startsWith(message), qPrintable(w.errorMessage()));
}

void TestPolicyFile::waiverMatching()
{
    const QDateTime now(QDate(2026, 12, 3), QTime(12, 0), Qt::UTC);
    Waiver old{QStringLiteral("lab-*"), QStringLiteral("infra-*"), QStringLiteral("SEC-01"), QStringLiteral("old"), now.addDays(-2), QStringLiteral("a:1")};
    Waiver renewed{QStringLiteral("lab-1"), QStringLiteral("infra-app"), QStringLiteral("SEC-01"), QStringLiteral("new"), now.addDays(2), QStringLiteral("a:2")};
    const QList<Waiver> list{old, renewed};
    QCOMPARE(findWaiver(list, QStringLiteral("lab-1"), QStringLiteral("infra-app"), QStringLiteral("SEC-01"), now)->reason, QStringLiteral("new"));
    QCOMPARE(findWaiver(list, QStringLiteral("lab-2"), QStringLiteral("infra-app"), QStringLiteral("SEC-01"), now)->reason, QStringLiteral("old"));
    QVERIFY(!findWaiver(list, QStringLiteral("lab-1"), QStringLiteral("infra-app"), QStringLiteral("SEC-02"), now));
    QVERIFY(!findWaiver(list, QStringLiteral("prod-1"), QStringLiteral("infra-app"), QStringLiteral("SEC-01"), now));
}

void TestPolicyFile::wildcards_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("match");
    QTest::newRow("star crosses slash") << "*/secrets/*" << "/srv/a/secrets/db/pw" << true;
    QTest::newRow("suffix") << "*.key" << "/srv/tls/edge.key" << true;
    QTest::newRow("suffix no match") << "*.key" << "/srv/tls/edge.keys" << false;
    QTest::newRow("prefix") << "/run/secrets*" << "/run/secrets" << true;
    QTest::newRow("question") << "lab-?" << "lab-1" << true;
    QTest::newRow("question too short") << "lab-?" << "lab-" << false;
    QTest::newRow("exact") << "infra-app" << "infra-app-metrics" << false;
    QTest::newRow("backtracking") << "*a*b" << "aaab" << true;
    QTest::newRow("star matches empty") << "*" << "" << true;
    QTest::newRow("empty pattern") << "" << "x" << false;
    QTest::newRow("head and tail overlap") << "ab*ba" << "aba" << false;
    QTest::newRow("head and tail meet") << "ab*ba" << "abba" << true;
    QTest::newRow("literals in order") << "*a*b*c*" << "xaybzc" << true;
    QTest::newRow("literals out of order") << "*b*a*" << "ab" << false;
    QTest::newRow("prefix, middle and suffix") << "/run/*/s*.key" << "/run/x/y/secret.key" << true;
    QTest::newRow("question inside stars") << "*/se?rets/*" << "/srv/secrets/pw" << true;
}

void TestPolicyFile::wildcardsAgreeWithRegexExhaustively()
{
    // Every pattern over {a, b, *, ?} up to four characters against every text over {a, b} up to
    // four: the hand-written matcher's shortcuts must never disagree with the anchored regex.
    const auto all = [](const QString& alphabet, int maxLength) {
        QStringList out{QString()};
        QStringList last{QString()};
        for (int n = 1; n <= maxLength; ++n) {
            QStringList next;
            for (const QString& prefix : last)
                for (const QChar c : alphabet)
                    next << prefix + c;
            out << next;
            last = next;
        }
        return out;
    };
    const QStringList texts = all(QStringLiteral("ab"), 4);
    for (const QString& pattern : all(QStringLiteral("ab*?"), 4)) {
        const QRegularExpression re = globToRegex(pattern);
        const WildcardPattern compiled(pattern);
        for (const QString& text : texts) {
            const bool expected = re.match(text).hasMatch();
            QVERIFY2(wildcardMatch(pattern, text) == expected, qPrintable(pattern + QLatin1String(" ~ ") + text));
            QVERIFY2(compiled.matches(text) == expected, qPrintable(QLatin1String("compiled ") + pattern + QLatin1String(" ~ ") + text));
        }
    }
}

void TestPolicyFile::wildcards()
{
    QFETCH(QString, pattern);
    QFETCH(QString, text);
    QFETCH(bool, match);
    QCOMPARE(wildcardMatch(pattern, text), match);
    QCOMPARE(globToRegex(pattern).match(text).hasMatch(), match); // both spellings agree
    QCOMPARE(WildcardPattern(pattern).matches(text), match);     // and the compiled one the evaluator uses
}

QTEST_GUILESS_MAIN(TestPolicyFile)
#include "tst_policyfile.moc"
