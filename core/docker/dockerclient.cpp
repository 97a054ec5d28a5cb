// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockerclient.h"
#include "parallelget.h"

#include "snapshotparser.h"

#include <curl/curl.h>

#include <QElapsedTimer>
#include <QRegularExpression>

#include <atomic>
#include <map>
#include <mutex>
#include <vector>

namespace bulwark {

namespace {

// The oldest API with everything a scan reads (/info CgroupVersion needs 1.40 but is optional).
constexpr int kMinApiMajor = 1;
constexpr int kMinApiMinor = 24;

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// What one transfer collects. The callbacks run on the calling thread, inside curl_easy_perform.
struct Transfer {
    QByteArray body;
    QByteArray apiVersion;
    qint64 cap = 0;
    bool tooLarge = false;
    const std::function<bool(const QByteArray&)>* sink = nullptr; // streaming instead of buffering
    bool sinkStopped = false;
    const std::atomic<bool>* aborted = nullptr;
    const std::atomic<bool>* externalAbort = nullptr; // a scan's cancel flag
    CURL* curl = nullptr;
    int idleTimeoutMs = 0;
    QElapsedTimer sinceData;
    bool idleExpired = false;
};

size_t onBody(char* data, size_t size, size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    t->sinceData.restart();
    long status = 0;
    if (t->sink)
        curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
    // An error reply on a stream is buffered like any other, so it can be reported.
    if (t->sink && status >= 200 && status < 300) {
        if (!(*t->sink)(QByteArray(data, static_cast<qsizetype>(n)))) {
            t->sinkStopped = true;
            return 0; // makes curl stop with CURLE_WRITE_ERROR
        }
        return n;
    }
    if (t->body.size() + static_cast<qint64>(n) > t->cap) {
        t->tooLarge = true;
        return 0;
    }
    t->body.append(data, static_cast<qsizetype>(n));
    return n;
}

size_t onHeader(char* data, size_t size, size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const size_t n = size * count;
    const QByteArray line(data, static_cast<qsizetype>(n));
    const int colon = line.indexOf(':');
    if (colon > 0 && line.left(colon).trimmed().compare("API-Version", Qt::CaseInsensitive) == 0)
        t->apiVersion = line.mid(colon + 1).trimmed();
    return n;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto* t = static_cast<Transfer*>(user);
    if ((t->aborted && t->aborted->load()) || (t->externalAbort && t->externalAbort->load()))
        return 1;
    if (t->idleTimeoutMs > 0 && t->sinceData.elapsed() > t->idleTimeoutMs) {
        t->idleExpired = true;
        return 1;
    }
    return 0;
}

bool parseVersion(const QString& v, int& major, int& minor)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+)\\.(\\d+)$"));
    const auto m = re.match(v);
    if (!m.hasMatch())
        return false;
    major = m.captured(1).toInt();
    minor = m.captured(2).toInt();
    return true;
}


QByteArray urlFor(const QString& apiVersion, const QString& path)
{
    // The host part is never resolved: the connection goes to the unix socket.
    QByteArray url = "http://docker";
    if (!apiVersion.isEmpty())
        url += "/v" + apiVersion.toLatin1();
    return url + path.toUtf8();
}

using Headers = std::unique_ptr<curl_slist, SlistDeleter>;

// Sets every option of one request on a fresh or reset easy handle. `t` and the returned header
// list must outlive the transfer.
Headers configure(CURL* c, Transfer& t, const QByteArray& socketPath, const QByteArray& url, const QByteArray& method,
                  const QByteArray& body, int timeoutMs, const DockerClient::Options& options, bool streaming)
{
    Headers headers;
    auto addHeader = [&headers](const char* h) { headers.reset(curl_slist_append(headers.release(), h)); };
    if (!body.isEmpty() || method == "POST")
        addHeader("Content-Type: application/json");
    addHeader("Expect:"); // no 100-continue round trip for bodies

    curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, socketPath.constData());
    curl_easy_setopt(c, CURLOPT_URL, url.constData());
    curl_easy_setopt(c, CURLOPT_PROXY, ""); // never a proxy from the environment
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.constData());
    if (method == "HEAD")
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    if (!body.isEmpty() || method == "POST") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(c, CURLOPT_COPYPOSTFIELDS, body.constData());
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connectTimeoutMs));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, streaming ? 0L : static_cast<long>(timeoutMs));
    if (!streaming)
        curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.maxResponseBytes));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &onProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    return headers;
}

// Turns the outcome of one transfer into a reply or an error a user can act on.
Result<HttpReply> finish(CURLcode rc, long status, Transfer& t, const QByteArray& method, const QString& path,
                         const QString& socketPath, int timeoutMs, int idleTimeoutMs, const DockerClient::Options& options)
{
    const QString where = QStringLiteral("%1 %2 on %3").arg(QString::fromLatin1(method), path, socketPath);
    if (rc != CURLE_OK) {
        if (t.sink && t.sinkStopped)
            return HttpReply{static_cast<int>(status), {}, t.apiVersion};
        if (t.idleExpired)
            return Result<HttpReply>::failure(
                QStringLiteral("%1: nothing received for %2 ms").arg(where).arg(idleTimeoutMs), DockerClient::ErrorTimeout);
        if (rc == CURLE_ABORTED_BY_CALLBACK)
            return Result<HttpReply>::failure(QStringLiteral("%1: aborted").arg(where), DockerClient::ErrorAborted);
        if (t.tooLarge || rc == CURLE_FILESIZE_EXCEEDED)
            return Result<HttpReply>::failure(QStringLiteral("%1: reply larger than the limit of %2 bytes")
                                                  .arg(where)
                                                  .arg(options.maxResponseBytes),
                                              DockerClient::ErrorTooLarge);
        if (rc == CURLE_OPERATION_TIMEDOUT)
            return Result<HttpReply>::failure(
                QStringLiteral("%1: no reply within %2 ms").arg(where).arg(timeoutMs), DockerClient::ErrorTimeout);
        if (rc == CURLE_COULDNT_CONNECT)
            return Result<HttpReply>::failure(
                QStringLiteral("cannot connect to the Docker socket %1 (is dockerd running and the tunnel up?)")
                    .arg(socketPath),
                DockerClient::ErrorConnect);
        return Result<HttpReply>::failure(
            QStringLiteral("%1: %2").arg(where, QString::fromUtf8(curl_easy_strerror(rc))), DockerClient::ErrorProtocol);
    }

    HttpReply reply{static_cast<int>(status), std::move(t.body), std::move(t.apiVersion)};
    if (status < 200 || status >= 300) {
        QString message = SnapshotParser::engineErrorMessage(reply.body);
        if (message.isEmpty())
            message = QStringLiteral("HTTP %1").arg(status);
        return Result<HttpReply>::failure(QStringLiteral("%1: %2 (HTTP %3)").arg(where, message).arg(status),
                                          static_cast<int>(status));
    }
    return reply;
}

} // namespace

struct DockerClient::Private {
    QString socketPath;
    QByteArray socketPathUtf8;
    Options options;
    QString apiVersion;
    int requestCount = 0;
    std::unique_ptr<CURL, CurlDeleter> curl;
    std::atomic<bool> aborted{false};
    const std::atomic<bool>* externalAbort = nullptr;

    // One easy handle per client keeps its connection alive between requests.
    CURL* handle()
    {
        if (!curl) {
            globalInit();
            curl.reset(curl_easy_init());
        }
        return curl.get();
    }

    Result<HttpReply> perform(const QByteArray& method, const QString& path, const QByteArray& body, int timeoutMs,
                              const std::function<bool(const QByteArray&)>* sink, int idleTimeoutMs, bool versioned);
};

DockerClient::DockerClient(QString socketPath) : DockerClient(std::move(socketPath), Options{}) {}

DockerClient::DockerClient(QString socketPath, Options options) : d(std::make_unique<Private>())
{
    d->socketPath = std::move(socketPath);
    d->socketPathUtf8 = d->socketPath.toUtf8();
    d->options = options;
}

DockerClient::~DockerClient() = default;

QString DockerClient::apiVersion() const
{
    return d->apiVersion;
}

void DockerClient::setApiVersion(const QString& version)
{
    d->apiVersion = version;
}

QString DockerClient::socketPath() const
{
    return d->socketPath;
}

int DockerClient::requestCount() const
{
    return d->requestCount;
}

void DockerClient::abort()
{
    d->aborted.store(true);
}

void DockerClient::clearAbort()
{
    d->aborted.store(false);
}

void DockerClient::setAbortFlag(const std::atomic<bool>* flag)
{
    d->externalAbort = flag;
}

Result<HttpReply> DockerClient::Private::perform(const QByteArray& method, const QString& path, const QByteArray& body,
                                                 int timeoutMs, const std::function<bool(const QByteArray&)>* sink,
                                                 int idleTimeoutMs, bool versioned)
{
    CURL* c = handle();
    if (!c)
        return Result<HttpReply>::failure(QStringLiteral("cannot initialise libcurl"), ErrorProtocol);
    if (aborted.load() || (externalAbort && externalAbort->load()))
        return Result<HttpReply>::failure(QStringLiteral("request aborted"), ErrorAborted);

    Transfer t;
    t.cap = options.maxResponseBytes;
    t.sink = sink;
    t.aborted = &aborted;
    t.externalAbort = externalAbort;
    t.curl = c;
    t.idleTimeoutMs = idleTimeoutMs;
    t.sinceData.start();

    curl_easy_reset(c); // keeps the connection cache, clears the last request's options
    const auto headers = configure(c, t, socketPathUtf8, urlFor(versioned ? apiVersion : QString(), path), method, body,
                                   timeoutMs, options, sink != nullptr);
    ++requestCount;
    const CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    return finish(rc, status, t, method, path, socketPath, timeoutMs, idleTimeoutMs, options);
}

Result<QString> DockerClient::negotiate()
{
    auto reply = d->perform("GET", QStringLiteral("/_ping"), {}, d->options.timeoutMs, nullptr, 0, false);
    if (!reply)
        return reply.error();
    const QString version = QString::fromLatin1(reply->apiVersionHeader);
    int major = 0;
    int minor = 0;
    if (!parseVersion(version, major, minor))
        return Result<QString>::failure(
            QStringLiteral("%1 did not announce an API version (no API-Version header on /_ping): not a Docker Engine?")
                .arg(d->socketPath),
            ErrorProtocol);
    if (major < kMinApiMajor || (major == kMinApiMajor && minor < kMinApiMinor))
        return Result<QString>::failure(
            QStringLiteral("the Docker Engine on %1 speaks API %2; Bulwark needs %3.%4 or newer (Docker 1.12+)")
                .arg(d->socketPath, version)
                .arg(kMinApiMajor)
                .arg(kMinApiMinor),
            ErrorProtocol);
    d->apiVersion = version;
    return version;
}

Result<HttpReply> DockerClient::request(const QByteArray& method, const QString& path, const QByteArray& body,
                                        int timeoutMs)
{
    return d->perform(method, path, body, timeoutMs < 0 ? d->options.timeoutMs : timeoutMs, nullptr, 0, true);
}

Result<QByteArray> DockerClient::get(const QString& path, int timeoutMs)
{
    auto r = request("GET", path, {}, timeoutMs);
    if (!r)
        return r.error();
    return std::move(r->body);
}

Result<QByteArray> DockerClient::post(const QString& path, const QByteArray& jsonBody, int timeoutMs)
{
    auto r = request("POST", path, jsonBody, timeoutMs);
    if (!r)
        return r.error();
    return std::move(r->body);
}

Result<QByteArray> DockerClient::del(const QString& path, int timeoutMs)
{
    auto r = request("DELETE", path, {}, timeoutMs);
    if (!r)
        return r.error();
    return std::move(r->body);
}

Result<void> DockerClient::stream(const QString& path, const std::function<bool(const QByteArray&)>& onData,
                                  int idleTimeoutMs)
{
    auto r = d->perform("GET", path, {}, 0, &onData, idleTimeoutMs, true);
    if (!r)
        return r.error();
    return {};
}


struct ParallelGet::Private {
    QString socketPath;
    QByteArray socketPathUtf8;
    QString apiVersion;
    DockerClient::Options options;
    std::map<int, int> laneLimits;
    std::atomic<bool> aborted{false};
    const std::atomic<bool>* externalAbort = nullptr;
    int requestCount = 0;
    int connectRetries = 0;

    bool stopped() const { return aborted.load() || (externalAbort && externalAbort->load()); }

    int limit(int lane) const
    {
        const auto it = laneLimits.find(lane);
        return it == laneLimits.end() ? 8 : qMax(1, it->second);
    }
};

ParallelGet::ParallelGet(QString socketPath, QString apiVersion, DockerClient::Options options)
    : d(std::make_unique<Private>())
{
    d->socketPath = std::move(socketPath);
    d->socketPathUtf8 = d->socketPath.toUtf8();
    d->apiVersion = std::move(apiVersion);
    d->options = options;
}

ParallelGet::~ParallelGet() = default;

void ParallelGet::setLaneLimit(int lane, int maxInFlight)
{
    d->laneLimits[lane] = maxInFlight;
}

void ParallelGet::abort()
{
    d->aborted.store(true);
}

void ParallelGet::setAbortFlag(const std::atomic<bool>* flag)
{
    d->externalAbort = flag;
}

int ParallelGet::requestCount() const
{
    return d->requestCount;
}

int ParallelGet::connectRetryCount() const
{
    return d->connectRetries;
}

void ParallelGet::run(const QList<Request>& requests, const Callback& onDone, int timeoutMs, QDeadlineTimer deadline)
{
    globalInit();
    struct Slot {
        std::unique_ptr<CURL, CurlDeleter> easy;
        Transfer transfer;
        Headers headers;
        int index = -1;
        int lane = 0;
    };
    struct MultiDeleter {
        void operator()(CURLM* m) const { curl_multi_cleanup(m); }
    };
    std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
    if (!multi) {
        for (int i = 0; i < requests.size(); ++i)
            onDone(i, Result<QByteArray>::failure(QStringLiteral("cannot initialise libcurl"), DockerClient::ErrorProtocol));
        return;
    }
    // Idle keep-alive connections are reused by the next request of any lane.
    int totalLimit = 0;
    {
        std::map<int, bool> lanesUsed;
        for (const auto& r : requests)
            lanesUsed[r.lane] = true;
        for (const auto& [lane, used] : lanesUsed)
            totalLimit += d->limit(lane);
    }
    curl_multi_setopt(multi.get(), CURLMOPT_MAXCONNECTS, static_cast<long>(qMax(1, totalLimit)));

    // Pending requests per lane, in order.
    std::map<int, std::vector<int>> pending;
    for (int i = static_cast<int>(requests.size()) - 1; i >= 0; --i)
        pending[requests[i].lane].push_back(i);
    std::map<int, int> inFlight;
    std::map<CURL*, std::unique_ptr<Slot>> active;
    std::vector<std::unique_ptr<CURL, CurlDeleter>> spare; // finished handles, reused for their connection

    // A burst of connects can overflow the listen backlog of an ssh -L forward (OpenSSH listens with
    // 128 and accepts one connection per loop turn): the surplus is refused at once although the
    // socket is fine. Such a request goes back to its lane shortly after, while the run shows the
    // socket alive (some request answered or is still in flight); a dead socket still fails fast.
    constexpr int kConnectRetries = 5;
    constexpr qint64 kConnectRetryDelayMs = 25;
    std::vector<int> attempts(static_cast<size_t>(requests.size()), 0);
    std::vector<std::pair<qint64, int>> retries; // (due, request index)
    bool anyAnswered = false;
    QElapsedTimer clock;
    clock.start();

    auto startMore = [&] {
        for (auto it = retries.begin(); it != retries.end();) {
            if (it->first <= clock.elapsed()) {
                pending[requests[it->second].lane].push_back(it->second);
                it = retries.erase(it);
            } else {
                ++it;
            }
        }
        for (auto& [lane, queue] : pending) {
            while (!queue.empty() && inFlight[lane] < d->limit(lane)) {
                const int index = queue.back();
                queue.pop_back();
                auto slot = std::make_unique<Slot>();
                if (!spare.empty()) {
                    slot->easy = std::move(spare.back());
                    spare.pop_back();
                    curl_easy_reset(slot->easy.get());
                } else {
                    slot->easy.reset(curl_easy_init());
                }
                slot->index = index;
                slot->lane = lane;
                slot->transfer.cap = d->options.maxResponseBytes;
                slot->transfer.aborted = &d->aborted;
                slot->transfer.externalAbort = d->externalAbort;
                slot->transfer.curl = slot->easy.get();
                slot->transfer.sinceData.start();
                slot->headers = configure(slot->easy.get(), slot->transfer, d->socketPathUtf8,
                                          urlFor(d->apiVersion, requests[index].path), "GET", {}, timeoutMs, d->options,
                                          false);
                curl_multi_add_handle(multi.get(), slot->easy.get());
                ++inFlight[lane];
                ++d->requestCount;
                CURL* key = slot->easy.get();
                active.emplace(key, std::move(slot));
            }
        }
    };
    auto failPending = [&](int code, const QString& why) {
        for (const auto& [due, index] : retries)
            pending[requests[index].lane].push_back(index);
        retries.clear();
        for (auto& [lane, queue] : pending) {
            while (!queue.empty()) {
                const int index = queue.back();
                queue.pop_back();
                onDone(index, Result<QByteArray>::failure(
                                  QStringLiteral("GET %1 on %2: %3").arg(requests[index].path, d->socketPath, why), code));
            }
        }
    };

    startMore();
    while (!active.empty() || !retries.empty()) {
        if (deadline.hasExpired() && !d->stopped()) {
            failPending(DockerClient::ErrorTimeout, QStringLiteral("the host's time ran out"));
            d->aborted.store(true); // in-flight transfers end through the progress callback
        }
        int running = 0;
        curl_multi_perform(multi.get(), &running);
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            CURL* easy = msg->easy_handle;
            const CURLcode rc = msg->data.result;
            auto it = active.find(easy);
            if (it == active.end())
                continue;
            std::unique_ptr<Slot> slot = std::move(it->second);
            active.erase(it);
            curl_multi_remove_handle(multi.get(), easy);
            --inFlight[slot->lane];
            long status = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            if (rc == CURLE_OK)
                anyAnswered = true;
            int& tries = attempts[static_cast<size_t>(slot->index)];
            if (rc == CURLE_COULDNT_CONNECT && tries < kConnectRetries && (anyAnswered || !active.empty()) && !d->stopped()) {
                ++tries;
                --d->requestCount; // it never reached the engine
                ++d->connectRetries;
                retries.emplace_back(clock.elapsed() + kConnectRetryDelayMs * tries, slot->index);
                spare.push_back(std::move(slot->easy));
                continue;
            }
            auto reply = finish(rc, status, slot->transfer, "GET", requests[slot->index].path, d->socketPath, timeoutMs,
                                0, d->options);
            spare.push_back(std::move(slot->easy));
            if (reply)
                onDone(slot->index, std::move(reply->body));
            else
                onDone(slot->index, reply.error());
        }
        if (d->stopped())
            failPending(DockerClient::ErrorAborted, QStringLiteral("aborted"));
        else
            startMore();
        if (!active.empty() || !retries.empty()) {
            int waitMs = 100;
            for (const auto& [due, index] : retries)
                waitMs = static_cast<int>(qBound(qint64(0), due - clock.elapsed(), qint64(waitMs)));
            curl_multi_poll(multi.get(), nullptr, 0, waitMs, nullptr);
        }
    }
    if (d->stopped())
        failPending(DockerClient::ErrorAborted, QStringLiteral("aborted"));
}

} // namespace bulwark
