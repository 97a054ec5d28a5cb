// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/hostlistmodel.h"
#include "settings/hostkeydialog.h"
#include "settings/settingsdialog.h"

#include "fleet/fleetfile.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

class TestSettingsDialog final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("bulwark-test"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    }

    void addEditRemoveAndSaveWritesTheFleetFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("fleet.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hosts:\n  - name: one\n    url: ssh://ops@127.0.0.1:2201\n  - name: two\n    url: unix:///var/run/docker.sock\n");
        f.close();
        auto fleet = FleetFile::load(path);
        QVERIFY2(fleet.ok(), qPrintable(fleet.errorMessage()));

        SettingsDialog dialog(*fleet);
        QAbstractItemModelTester tester(dialog.hostModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(dialog.hostModel()->rowCount(), 2);
        QCOMPARE(dialog.currentHost(), 0);

        // Edit the first host through its form.
        auto* name = dialog.findChild<QLineEdit*>(QString(), Qt::FindChildrenRecursively);
        QVERIFY(name);
        const QList<QLineEdit*> edits = dialog.findChildren<QLineEdit*>();
        QLineEdit* nameEdit = nullptr;
        QLineEdit* labelsEdit = nullptr;
        for (QLineEdit* e : edits) {
            if (e->accessibleName() == QStringLiteral("Name"))
                nameEdit = e;
            if (e->accessibleName() == QStringLiteral("Labels"))
                labelsEdit = e;
        }
        QVERIFY(nameEdit && labelsEdit);
        QCOMPARE(nameEdit->text(), QStringLiteral("one"));
        nameEdit->setText(QStringLiteral("alpha"));
        labelsEdit->setText(QStringLiteral("env=prod, site = fra1"));

        dialog.addHost();
        QCOMPARE(dialog.hostModel()->rowCount(), 3);
        QCOMPARE(dialog.currentHost(), 2);
        dialog.selectHost(1);
        dialog.removeHost(); // "two"
        QCOMPARE(dialog.hostModel()->rowCount(), 2);

        QVERIFY(dialog.save());
        auto saved = FleetFile::load(path);
        QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));
        QCOMPARE(saved->hosts.size(), 2);
        QCOMPARE(saved->hosts.at(0).name, QStringLiteral("alpha"));
        QCOMPARE(saved->hosts.at(0).labels.value(QStringLiteral("site")), QStringLiteral("fra1"));
        QCOMPARE(saved->hosts.at(0).sshPort, 2201);
        QVERIFY(saved->hosts.at(1).name.startsWith(QStringLiteral("host-")));
    }

    void lokiUserIsSavedAndItsPasswordNeverWritten()
    {
        const QString path = m_dir.filePath(QStringLiteral("fleet-loki.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hosts:\n  - name: one\n    url: unix:///var/run/docker.sock\n");
        f.close();
        auto fleet = FleetFile::load(path);
        QVERIFY2(fleet.ok(), qPrintable(fleet.errorMessage()));
        SettingsDialog dialog(*fleet);
        QMap<QString, QLineEdit*> byName;
        for (QLineEdit* e : dialog.findChildren<QLineEdit*>())
            byName.insert(e->accessibleName(), e);
        for (const char* n : {"Loki URL", "Loki user name", "Loki password"})
            QVERIFY2(byName.value(QString::fromLatin1(n)), n);
        QCOMPARE(byName.value(QStringLiteral("Loki password"))->echoMode(), QLineEdit::Password);
        byName.value(QStringLiteral("Loki URL"))->setText(QStringLiteral("http://127.0.0.1:3100"));
        byName.value(QStringLiteral("Loki user name"))->setText(QStringLiteral("probe"));
        byName.value(QStringLiteral("Loki password"))->setText(QStringLiteral("s3cret-loki-pw"));
        QVERIFY(dialog.save());
        auto saved = FleetFile::load(path);
        QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));
        QVERIFY(saved->loki);
        QCOMPARE(saved->loki->username, QStringLiteral("probe"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("s3cret-loki-pw")); // the keychain's, never the fleet file's
        QVERIFY(byName.value(QStringLiteral("Loki password"))->text().isEmpty());
    }

    // Every form label with a mnemonic (Alt+letter) focuses its field; a label without a buddy would
    // show its '&' literally and the shortcut would do nothing.
    void everyMnemonicLabelHasABuddy()
    {
        FleetConfig fleet;
        HostEntry host;
        host.name = QStringLiteral("h1");
        host.url = QStringLiteral("unix:///run/docker.sock");
        fleet.hosts << host;
        SettingsDialog dialog(fleet);
        int mnemonics = 0;
        for (const QLabel* label : dialog.findChildren<QLabel*>()) {
            const QString text = label->text();
            if (label->textFormat() == Qt::RichText || !text.contains(QLatin1Char('&')) || text.contains(QLatin1String("&&")))
                continue;
            ++mnemonics;
            QVERIFY2(label->buddy(), qPrintable(QStringLiteral("no buddy for the label \"%1\"").arg(text)));
        }
        QVERIFY(mnemonics >= 10);
    }

    void labelsRoundTrip()
    {
        const QMap<QString, QString> labels{{QStringLiteral("a"), QStringLiteral("1")}, {QStringLiteral("b"), QString()}};
        QCOMPARE(parseLabels(formatLabels(labels)), labels);
        QCOMPARE(parseLabels(QStringLiteral(" , x = y ,")), (QMap<QString, QString>{{QStringLiteral("x"), QStringLiteral("y")}}));
    }

    void hostKeyDialogShowsTheFingerprintAndTrustAppends()
    {
        const QString fp = QStringLiteral("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
        HostKeyDialog dialog(QStringLiteral("lab-1"), fp, m_dir.filePath(QStringLiteral("kh")), false);
        bool shown = false;
        for (QLabel* l : dialog.findChildren<QLabel*>())
            shown = shown || l->text() == fp;
        QVERIFY(shown);

        const QString kh = m_dir.filePath(QStringLiteral("ssh/known_hosts"));
        QVERIFY(appendKnownHostsLine(kh, QStringLiteral("[127.0.0.1]:2201 ssh-ed25519 AAAAC3Nza")).ok());
        QVERIFY(appendKnownHostsLine(kh, QStringLiteral("[127.0.0.1]:2202 ssh-ed25519 AAAAC3Nzb\n")).ok());
        QFile f(kh);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("[127.0.0.1]:2201 ssh-ed25519 AAAAC3Nza\n[127.0.0.1]:2202 ssh-ed25519 AAAAC3Nzb\n"));
        QCOMPARE(f.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
        QVERIFY(!appendKnownHostsLine(QString(), QStringLiteral("x")).ok());
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
