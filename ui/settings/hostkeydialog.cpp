// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostkeydialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bulwark::ui {

HostKeyDialog::HostKeyDialog(const QString& hostName, const QString& fingerprint, const QString& knownHostsPath,
                             bool keyChanged, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(keyChanged ? tr("Host key changed") : tr("Trust host key?"));
    setAccessibleName(windowTitle());
    auto* text = new QLabel(this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setText(keyChanged
                      ? tr("<p><b>The host key of %1 differs from the one you trusted.</b> This can mean the host was "
                           "reinstalled — or that someone is intercepting the connection.</p>"
                           "<p>Only continue if you verified the new fingerprint with the host's administrator.</p>")
                            .arg(hostName.toHtmlEscaped())
                      : tr("<p>Bulwark has not connected to <b>%1</b> before. Compare this fingerprint with the one the "
                           "host shows (<code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>) before trusting it.</p>")
                            .arg(hostName.toHtmlEscaped()));
    auto* fp = new QLabel(fingerprint, this);
    fp->setAccessibleName(tr("SHA256 fingerprint"));
    fp->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(font().pointSizeF() * 1.15);
    fp->setFont(mono);
    auto* where = new QLabel(tr("Trusting appends the key to %1.").arg(knownHostsPath), this);
    where->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* trust = buttons->addButton(tr("&Trust this key"), QDialogButtonBox::AcceptRole);
    trust->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(fp);
    layout->addWidget(where);
    layout->addWidget(buttons);
}

Result<void> appendKnownHostsLine(const QString& knownHostsPath, const QString& line)
{
    if (knownHostsPath.isEmpty() || line.trimmed().isEmpty())
        return Result<void>::failure(QObject::tr("No known_hosts file or key to write."));
    QDir().mkpath(QFileInfo(knownHostsPath).absolutePath());
    QFile f(knownHostsPath);
    const bool existed = f.exists();
    if (!f.open(QIODevice::Append | QIODevice::Text))
        return Result<void>::failure(QObject::tr("Cannot write %1: %2").arg(knownHostsPath, f.errorString()));
    if (!existed)
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QByteArray bytes = line.trimmed().toUtf8();
    bytes.append('\n');
    if (f.write(bytes) != bytes.size() || !f.flush())
        return Result<void>::failure(QObject::tr("Cannot write %1: %2").arg(knownHostsPath, f.errorString()));
    return {};
}

} // namespace bulwark::ui
