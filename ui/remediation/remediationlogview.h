// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/remediationrecord.h"
#include "model/result.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace bulwark {

class RemediationLogModel;

// The remediation log (issue 7): every apply of a compose patch, by whom, when, on which host and
// file, and how it ended; the selected entry's diff below, coloured like the patch preview. The
// log is read on the thread pool (it is an SQLite file the CLI may be writing); a reply for an
// older reload is dropped. A missing log is not created: it just has no entries yet.
class RemediationLogView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemediationLogView)
public:
    explicit RemediationLogView(QWidget* parent = nullptr);

    void setLogPath(const QString& path); // reloads
    // Shows these entries instead of a log file (the demo's synthetic fleet has no log).
    void showRecords(const QList<RemediationRecord>& records, const QString& origin);
    QString logPath() const { return m_path; }

    RemediationLogModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QPlainTextEdit* diffView() const { return m_diff; }
    QString statusText() const;
    bool isLoading() const { return m_loading; }

    // Blocking: the newest `limit` records of the log at `path`, or none when there is no file.
    static Result<QList<RemediationRecord>> readLog(const QString& path, int limit);

public slots:
    void reload();

signals:
    void loaded(int records); // a reload's answer reached the table (for tests)

private:
    void showCurrent();

    QString m_path;
    RemediationLogModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_filter = nullptr;
    QTableView* m_table = nullptr;
    QPlainTextEdit* m_diff = nullptr;
    QLabel* m_status = nullptr;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace bulwark
