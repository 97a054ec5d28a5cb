// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "detail/containerdetailpane.h"
#include "heatmap/controlheaderview.h"
#include "heatmap/heatmapdelegate.h"
#include "heatmap/heatmapfiltermodel.h"
#include "heatmap/heatmapmodel.h"
#include "latency/loglatencyview.h"
#include "live/auditcontroller.h"
#include "model/fleettreemodel.h"
#include "settings/hostkeydialog.h"
#include "settings/settingsdialog.h"
#include "style/statusstyle.h"
#include "reportexport.h"
#include "summarybar.h"
#include "trends/memoryhistory.h"
#include "trends/memorytrendsview.h"

#include "fleet/fleetfile.h"

#ifdef BULWARK_UI_HAVE_HISTORY_SERVICE
#include "telemetry/historyservice.h"
#endif
#ifdef BULWARK_UI_HAVE_REMEDIATION
#include "remediation/patchpreviewdialog.h"
#include "remediation/remediationlog.h"
#include "remediation/remediationlogmodel.h"
#include "remediation/remediationlogview.h"
#endif

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QEventLoop>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <array>
#include <QtConcurrent/QtConcurrentRun>

namespace bulwark {

using namespace bulwark::ui;

namespace {

#ifdef BULWARK_UI_HAVE_REMEDIATION
// For the README's picture of the patch preview: a plan made by the real planner from a small
// compose file with the usual findings (no host is contacted).
HostEntry screenshotHost(const FleetConfig& fleet)
{
    if (!fleet.hosts.isEmpty())
        return fleet.hosts.constFirst();
    HostEntry host;
    host.name = QStringLiteral("host-01");
    return host;
}

RemediationPlan screenshotPlan()
{
    ComposeOrigin origin;
    origin.project = QStringLiteral("infra");
    origin.service = QStringLiteral("prometheus");
    origin.workingDir = QStringLiteral("/srv/infra");
    origin.configFiles = {QStringLiteral("/srv/infra/compose.yaml")};
    ComposeFile file;
    file.path = origin.configFiles.constFirst();
    file.content = QByteArrayLiteral(
        "# Metrics for the infra stack. Owned by platform-observability.\n"
        "services:\n"
        "  prometheus:\n"
        "    image: prom/prometheus:v2.48\n"
        "    restart: unless-stopped\n"
        "    ports:\n"
        "      - \"9090:9090\"   # scraped by the central Grafana\n"
        "    volumes:\n"
        "      - ./prometheus.yml:/etc/prometheus/prometheus.yml:ro\n"
        "      - /srv/prometheus:/prometheus\n"
        "    mem_limit: 1536m\n"
        "    networks: [infra_net]\n"
        "networks:\n"
        "  infra_net:\n"
        "    external: true\n");
    const QList<ServiceFixes> services{
        {QStringLiteral("prometheus"),
         {FixKind::NoNewPrivileges, FixKind::CapDropAll, FixKind::ReadOnlyRootfs, FixKind::LoopbackPorts}}};
    RemediationPlan plan = planComposeFixes(origin, {file}, services, FixOptions{});
    plan.hostName = QStringLiteral("host-01");
    plan.containerName = QStringLiteral("infra-prometheus-1");
    plan.controls = {QStringLiteral("SEC-01"), QStringLiteral("SEC-02"), QStringLiteral("REQ-HARD-03"), QStringLiteral("INF-02")};
    return plan;
}
#endif

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_history(std::make_unique<SessionMemoryHistory>())
    , m_audit(new AuditController(this))
    , m_tree(new FleetTreeModel(this))
    , m_heatmap(new HeatmapModel(this))
    , m_filter(new HeatmapFilterModel(this))
{
    setWindowTitle(tr("Bulwark"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/bulwark.svg")));
    setObjectName(QStringLiteral("MainWindow"));
    m_filter->setHeatmap(m_heatmap);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->setAccessibleName(tr("Views"));
    m_memoryView = new MemoryTrendsView(this);
    m_memoryView->setHistory(m_history.get());
    m_latencyView = new LogLatencyView(this);
    m_tabs->addTab(createCompliancePage(), tr("Compliance"));
    m_tabs->addTab(m_memoryView, tr("Memory trends"));
    m_tabs->addTab(m_latencyView, tr("Log latency"));
#ifdef BULWARK_UI_HAVE_REMEDIATION
    m_remediationView = new RemediationLogView(this);
    m_tabs->addTab(m_remediationView, tr("Remediation log"));
    // Read when first looked at and every time after: the CLI may have applied fixes meanwhile.
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::syncCurrentPage);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == int(Page::Remediation)) {
            if (!m_remediationView->logPath().isEmpty())
                m_remediationView->reload();
            else if (m_remediationView->model()->rowCount() == 0)
                m_remediationView->setLogPath(RemediationLog::defaultPath());
        }
    });
#endif
    setCentralWidget(m_tabs);

    createDocks();
    createStatusBar();
    createActions();

    connect(m_audit, &AuditController::started, this, [this](int total) { setBusy(true, total); });
    connect(m_audit, &AuditController::hostStarted, this,
            [this](const QString& host) { m_statusText->setText(tr("Scanning %1…").arg(host)); });
    connect(m_audit, &AuditController::hostFinished, m_tree, &FleetTreeModel::updateHost);
    connect(m_audit, &AuditController::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_audit, &AuditController::finished, this, [this](const AuditRun& run) {
        setBusy(false, 0);
        showRun(run);
    });
    connect(m_audit, &AuditController::failed, this, [this](const QString& message) {
        setBusy(false, 0);
        m_statusText->setText(message);
    });
    connect(m_audit, &AuditController::cancelled, this, [this] {
        setBusy(false, 0);
        m_statusText->setText(tr("Audit cancelled."));
    });
    // Watch mode: the last run amended from the hosts' Docker events, and hosts that dropped.
    connect(m_audit, &AuditController::runUpdated, this, [this](const AuditRun& run) {
        if (!m_audit->isRunning())
            showRun(run);
    });
    connect(m_audit, &AuditController::hostWatchStateChanged, this,
            [this](const QString& host, WatchState state, const QString& reason, int retryInMs) {
                if (state == WatchState::Reconnecting)
                    m_statusText->setText(
                        tr("%1: connection lost, reconnecting in %2 s (%3)").arg(host).arg((retryInMs + 999) / 1000).arg(reason));
                else if (state == WatchState::Watching)
                    m_statusText->setText(tr("%1: watching for container changes").arg(host));
            });

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1500, 920);
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) {
        // First start: dock widths only take once the window is laid out, so set them after show().
        QTimer::singleShot(0, this, [this] {
            const int fleetWidth = m_fleetView->fontMetrics().horizontalAdvance(QStringLiteral("(no project) 100 % Containers")) + 110;
            resizeDocks({m_fleetDock, m_detailDock}, {fleetWidth, 420}, Qt::Horizontal);
        });
    }
    applySettings();
    m_statusText->setText(tr("Open a fleet file to begin (Ctrl+O)."));
}

MainWindow::~MainWindow() = default;

QWidget* MainWindow::createCompliancePage()
{
    auto* page = new QWidget(this);
    m_summary = new SummaryBar(page);

    m_search = new QLineEdit(page);
    m_search->setPlaceholderText(tr("Filter containers, images, projects… (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Filter text"));
    m_hostFilter = new QComboBox(page);
    m_hostFilter->setAccessibleName(tr("Host filter"));
    m_statusFilter = new QComboBox(page);
    m_statusFilter->setAccessibleName(tr("Status filter"));
    m_controlFilter = new QComboBox(page);
    m_controlFilter->setAccessibleName(tr("Control filter"));
    // Long host names and control titles must not widen the whole window; the popups show them in full.
    for (QComboBox* box : {m_hostFilter, m_statusFilter, m_controlFilter}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(12);
    }
    m_statusFilter->addItem(tr("Any status"), -1);
    for (const ControlStatus s : {ControlStatus::Fail, ControlStatus::Unknown, ControlStatus::Waived, ControlStatus::Pass,
                                  ControlStatus::NotApplicable})
        m_statusFilter->addItem(statusIcon(s, false), statusText(s), int(s));
    auto* worst = new QPushButton(tr("Sort by &worst"), page);
    worst->setToolTip(tr("Lowest score first (Ctrl+Shift+S)"));
    fillFilterChoices();

    auto* filters = new QHBoxLayout;
    filters->setContentsMargins(8, 0, 8, 0);
    filters->addWidget(m_search, 2);
    filters->addWidget(m_hostFilter, 1);
    filters->addWidget(m_statusFilter, 1);
    filters->addWidget(m_controlFilter, 1);
    filters->addWidget(worst);

    m_heatmapView = new QTableView(page);
    m_heatmapView->setObjectName(QStringLiteral("heatmap"));
    m_heatmapView->setAccessibleName(tr("Compliance heatmap"));
    m_heatmapView->setAccessibleDescription(tr("Rows are containers grouped by host and project, columns are controls"));
    m_heatmapView->setHorizontalHeader(new ControlHeaderView(HeatmapModel::FirstControlColumn, m_heatmapView));
    m_heatmapView->setModel(m_filter);
    m_heatmapView->setItemDelegate(new HeatmapDelegate(m_heatmapView));
    m_heatmapView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_heatmapView->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_heatmapView->setShowGrid(false);
    m_heatmapView->setSortingEnabled(true);
    m_heatmapView->setWordWrap(false);
    m_heatmapView->setMouseTracking(true);
    m_heatmapView->verticalHeader()->hide();
    m_heatmapView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_heatmapView->verticalHeader()->setDefaultSectionSize(HeatmapDelegate::kCellSize);
    m_heatmapView->horizontalHeader()->setMinimumSectionSize(HeatmapDelegate::kCellSize);
    m_heatmapView->horizontalHeader()->setSortIndicatorShown(true);
    m_heatmapView->horizontalHeader()->setStretchLastSection(false);
    m_filter->sortByWorst();
    m_heatmapView->horizontalHeader()->setSortIndicator(HeatmapModel::ScoreColumn, Qt::AscendingOrder);

    auto* legend = new QLabel(page);
    legend->setTextFormat(Qt::RichText);
    QStringList parts;
    for (const ControlStatus s : {ControlStatus::Pass, ControlStatus::Fail, ControlStatus::Waived, ControlStatus::NotApplicable,
                                  ControlStatus::Unknown})
        parts << QStringLiteral("<b>%1</b> %2").arg(statusGlyph(s), statusText(s).toHtmlEscaped());
    legend->setText(tr("Legend: %1 · hover a cell for evidence, Enter or double-click for details").arg(parts.join(QStringLiteral(" · "))));
    legend->setContentsMargins(8, 0, 8, 4);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_summary);
    layout->addLayout(filters);
    layout->addWidget(m_heatmapView, 1);
    layout->addWidget(legend);

    connect(m_search, &QLineEdit::textChanged, m_filter, &HeatmapFilterModel::setTextFilter);
    connect(m_hostFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setHostFilter(m_hostFilter->currentData().toString()); });
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this] {
        const int s = m_statusFilter->currentData().toInt();
        const std::optional<ControlStatus> status = s < 0 ? std::nullopt : std::optional<ControlStatus>(ControlStatus(s));
        m_filter->setStatusFilter(status);
        m_summary->setStatusFilter(status);
    });
    connect(m_summary, &SummaryBar::statusFilterChanged, this, [this](const std::optional<ControlStatus>& s) {
        m_statusFilter->setCurrentIndex(std::max(0, m_statusFilter->findData(s ? int(*s) : -1)));
    });
    connect(m_controlFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setControlFilter(m_controlFilter->currentData().toString()); });
    connect(worst, &QPushButton::clicked, this, [this] {
        m_heatmapView->horizontalHeader()->setSortIndicator(HeatmapModel::ScoreColumn, Qt::AscendingOrder);
    });
    connect(m_heatmapView->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onHeatmapCurrent);
    connect(m_heatmapView, &QTableView::activated, this, [this](const QModelIndex& index) {
        onHeatmapCurrent(index);
        m_detailDock->show();
        m_detailDock->raise();
    });
    return page;
}

void MainWindow::createDocks()
{
    m_fleetView = new QTreeView(this);
    m_fleetView->setModel(m_tree);
    m_fleetView->setAccessibleName(tr("Fleet"));
    m_fleetView->setUniformRowHeights(true);
    m_fleetView->setAllColumnsShowFocus(true);
    m_fleetView->setIconSize(QSize(16, 16));
    // Host names, score and count stay readable; the detail's width is set on first show (see constructor).
    m_fleetView->setMinimumWidth(m_fleetView->fontMetrics().horizontalAdvance(QStringLiteral("(no project) 100 % 99")) + 60);
    m_fleetView->header()->setStretchLastSection(false);
    m_fleetView->header()->setSectionResizeMode(FleetTreeModel::NameColumn, QHeaderView::Stretch);
    m_fleetView->header()->setSectionResizeMode(FleetTreeModel::ScoreColumn, QHeaderView::ResizeToContents);
    m_fleetView->header()->setSectionResizeMode(FleetTreeModel::ContainersColumn, QHeaderView::ResizeToContents);
    connect(m_fleetView->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onFleetSelection);
    m_fleetDock = new QDockWidget(tr("Fleet"), this);
    m_fleetDock->setObjectName(QStringLiteral("fleetDock"));
    m_fleetDock->setWidget(m_fleetView);
    addDockWidget(Qt::LeftDockWidgetArea, m_fleetDock);

    m_detail = new ContainerDetailPane(this);
    m_detail->setHistory(m_history.get());
    connect(m_detail, &ContainerDetailPane::showFixRequested, this, &MainWindow::showFix);
    m_detailDock = new QDockWidget(tr("Container detail"), this);
    m_detailDock->setObjectName(QStringLiteral("detailDock"));
    m_detailDock->setWidget(m_detail);
    addDockWidget(Qt::RightDockWidgetArea, m_detailDock);
    resizeDocks({m_fleetDock, m_detailDock}, {280, 460}, Qt::Horizontal);
}

void MainWindow::createStatusBar()
{
    m_statusText = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Scan progress"));
    m_progress->setMaximumWidth(220);
    m_progress->setFormat(tr("%v of %m hosts"));
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setAccessibleName(tr("Cancel scan"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &MainWindow::cancelAudit);
    statusBar()->addWidget(m_statusText, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Fleet…"), this, &MainWindow::chooseFleetFile);
    open->setShortcut(QKeySequence::Open);
    QAction* exportAction = file->addAction(tr("&Export Report…"), this, &MainWindow::exportReport);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction* settings = file->addAction(tr("Hosts and &Settings…"), this, &MainWindow::openSettings);
    settings->setShortcut(QKeySequence::Preferences);
    if (settings->shortcut().isEmpty())
        settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* audit = menuBar()->addMenu(tr("&Audit"));
    m_runAction = audit->addAction(tr("&Run Audit"), this, &MainWindow::startAudit);
    m_runAction->setShortcut(QKeySequence::Refresh);
    m_cancelAction = audit->addAction(tr("&Cancel Audit"), this, &MainWindow::cancelAudit);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setEnabled(false);
    audit->addSeparator();
    m_watchAction = audit->addAction(tr("&Watch Mode"));
    m_watchAction->setCheckable(true);
    m_watchAction->setToolTip(tr("Follow container changes on every host, and audit again when the fleet, policy or waiver file changes"));
    connect(m_watchAction, &QAction::toggled, this, [this](bool on) {
        m_audit->setWatchMode(on);
        QSettings().setValue(QStringLiteral("live/watch"), on);
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* find = view->addAction(tr("&Find"), this, [this] {
        showPage(Page::Compliance);
        m_search->setFocus();
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    QAction* worst = view->addAction(tr("Sort by &Worst"), this, [this] {
        m_heatmapView->horizontalHeader()->setSortIndicator(HeatmapModel::ScoreColumn, Qt::AscendingOrder);
    });
    worst->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    QAction* clear = view->addAction(tr("&Clear Filters"), this, [this] {
        m_search->clear();
        m_hostFilter->setCurrentIndex(0);
        m_statusFilter->setCurrentIndex(0);
        m_controlFilter->setCurrentIndex(0);
        m_filter->setProjectFilter(std::nullopt);
        m_fleetView->clearSelection();
    });
    clear->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    view->addSeparator();
    QList<std::pair<Page, QString>> pages{
        {Page::Compliance, tr("&Compliance")}, {Page::Memory, tr("&Memory Trends")}, {Page::Latency, tr("&Log Latency")}};
    if (m_remediationView)
        pages.append({Page::Remediation, tr("&Remediation Log")});
    int n = 1;
    for (const auto& [page, text] : pages) {
        QAction* a = view->addAction(text, this, [this, page] { showPage(page); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + n++)));
    }
    view->addSeparator();
    view->addAction(m_fleetDock->toggleViewAction());
    view->addAction(m_detailDock->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Bulwark"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->setMovable(false);
    toolbar->addAction(open);
    toolbar->addAction(m_runAction);
    toolbar->addAction(m_cancelAction);
    toolbar->addAction(m_watchAction);
    toolbar->addSeparator();
    toolbar->addAction(exportAction);
    toolbar->addAction(settings);
}

void MainWindow::applySettings()
{
    QSettings s;
    AuditOptions options;
    options.policyPath = s.value(QStringLiteral("audit/policyPath")).toString();
    options.waiversPath = s.value(QStringLiteral("audit/waiversPath")).toString();
    options.probeLogs = true;
    m_audit->setOptions(options);
    m_audit->setRefreshInterval(s.value(QStringLiteral("live/refreshMinutes"), 0).toInt());
    const QSignalBlocker block(m_watchAction);
    m_watchAction->setChecked(s.value(QStringLiteral("live/watch"), false).toBool());
    m_audit->setWatchMode(m_watchAction->isChecked());
}

void MainWindow::chooseFleetFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Fleet File"), {},
                                                      tr("Fleet files (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty())
        openFleet(path);
}

bool MainWindow::openFleet(const QString& path)
{
    auto fleet = FleetFile::load(path);
    if (!fleet) {
        QMessageBox::warning(this, tr("Cannot open fleet file"), fleet.errorMessage());
        return false;
    }
    setFleet(*fleet);
    setWindowFilePath(path);
    m_statusText->setText(tr("%n host(s) in %1. Press F5 to audit.", nullptr, int(m_fleet.hosts.size())).arg(path));
    return true;
}

void MainWindow::setFleet(const FleetConfig& fleet)
{
    m_fleet = fleet;
    m_tree->setFleet(m_fleet);
    if (m_run)
        m_tree->setRun(m_run);
    m_audit->setFleet(m_fleet);
    m_fleetView->expandAll();
    fillFilterChoices();
}

void MainWindow::showRun(const AuditRun& run)
{
    auto shared = std::make_shared<const AuditRun>(run);
    m_run = shared;
    m_history->addRun(run);
#ifdef BULWARK_UI_HAVE_HISTORY_SERVICE
    if (m_historyService && m_historyWritable) {
        // Written on the history's thread; the flush makes the view's next query see this reading.
        m_historyService->addSamples(samplesOfRun(run));
        m_historyService->flush();
    }
#endif
    const QString host = m_detail->hostName();
    const QString container = m_detail->containerId();
    m_heatmap->setRun(shared);
    m_tree->setRun(shared);
    m_fleetView->expandAll();
    m_summary->setRun(shared.get());
    // Charts on pages nobody is looking at are brought up to date when their page is shown: a
    // QtCharts relayout costs tens of milliseconds the UI thread should not spend on a hidden tab.
    m_memoryStale = true;
    m_latencyStale = true;
    syncCurrentPage();
    fillFilterChoices();
    m_heatmapView->resizeColumnToContents(HeatmapModel::HostColumn);
    m_heatmapView->resizeColumnToContents(HeatmapModel::ProjectColumn);
    m_heatmapView->resizeColumnToContents(HeatmapModel::ContainerColumn);
    m_heatmapView->setColumnWidth(HeatmapModel::ContainerColumn,
                                  std::clamp(m_heatmapView->columnWidth(HeatmapModel::ContainerColumn), 140, 260));
    m_heatmapView->resizeColumnToContents(HeatmapModel::ScoreColumn);
    m_heatmapView->setColumnWidth(HeatmapModel::ScoreColumn, scoreColumnWidth());
    for (int c = HeatmapModel::FirstControlColumn; c < m_heatmap->columnCount(); ++c)
        m_heatmapView->setColumnWidth(c, HeatmapDelegate::kCellSize);
    if (!host.isEmpty())
        selectContainer(host, container);
    int failed = 0;
    for (const ControlResult& r : run.results)
        failed += r.status == ControlStatus::Fail ? 1 : 0;
    m_statusText->setText(tr("Audit of %1 finished: %n failed check(s).", nullptr, failed)
                              .arg(run.fleetName.isEmpty() ? tr("the fleet") : QFileInfo(run.fleetName).fileName()));
    emit runShown();
}

void MainWindow::openHistory(const QString& path)
{
#ifdef BULWARK_UI_HAVE_HISTORY_SERVICE
    if (m_historyService)
        return;
    m_historyService = new HistoryService(this);
    connect(m_historyService, &HistoryService::writeFailed, this,
            [this](const QString& message) { m_statusText->setText(tr("Memory history: %1").arg(message)); });
    m_historyService->open(path).then(this, [this, path](const Result<void>& r) {
        if (!r) {
            m_statusText->setText(tr("Memory history unavailable (%1); showing this session's readings.").arg(r.errorMessage()));
            emit historyOpened(false, r.errorMessage());
            return;
        }
        m_historyWritable = true;
        m_serviceHistory = std::make_unique<ServiceMemoryHistory>(m_historyService);
        m_memoryView->setHistory(m_serviceHistory.get());
        if (m_run) {
            m_historyService->addSamples(samplesOfRun(*m_run));
            m_historyService->flush();
        }
        emit historyOpened(true, path);
    });
#else
    emit historyOpened(false, tr("This build has no telemetry history (%1).").arg(path));
#endif
}

void MainWindow::syncCurrentPage()
{
    const int page = m_tabs->currentIndex();
    if (page == int(Page::Memory) && m_memoryStale) {
        m_memoryStale = false;
        m_memoryView->setRun(m_run);
    } else if (page == int(Page::Latency) && m_latencyStale) {
        m_latencyStale = false;
        m_latencyView->setSummary(m_run ? m_run->logLatency : std::nullopt);
    }
}

int MainWindow::scoreColumnWidth() const
{
    // The sort arrow shares the section with the title, and the sorted section's title is bold
    // under some styles: leave room for both, whatever the cells need.
    QHeaderView* header = m_heatmapView->horizontalHeader();
    QFont bold = header->font();
    bold.setBold(true);
    const QString title = m_heatmap->headerData(HeatmapModel::ScoreColumn, Qt::Horizontal).toString();
    // Styles reserve half the header's height for the arrow, and this header is tall (rotated IDs).
    const int indicator = std::max(header->style()->pixelMetric(QStyle::PM_HeaderMarkSize, nullptr, header),
                                   std::max(header->height(), header->sizeHint().height()) / 2);
    const int margins = 4 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    return std::max({static_cast<const QAbstractItemView*>(m_heatmapView)->sizeHintForColumn(HeatmapModel::ScoreColumn),
                     QFontMetrics(bold).horizontalAdvance(title) + indicator + margins + 12,
                     header->sectionSizeHint(HeatmapModel::ScoreColumn)});
}

void MainWindow::fillFilterChoices()
{
    const QString host = m_hostFilter->currentData().toString();
    const QString control = m_controlFilter->currentData().toString();
    {
        const QSignalBlocker block(m_hostFilter);
        m_hostFilter->clear();
        m_hostFilter->addItem(tr("All hosts"), QString());
        QStringList names;
        for (const HostEntry& h : m_fleet.hosts)
            names << h.name;
        if (m_run)
            for (const HostSnapshot& h : m_run->fleet.hosts)
                if (!names.contains(h.hostName))
                    names << h.hostName;
        for (const QString& n : names)
            m_hostFilter->addItem(n, n);
        m_hostFilter->setCurrentIndex(std::max(0, m_hostFilter->findData(host)));
    }
    {
        const QSignalBlocker block(m_controlFilter);
        m_controlFilter->clear();
        m_controlFilter->addItem(tr("All controls"), QString());
        if (m_run)
            for (const ControlDefinition& c : m_run->controls) {
                m_controlFilter->addItem(c.id, c.id);
                m_controlFilter->setItemData(m_controlFilter->count() - 1, c.title, Qt::ToolTipRole);
            }
        m_controlFilter->setCurrentIndex(std::max(0, m_controlFilter->findData(control)));
    }
}

void MainWindow::onFleetSelection()
{
    const QModelIndex current = m_fleetView->currentIndex();
    if (!current.isValid()) {
        m_hostFilter->setCurrentIndex(0);
        m_filter->setProjectFilter(std::nullopt);
        return;
    }
    const QString host = current.data(FleetTreeModel::HostNameRole).toString();
    m_hostFilter->setCurrentIndex(std::max(0, m_hostFilter->findData(host)));
    if (current.data(FleetTreeModel::NodeKindRole).toInt() == int(FleetTreeModel::NodeKind::Project))
        m_filter->setProjectFilter(current.data(FleetTreeModel::ProjectRole).toString());
    else
        m_filter->setProjectFilter(std::nullopt);
    if (m_tabs->currentIndex() == int(Page::Memory))
        m_memoryView->select(host, QString());
}

void MainWindow::onHeatmapCurrent(const QModelIndex& current)
{
    if (!current.isValid())
        return;
    const QString host = current.data(HeatmapModel::HostNameRole).toString();
    const QString container = current.data(HeatmapModel::ContainerIdRole).toString();
    if (container.isEmpty()) {
        m_detail->clear();
        return;
    }
    if (host != m_detail->hostName() || container != m_detail->containerId())
        m_detail->showContainer(m_run, host, container);
}

void MainWindow::selectContainer(const QString& hostName, const QString& containerIdOrName)
{
    const int row = m_heatmap->rowOfContainer(hostName, containerIdOrName);
    if (row < 0)
        return;
    const QModelIndex proxy = m_filter->mapFromSource(m_heatmap->index(row, HeatmapModel::ContainerColumn));
    if (proxy.isValid()) {
        m_heatmapView->setCurrentIndex(proxy);
        m_heatmapView->scrollTo(proxy);
    } else {
        m_detail->showContainer(m_run, hostName, containerIdOrName);
    }
}

void MainWindow::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
    if (page == Page::Memory && !m_detail->hostName().isEmpty())
        m_memoryView->select(m_detail->hostName(), m_detail->containerId());
}

void MainWindow::startAudit()
{
    m_audit->start();
}

void MainWindow::cancelAudit()
{
    m_audit->cancel();
}

void MainWindow::setBusy(bool busy, int total)
{
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    m_runAction->setEnabled(!busy);
    m_cancelAction->setEnabled(busy);
    if (busy) {
        m_progress->setRange(0, std::max(1, total));
        m_progress->setValue(0);
        m_statusText->setText(tr("Auditing %n host(s)…", nullptr, total));
    }
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_fleet, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    setFleet(dialog.fleet());
    setWindowFilePath(m_fleet.sourcePath);
    applySettings();
    m_statusText->setText(tr("Saved %1.").arg(m_fleet.sourcePath));
}

void MainWindow::exportReport()
{
    if (!m_run) {
        QMessageBox::information(this, tr("Export Report"), tr("Run an audit first: there is nothing to export yet."));
        return;
    }
    QStringList filters;
    const QList<ExportFormat> formats = availableExportFormats();
    for (const ExportFormat f : formats)
        filters << exportFilter(f);
    QString selected;
    QString path = QFileDialog::getSaveFileName(this, tr("Export Report"),
                                                QDir::homePath() + QStringLiteral("/bulwark-report.") + exportSuffix(formats.constFirst()),
                                                filters.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty())
        return;
    // The name's suffix decides; without one, the filter chosen in the dialog does.
    std::optional<ExportFormat> format = exportFormatForPath(path);
    if (!format) {
        format = formats.value(std::max<qsizetype>(0, filters.indexOf(selected)));
        path += QLatin1Char('.') + exportSuffix(*format);
    }
    exportRun(*format, path);
}

QString MainWindow::exportFilter(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Pdf:
        return tr("PDF report (*.pdf)");
    case ExportFormat::Html:
        return tr("HTML report (*.html)");
    case ExportFormat::Json:
        return tr("JSON, bulwark.audit/v1 (*.json)");
    case ExportFormat::Sarif:
        return tr("SARIF 2.1.0 (*.sarif *.sarif.json)");
    case ExportFormat::JUnit:
        return tr("JUnit XML (*.xml)");
    case ExportFormat::Csv:
        return tr("CSV (*.csv)");
    }
    return {};
}

void MainWindow::exportRun(ExportFormat format, const QString& path)
{
    if (!m_run)
        return;
    // Rendering a PDF of a large fleet takes seconds: the pool writes it from its own reference to
    // the (immutable) run, atomically, and the status bar says how it went.
    const std::shared_ptr<const AuditRun> run = m_run;
    auto* watcher = new QFutureWatcher<Result<void>>(this);
    connect(watcher, &QFutureWatcher<Result<void>>::finished, this, [this, watcher, path] {
        const Result<void> r = watcher->result();
        watcher->deleteLater();
        m_statusText->setText(r ? tr("Report written to %1.").arg(path) : tr("Report failed: %1").arg(r.errorMessage()));
        emit exported(path, r ? QString() : r.errorMessage());
    });
    m_statusText->setText(tr("Writing %1…").arg(path));
    watcher->setFuture(QtConcurrent::run([run, format, path] { return writeExport(*run, format, path); }));
}

void MainWindow::showFix(const QString& hostName, const QString& containerId, const QStringList& controlIds)
{
#ifdef BULWARK_UI_HAVE_REMEDIATION
    // Modeless, so the heatmap stays usable while the compose files are read off the UI thread.
    const auto host = std::find_if(m_fleet.hosts.cbegin(), m_fleet.hosts.cend(),
                                   [&hostName](const HostEntry& h) { return h.name == hostName; });
    const ContainerSnapshot* container = nullptr;
    if (m_run)
        for (const HostSnapshot& h : m_run->fleet.hosts)
            if (h.hostName == hostName)
                container = h.findContainer(containerId);
    if (host != m_fleet.hosts.cend() && container) {
        auto* dialog = new PatchPreviewDialog(this);
        dialog->setObjectName(QStringLiteral("patchPreview"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setModal(false);
        dialog->previewContainer(*host, *container, controlIds);
        connect(dialog, &PatchPreviewDialog::remediationFinished, this, [this] {
            if (!m_remediationView->logPath().isEmpty())
                m_remediationView->reload();
        });
        dialog->show();
        return;
    }
#endif
    // Without the remediation dialog (or a fleet entry to reach the host), show what to change.
    QStringList lines;
    if (m_run)
        for (const ControlResult& r : m_run->results)
            if (r.containerId == containerId && r.hostName == hostName && controlIds.contains(r.controlId) && !r.remediation.isEmpty())
                lines << QStringLiteral("<li><b>%1</b>: %2</li>").arg(r.controlId.toHtmlEscaped(), r.remediation.toHtmlEscaped());
    QMessageBox box(QMessageBox::Information, tr("Fix"),
                    lines.isEmpty() ? tr("No remediation is known for the failing controls.")
                                    : tr("<p>Change the service definition as follows:</p><ul>%1</ul>").arg(lines.join(QString())),
                    QMessageBox::Close, this);
    box.setTextFormat(Qt::RichText);
    box.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Bulwark"),
                       tr("<h3>Bulwark %1</h3>"
                          "<p>Audits a fleet of Docker hosts against the SPEC-INFRA-04 hardening standard, shows the "
                          "posture at a glance and helps fix what fails.</p>"
                          "<p>This program is free software: you can redistribute it and/or modify it under the terms of the "
                          "GNU General Public License as published by the Free Software Foundation, either version 3 of the "
                          "License, or (at your option) any later version (GPL-3.0-or-later).</p>"
                          "<p>It is distributed WITHOUT ANY WARRANTY.</p>")
                           .arg(QApplication::applicationVersion()));
}

QStringList MainWindow::saveScreenshots(const QString& dir)
{
    QDir().mkpath(dir);
    QStringList written;
    auto save = [&](QWidget* w, const QString& name) {
        // Charts lay out on posted events (a page just shown, a title just cleared): let them run.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::processEvents();
        const QString path = QDir(dir).filePath(name);
        if (w->grab().save(path, "PNG", 0)) // 0: strongest zlib level, pictures go into the repository
            written << path;
    };
    showPage(Page::Compliance);
    save(this, QStringLiteral("main-window.png"));
    save(m_detailDock, QStringLiteral("container-detail.png"));
    {
        // The page queries the selected container's history asynchronously; wait for it (bounded) so the
        // picture shows that container and not the previous selection.
        QEventLoop loop;
        connect(m_memoryView, &MemoryTrendsView::dataShown, &loop, &QEventLoop::quit);
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        showPage(Page::Memory);
        loop.exec();
    }
    save(this, QStringLiteral("memory-trends.png"));
    showPage(Page::Latency);
    save(this, QStringLiteral("log-latency.png"));
    if (m_remediationView) {
        showPage(Page::Remediation);
        if (m_remediationView->isLoading()) {
            QEventLoop loop;
            connect(m_remediationView, &RemediationLogView::loaded, &loop, &QEventLoop::quit);
            QTimer::singleShot(5000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        save(this, QStringLiteral("remediation-log.png"));
        // The patch preview, on a small compose file of the kind the lab deploys.
        PatchPreviewDialog preview(this);
        preview.resize(1100, 720);
        preview.setPlan(screenshotHost(m_fleet), screenshotPlan());
        preview.show();
        save(&preview, QStringLiteral("patch-preview.png"));
    }
    {
        SettingsDialog settings(m_fleet, this);
        settings.resize(900, 620);
        settings.show();
        save(&settings, QStringLiteral("hosts-settings.png"));
    }
    {
        // The fingerprint is an example: the dialog is what an unknown key looks like.
        HostKeyDialog trust(QStringLiteral("edge-02"), QStringLiteral("SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"),
                            QDir::home().filePath(QStringLiteral(".ssh/known_hosts")), false, this);
        trust.show();
        save(&trust, QStringLiteral("host-key-trust.png"));
    }
    showPage(Page::Compliance);
    return written;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    m_audit->cancel();
    event->accept();
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    // A desktop switching between light and dark: views repaint with the new palette.
    if (event->type() == QEvent::PaletteChange && m_heatmapView)
        m_heatmapView->viewport()->update();
}

} // namespace bulwark
