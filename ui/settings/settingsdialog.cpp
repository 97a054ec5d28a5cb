// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsdialog.h"

#include "hostkeydialog.h"
#include "main/hostlistmodel.h"

#include "fleet/fleetfile.h"
#include "scan/fleetscanner.h"
#include "secrets/secretstore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>


namespace bulwark::ui {

QMap<QString, QString> parseLabels(const QString& text)
{
    QMap<QString, QString> out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        const QString key = (eq < 0 ? part : part.left(eq)).trimmed();
        if (!key.isEmpty())
            out.insert(key, eq < 0 ? QString() : part.mid(eq + 1).trimmed());
    }
    return out;
}

QString formatLabels(const QMap<QString, QString>& labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value();
    return parts.join(QStringLiteral(", "));
}

namespace {
QHBoxLayout* withBrowse(QLineEdit* edit, QWidget* parent, const QString& title)
{
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    auto* browse = new QPushButton(SettingsDialog::tr("Browse…"), parent);
    browse->setAccessibleName(SettingsDialog::tr("Browse for %1").arg(title));
    QObject::connect(browse, &QPushButton::clicked, parent, [edit, parent, title] {
        const QString path = QFileDialog::getOpenFileName(parent, title, edit->text());
        if (!path.isEmpty())
            edit->setText(path);
    });
    row->addWidget(browse);
    return row;
}
// A form label whose mnemonic focuses `buddy`. QFormLayout::addRow(QString, QLayout*) cannot set a
// buddy for a row that is a layout (a field with its button), and then shows the '&' literally.
QLabel* buddyLabel(const QString& text, QWidget* buddy)
{
    auto* label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    return label;
}
} // namespace

SettingsDialog::SettingsDialog(const FleetConfig& fleet, QWidget* parent)
    : QDialog(parent)
    , m_fleet(fleet)
    , m_hostModel(new HostListModel(this))
{
    setWindowTitle(tr("Hosts and Settings"));
    setAccessibleName(windowTitle());
    auto* tabs = new QTabWidget(this);
    tabs->addTab(hostsTab(), tr("&Hosts"));
    tabs->addTab(endpointsTab(), tr("&Endpoints"));
    tabs->addTab(policyTab(), tr("&Policy"));
    tabs->addTab(liveTab(), tr("&Live"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    resize(760, 520);

    m_hostModel->setFleet(m_fleet);
    selectHost(m_fleet.hosts.isEmpty() ? -1 : 0);
}

QWidget* SettingsDialog::hostsTab()
{
    auto* page = new QWidget(this);
    m_hostView = new QTableView(page);
    m_hostView->setModel(m_hostModel);
    m_hostView->setAccessibleName(tr("Hosts of the fleet"));
    m_hostView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_hostView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_hostView->verticalHeader()->hide();
    m_hostView->horizontalHeader()->setStretchLastSection(true);
    m_hostView->hideColumn(HostListModel::StatusColumn);
    m_hostView->hideColumn(HostListModel::ContainersColumn);
    connect(m_hostView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                storeHost();
                loadHost(current.isValid() ? current.row() : -1);
            });

    auto* add = new QPushButton(tr("&Add"), page);
    auto* remove = new QPushButton(tr("&Remove"), page);
    m_test = new QPushButton(tr("&Test connection"), page);
    connect(add, &QPushButton::clicked, this, &SettingsDialog::addHost);
    connect(remove, &QPushButton::clicked, this, &SettingsDialog::removeHost);
    connect(m_test, &QPushButton::clicked, this, &SettingsDialog::testConnection);

    m_name = new QLineEdit(page);
    m_url = new QLineEdit(page);
    m_url->setPlaceholderText(QStringLiteral("ssh://user@host:22, ssh://alias, unix:///var/run/docker.sock"));
    m_socket = new QLineEdit(page);
    m_identity = new QLineEdit(page);
    m_knownHosts = new QLineEdit(page);
    m_knownHosts->setPlaceholderText(tr("~/.ssh/known_hosts"));
    m_labels = new QLineEdit(page);
    m_labels->setPlaceholderText(tr("env=prod, site=fra1"));
    m_secret = new QLineEdit(page);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("Key passphrase or password (stored in the keychain)"));
    auto* storeSecret = new QPushButton(tr("Store in &keychain"), page);
    connect(storeSecret, &QPushButton::clicked, this, &SettingsDialog::storeCredential);
    m_testResult = new QLabel(page);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("Docker &socket:"), m_socket);
    form->addRow(buddyLabel(tr("&Identity file:"), m_identity), withBrowse(m_identity, this, tr("Identity file")));
    form->addRow(buddyLabel(tr("&known_hosts file:"), m_knownHosts), withBrowse(m_knownHosts, this, tr("known_hosts file")));
    form->addRow(tr("&Labels:"), m_labels);
    auto* secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(storeSecret);
    form->addRow(buddyLabel(tr("&Credential:"), m_secret), secretRow);
    for (QLineEdit* e : {m_name, m_url, m_socket, m_identity, m_knownHosts, m_labels, m_secret})
        if (auto* l = qobject_cast<QLabel*>(form->labelForField(e)))
            e->setAccessibleName(l->text().remove(QLatin1Char('&')).remove(QLatin1Char(':')));

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addWidget(m_test);
    buttons->addStretch(1);
    auto* top = new QHBoxLayout;
    top->addWidget(m_hostView, 1);
    top->addLayout(buttons);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(top, 1);
    layout->addLayout(form);
    layout->addWidget(m_testResult);
    return page;
}

QWidget* SettingsDialog::endpointsTab()
{
    auto* page = new QWidget(this);
    m_lokiUrl = new QLineEdit(m_fleet.loki ? m_fleet.loki->url : QString(), page);
    m_lokiUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:3100"));
    m_lokiTenant = new QLineEdit(m_fleet.loki ? m_fleet.loki->tenant : QString(), page);
    m_lokiUser = new QLineEdit(m_fleet.loki ? m_fleet.loki->username : QString(), page);
    m_lokiUser->setPlaceholderText(tr("None (no HTTP authentication)"));
    m_lokiPassword = new QLineEdit(page);
    m_lokiPassword->setEchoMode(QLineEdit::Password);
    m_lokiPassword->setPlaceholderText(tr("Unchanged (stored in the keychain)"));
    m_promUrl = new QLineEdit(m_fleet.prometheus ? m_fleet.prometheus->url : QString(), page);
    m_promUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:9090"));
    m_lokiUrl->setAccessibleName(tr("Loki URL"));
    m_lokiTenant->setAccessibleName(tr("Loki tenant"));
    m_lokiUser->setAccessibleName(tr("Loki user name"));
    m_lokiPassword->setAccessibleName(tr("Loki password"));
    m_promUrl->setAccessibleName(tr("Prometheus URL"));
    auto* form = new QFormLayout(page);
    form->addRow(tr("&Loki URL:"), m_lokiUrl);
    form->addRow(tr("Loki &tenant:"), m_lokiTenant);
    form->addRow(tr("Loki &user:"), m_lokiUser);
    form->addRow(tr("Loki pass&word:"), m_lokiPassword);
    form->addRow(tr("&Prometheus URL:"), m_promUrl);
    auto* note = new QLabel(tr("Endpoints are saved in the fleet file. Leave a URL empty to skip that check. "
                               "The Loki password is kept in the keychain only, never in the fleet file."),
                            page);
    note->setWordWrap(true);
    form->addRow(note);
    return page;
}

QWidget* SettingsDialog::policyTab()
{
    auto* page = new QWidget(this);
    QSettings s;
    m_policy = new QLineEdit(s.value(QStringLiteral("audit/policyPath")).toString(), page);
    m_policy->setPlaceholderText(tr("Embedded SPEC-INFRA-04 policy"));
    m_waivers = new QLineEdit(s.value(QStringLiteral("audit/waiversPath")).toString(), page);
    m_waivers->setPlaceholderText(tr("No waivers"));
    m_policy->setAccessibleName(tr("Policy file"));
    m_waivers->setAccessibleName(tr("Waiver file"));
    auto* form = new QFormLayout(page);
    form->addRow(buddyLabel(tr("P&olicy file:"), m_policy), withBrowse(m_policy, this, tr("Policy file")));
    form->addRow(buddyLabel(tr("&Waiver file:"), m_waivers), withBrowse(m_waivers, this, tr("Waiver file")));
    return page;
}

QWidget* SettingsDialog::liveTab()
{
    auto* page = new QWidget(this);
    QSettings s;
    m_refresh = new QSpinBox(page);
    m_refresh->setRange(0, 24 * 60);
    m_refresh->setSuffix(tr(" min"));
    m_refresh->setSpecialValueText(tr("Off"));
    m_refresh->setValue(s.value(QStringLiteral("live/refreshMinutes"), 0).toInt());
    m_refresh->setAccessibleName(tr("Auto-refresh interval"));
    m_watch = new QCheckBox(tr("&Watch mode: audit again when the fleet, policy or waiver file changes"), page);
    m_watch->setChecked(s.value(QStringLiteral("live/watch"), false).toBool());
    auto* form = new QFormLayout(page);
    form->addRow(tr("&Auto-refresh every:"), m_refresh);
    form->addRow(m_watch);
    return page;
}

void SettingsDialog::selectHost(int row)
{
    if (row >= 0 && row < m_hostModel->rowCount())
        m_hostView->setCurrentIndex(m_hostModel->index(row, 0));
    else
        loadHost(-1);
}

void SettingsDialog::loadHost(int row)
{
    m_current = row;
    const bool valid = row >= 0 && row < m_fleet.hosts.size();
    const HostEntry e = valid ? m_fleet.hosts.at(row) : HostEntry{};
    for (QLineEdit* edit : {m_name, m_url, m_socket, m_identity, m_knownHosts, m_labels, m_secret})
        edit->setEnabled(valid);
    m_test->setEnabled(valid);
    m_name->setText(e.name);
    m_url->setText(e.url);
    m_socket->setText(valid ? e.socket : QString());
    m_identity->setText(e.identity);
    m_knownHosts->setText(e.knownHosts);
    m_labels->setText(formatLabels(e.labels));
    m_secret->clear();
    m_testResult->clear();
}

void SettingsDialog::storeHost()
{
    if (m_current < 0 || m_current >= m_fleet.hosts.size())
        return;
    HostEntry& e = m_fleet.hosts[m_current];
    e.name = m_name->text().trimmed();
    e.url = m_url->text().trimmed();
    e.socket = m_socket->text().trimmed().isEmpty() ? QStringLiteral("/var/run/docker.sock") : m_socket->text().trimmed();
    e.identity = m_identity->text().trimmed();
    e.knownHosts = m_knownHosts->text().trimmed();
    e.labels = parseLabels(m_labels->text());
    (void)FleetFile::resolveUrl(e); // errors are reported on save, where they block
    // Refresh the list without re-entering the current-row handler.
    const QSignalBlocker block(m_hostView->selectionModel());
    m_hostModel->setFleet(m_fleet);
    m_hostView->setCurrentIndex(m_hostModel->index(m_current, 0));
}

void SettingsDialog::addHost()
{
    storeHost();
    HostEntry e;
    int n = int(m_fleet.hosts.size()) + 1;
    while (m_fleet.findHost(QStringLiteral("host-%1").arg(n)))
        ++n;
    e.name = QStringLiteral("host-%1").arg(n);
    e.url = QStringLiteral("ssh://%1").arg(e.name);
    (void)FleetFile::resolveUrl(e);
    m_fleet.hosts.append(e);
    m_hostModel->setFleet(m_fleet);
    m_current = -1;
    selectHost(int(m_fleet.hosts.size()) - 1);
    m_name->setFocus();
    m_name->selectAll();
}

void SettingsDialog::removeHost()
{
    if (m_current < 0 || m_current >= m_fleet.hosts.size())
        return;
    const int row = m_current;
    m_fleet.hosts.removeAt(row);
    m_current = -1;
    m_hostModel->setFleet(m_fleet);
    selectHost(std::min(row, int(m_fleet.hosts.size()) - 1));
}

void SettingsDialog::storeCredential()
{
    storeHost();
    if (m_current < 0 || m_secret->text().isEmpty())
        return;
    const HostEntry& e = m_fleet.hosts.at(m_current);
    if (e.identity.isEmpty()) {
        m_testResult->setText(tr("Set the identity file first: the keychain keeps that key's passphrase."));
        return;
    }
    // The keychain is asynchronous (D-Bus); the secret never touches a file, argv or the environment.
    auto* store = new SecretStore(this);
    QPointer<QLabel> result = m_testResult;
    store->write(SecretStore::sshPassphraseKey(e.identity), m_secret->text(), [result, store](const Result<void>& r) {
        if (result)
            result->setText(r ? tr("Credential stored in the keychain.")
                              : tr("The keychain refused the credential: %1").arg(r.errorMessage()));
        store->deleteLater();
    });
    m_secret->clear();
}

void SettingsDialog::testConnection()
{
    storeHost();
    if (m_current < 0)
        return;
    HostEntry e = m_fleet.hosts.at(m_current);
    if (const Result<void> r = FleetFile::resolveUrl(e); !r) {
        m_testResult->setText(r.errorMessage());
        return;
    }
#ifdef BULWARK_UI_HAVE_SCANNER
    auto* scanner = new FleetScanner(this);
    FleetConfig one;
    one.hosts.append(e);
    m_test->setEnabled(false);
    m_testResult->setText(tr("Connecting to %1…").arg(e.name));
    connect(scanner, &FleetScanner::hostFinished, this, [this, e](const HostSnapshot& snap) {
        if (snap.isOk())
            m_testResult->setText(tr("✓ %1: Docker %2 with %n container(s).", nullptr, int(snap.containers.size()))
                                      .arg(e.name, snap.engine.serverVersion));
        else
            m_testResult->setText(tr("✗ %1: %2").arg(e.name, snap.error));
        if (snap.status == HostStatus::HostKeyUnknown || snap.status == HostStatus::HostKeyChanged)
            handleHostKey(e.name, snap.hostKeyFingerprint, snap.hostKeyLine, snap.status == HostStatus::HostKeyChanged);
    });
    connect(scanner, &FleetScanner::finished, scanner, [this, scanner] {
        m_test->setEnabled(true);
        scanner->deleteLater();
    });
    ScanOptions options;
    options.collectMemory = false;
    options.hostTimeoutMs = 20000;
    scanner->setOptions(options);
    scanner->scan(one);
#else
    m_testResult->setText(tr("This build cannot connect to hosts yet (no scanner)."));
#endif
}

void SettingsDialog::handleHostKey(const QString& hostName, const QString& fingerprint, const QString& line, bool changed)
{
    const HostEntry* e = m_fleet.findHost(hostName);
    const QString knownHosts = e && !e->knownHosts.isEmpty() ? e->knownHosts : QDir::homePath() + QStringLiteral("/.ssh/known_hosts");
    HostKeyDialog dialog(hostName, fingerprint, knownHosts, changed, this);
    if (dialog.exec() != QDialog::Accepted || changed)
        return; // a changed key is never overwritten from here: the old line must be removed by hand
    auto* watcher = new QFutureWatcher<Result<void>>(this);
    connect(watcher, &QFutureWatcher<Result<void>>::finished, this, [this, watcher, hostName] {
        const Result<void> r = watcher->result();
        m_testResult->setText(r ? tr("Host key of %1 trusted. Test the connection again.").arg(hostName) : r.errorMessage());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(appendKnownHostsLine, knownHosts, line));
}

bool SettingsDialog::save()
{
    storeHost();
    for (HostEntry& e : m_fleet.hosts) {
        if (const Result<void> r = FleetFile::resolveUrl(e); !r) {
            QMessageBox::warning(this, tr("Invalid host"), tr("Host %1: %2").arg(e.name, r.errorMessage()));
            return false;
        }
    }
    if (m_lokiUrl->text().trimmed().isEmpty())
        m_fleet.loki.reset();
    else
        m_fleet.loki = LokiEndpoint{m_lokiUrl->text().trimmed(), m_lokiTenant->text().trimmed(), m_lokiUser->text().trimmed()};
    if (m_fleet.loki && !m_lokiPassword->text().isEmpty()) {
        // Asynchronous (D-Bus); the store outlives the dialog's close until the keychain answered.
        auto* store = new SecretStore(parent() ? parent() : this);
        const QString url = m_fleet.loki->url;
        store->write(SecretStore::httpTokenKey(url), m_lokiPassword->text(), [store, url](const Result<void>& r) {
            if (!r)
                qWarning("Loki password for %s not stored: %s", qUtf8Printable(url), qUtf8Printable(r.errorMessage()));
            store->deleteLater();
        });
        m_lokiPassword->clear();
    }
    if (m_promUrl->text().trimmed().isEmpty())
        m_fleet.prometheus.reset();
    else
        m_fleet.prometheus = PrometheusEndpoint{m_promUrl->text().trimmed()};

    QString path = m_fleet.sourcePath;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Save Fleet File"), QDir::homePath() + QStringLiteral("/fleet.yaml"),
                                            tr("Fleet files (*.yaml *.yml)"));
    if (path.isEmpty())
        return false;
    if (const Result<void> r = FleetFile::save(m_fleet, path); !r) {
        QMessageBox::warning(this, tr("Cannot save fleet file"), r.errorMessage());
        return false;
    }
    m_fleet.sourcePath = path;
    QSettings s;
    s.setValue(QStringLiteral("audit/policyPath"), m_policy->text().trimmed());
    s.setValue(QStringLiteral("audit/waiversPath"), m_waivers->text().trimmed());
    s.setValue(QStringLiteral("live/refreshMinutes"), m_refresh->value());
    s.setValue(QStringLiteral("live/watch"), m_watch->isChecked());
    return true;
}

} // namespace bulwark::ui
