// SPDX-License-Identifier: GPL-3.0-or-later
#include "loadcheck.h"

#include "hostmemoryprobe.h"
#include "memoryceilings.h"

#include "docker/dockerclient.h"
#include "docker/snapshotparser.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPointer>
#include <QProcess>
#include <QThread>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <nlohmann/json.hpp>

namespace bulwark {

namespace {

nlohmann::json parse(const QByteArray& body)
{
    return nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
}

QString stringAt(const nlohmann::json& j, const char* key)
{
    return j.is_object() && j.contains(key) && j[key].is_string() ? QString::fromStdString(j[key].get<std::string>()) : QString();
}

struct Inspected {
    QString id;
    QString name;
    qint64 limit = 0;
    QMap<QString, QString> labels;
    bool running = false;
    bool oomKilled = false;
};

Result<Inspected> inspect(DockerClient& docker, const QString& container)
{
    auto body = docker.get(QStringLiteral("/containers/%1/json").arg(QString::fromUtf8(QUrl::toPercentEncoding(container))));
    if (!body)
        return body.error();
    const auto j = parse(*body);
    if (j.is_discarded() || !j.is_object())
        return Result<Inspected>::failure(QStringLiteral("container inspect: malformed JSON"));
    Inspected in;
    in.id = stringAt(j, "Id");
    in.name = stringAt(j, "Name");
    if (in.name.startsWith(QLatin1Char('/')))
        in.name.remove(0, 1);
    if (j.contains("HostConfig") && j["HostConfig"].is_object() && j["HostConfig"].contains("Memory")
        && j["HostConfig"]["Memory"].is_number_integer())
        in.limit = j["HostConfig"]["Memory"].get<qint64>();
    if (j.contains("Config") && j["Config"].is_object() && j["Config"].contains("Labels") && j["Config"]["Labels"].is_object())
        for (const auto& [k, v] : j["Config"]["Labels"].items())
            if (v.is_string())
                in.labels.insert(QString::fromStdString(k), QString::fromStdString(v.get<std::string>()));
    if (j.contains("State") && j["State"].is_object()) {
        const auto& s = j["State"];
        in.running = s.contains("Running") && s["Running"].is_boolean() && s["Running"].get<bool>();
        in.oomKilled = s.contains("OOMKilled") && s["OOMKilled"].is_boolean() && s["OOMKilled"].get<bool>();
    }
    return in;
}

// `oom` events of the container between since and until (seconds), from the finite /events query.
int oomEvents(DockerClient& docker, const QString& id, qint64 sinceSec, qint64 untilSec)
{
    const QByteArray filters = QByteArray::fromStdString(
        nlohmann::json{{"container", {id.toStdString()}}, {"event", {"oom"}}}.dump());
    auto body = docker.get(QStringLiteral("/events?since=%1&until=%2&filters=%3")
                               .arg(sinceSec)
                               .arg(untilSec)
                               .arg(QString::fromUtf8(QUrl::toPercentEncoding(QString::fromUtf8(filters)))));
    if (!body)
        return 0;
    int count = 0;
    for (const QByteArray& line : body->split('\n')) {
        const auto j = parse(line.trimmed());
        if (!j.is_discarded() && j.is_object()) {
            const QString action = stringAt(j, "Action").isEmpty() ? stringAt(j, "status") : stringAt(j, "Action");
            if (action == QLatin1String("oom"))
                ++count;
        }
    }
    return count;
}

} // namespace

LoadCheckResult LoadCheck::runBlocking(const HostEntry& host, const QString& container, const LoadCheckOptions& options,
                                       const std::function<void(qint64, qint64)>& onSample, const std::atomic<bool>* cancel)
{
    LoadCheckResult result;
    result.hostName = host.name;
    result.containerName = container;
    result.startedAt = QDateTime::currentDateTimeUtc();
    auto finish = [&](const QString& error) {
        result.error = error;
        result.finishedAt = QDateTime::currentDateTimeUtc();
        return result;
    };
    if (options.execCommand.isEmpty() == options.externalCommand.isEmpty())
        return finish(QStringLiteral("a load check needs exactly one load: an exec command or an external command"));

    HostMemoryProbe probe(host);
    auto client = probe.docker();
    if (!client)
        return finish(client.errorMessage());
    DockerClient& docker = **client;
    auto before = inspect(docker, container);
    if (!before)
        return finish(QStringLiteral("%1: container %2: %3").arg(host.name, container, before.errorMessage()));
    if (!before->running)
        return finish(QStringLiteral("%1: container %2 is not running").arg(host.name, container));
    result.containerId = before->id;
    result.containerName = before->name;
    result.limitBytes = before->limit;
    result.ceilingBytes = options.ceilingBytes > 0
        ? options.ceilingBytes
        : MemoryCeilings::effectiveCeiling(before->limit, MemoryCeilings::templateCeiling(before->labels));
    // /events has second resolution: start a second early so the first oom is never cut off.
    const qint64 sinceSec = result.startedAt.toSecsSinceEpoch() - 1;

    QString execId;
    std::unique_ptr<QProcess> external;
    if (!options.execCommand.isEmpty()) {
        nlohmann::json cmd = nlohmann::json::array();
        for (const QString& arg : options.execCommand)
            cmd.push_back(arg.toStdString());
        const nlohmann::json create{{"Cmd", cmd}, {"AttachStdout", false}, {"AttachStderr", false}};
        auto created = docker.post(QStringLiteral("/containers/%1/exec").arg(result.containerId),
                                   QByteArray::fromStdString(create.dump()));
        if (!created)
            return finish(QStringLiteral("%1: cannot create the load exec: %2").arg(host.name, created.errorMessage()));
        execId = stringAt(parse(*created), "Id");
        auto started = docker.post(QStringLiteral("/exec/%1/start").arg(execId),
                                   QByteArray::fromStdString(nlohmann::json{{"Detach", true}}.dump()));
        if (!started)
            return finish(QStringLiteral("%1: cannot start the load exec: %2").arg(host.name, started.errorMessage()));
    } else {
        external = std::make_unique<QProcess>();
        external->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        external->setStandardOutputFile(QProcess::nullDevice());
        external->start(options.externalCommand.first(), options.externalCommand.mid(1));
        if (!external->waitForStarted(10000))
            return finish(QStringLiteral("cannot start the load generator '%1': %2")
                              .arg(options.externalCommand.first(), external->errorString()));
    }

    QElapsedTimer clock;
    clock.start();
    bool loadEnded = false;
    while (!(cancel && cancel->load())) {
        const qint64 tickStart = clock.elapsed();
        auto stats = docker.get(QStringLiteral("/containers/%1/stats?stream=false&one-shot=true").arg(result.containerId));
        if (stats) {
            if (auto reading = SnapshotParser::parseStats(*stats)) {
                result.peakUsageBytes = std::max(result.peakUsageBytes, reading->usageBytes);
                ++result.samples;
                if (onSample)
                    onSample(reading->usageBytes, clock.elapsed());
            }
        }
        if (loadEnded || clock.elapsed() >= options.durationMs)
            break;
        if (!execId.isEmpty()) {
            auto state = docker.get(QStringLiteral("/exec/%1/json").arg(execId));
            const auto j = state ? parse(*state) : nlohmann::json();
            loadEnded = !state || (j.is_object() && j.contains("Running") && j["Running"].is_boolean() && !j["Running"].get<bool>());
        }
        const qint64 wait = std::max<qint64>(0, options.sampleIntervalMs - (clock.elapsed() - tickStart));
        if (external) {
            // Waiting on the generator is the pacing: it returns early when the load ends.
            if (external->state() == QProcess::NotRunning || external->waitForFinished(int(wait)))
                loadEnded = true;
        } else if (!loadEnded && wait > 0) {
            QThread::msleep(ulong(wait)); // pacing the 1 s sampling on a worker thread
        }
    }
    if (external && external->state() != QProcess::NotRunning) {
        external->terminate();
        if (!external->waitForFinished(3000))
            external->kill();
    }

    auto after = inspect(docker, result.containerId);
    const int ooms = oomEvents(docker, result.containerId, sinceSec, QDateTime::currentSecsSinceEpoch() + 1);
    result.oomKilled = (after && after->oomKilled && !before->oomKilled) || ooms > 0;
    if (cancel && cancel->load())
        return finish(QStringLiteral("cancelled after %1 samples").arg(result.samples));
    if (result.samples == 0)
        return finish(QStringLiteral("%1: no memory reading of %2 during the load").arg(host.name, result.containerName));
    return finish({});
}

struct LoadCheck::Private {
    std::shared_ptr<std::atomic<bool>> cancel;
    std::unique_ptr<QFutureWatcher<LoadCheckResult>> watcher;
};

LoadCheck::LoadCheck(QObject* parent) : QObject(parent), d(std::make_unique<Private>()) {}

LoadCheck::~LoadCheck()
{
    cancel();
    if (d->watcher)
        d->watcher->waitForFinished();
}

bool LoadCheck::isRunning() const
{
    return d->watcher && d->watcher->isRunning();
}

void LoadCheck::run(const HostEntry& host, const QString& container, const LoadCheckOptions& options)
{
    if (isRunning())
        return;
    d->cancel = std::make_shared<std::atomic<bool>>(false);
    d->watcher = std::make_unique<QFutureWatcher<LoadCheckResult>>();
    connect(d->watcher.get(), &QFutureWatcher<LoadCheckResult>::finished, this,
            [this] { emit finished(d->watcher->result()); });
    QPointer<LoadCheck> self(this);
    auto onSample = [self](qint64 usage, qint64 at) {
        QMetaObject::invokeMethod(self, [self, usage, at] {
            if (self)
                emit self->sampled(usage, at);
        }, Qt::QueuedConnection);
    };
    d->watcher->setFuture(QtConcurrent::run([host, container, options, onSample, cancel = d->cancel] {
        return runBlocking(host, container, options, onSample, cancel.get());
    }));
}

void LoadCheck::cancel()
{
    if (d->cancel)
        d->cancel->store(true);
}

} // namespace bulwark
