// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "hostlistmodel.h"

#include "fleet/fleetfile.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>

namespace bulwark {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_hosts(new HostListModel(this))
    , m_hostView(new QTableView(this))
{
    setWindowTitle(tr("Bulwark"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/bulwark.svg")));
    m_hostView->setModel(m_hosts);
    m_hostView->setAccessibleName(tr("Hosts"));
    m_hostView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_hostView->horizontalHeader()->setStretchLastSection(true);
    m_hostView->verticalHeader()->hide();
    setCentralWidget(m_hostView);
    createActions();
    statusBar()->showMessage(tr("Open a fleet file to begin."));

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 700);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Fleet…"), this, &MainWindow::chooseFleetFile);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
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
    m_fleet = std::move(*fleet);
    m_hosts->setFleet(m_fleet);
    setWindowFilePath(path);
    statusBar()->showMessage(tr("%n host(s) in %1", nullptr, int(m_fleet.hosts.size())).arg(path));
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    event->accept();
}

} // namespace bulwark
