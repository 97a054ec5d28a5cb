// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockerclient.h"

#include "snapshotparser.h"

#include <curl/curl.h>

#include <QElapsedTimer>
#include <QRegularExpression>

#include <atomic>
#include <mutex>

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
    if (t->aborted && t->aborted->load())
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

} // namespace

struct DockerClient::Private {
    QString socketPath;
    QByteArray socketPathUtf8;
    Options options;
    QString apiVersion;
    int requestCount = 0;
    std::unique_ptr<CURL, CurlDeleter> curl;
    std::atomic<bool> aborted{false};

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

Result<HttpReply> DockerClient::Private::perform(const QByteArray& method, const QString& path, const QByteArray& body,
                                                 int timeoutMs, const std::function<bool(const QByteArray&)>* sink,
                                                 int idleTimeoutMs, bool versioned)
{
    CURL* c = handle();
    if (!c)
        return Result<HttpReply>::failure(QStringLiteral("cannot initialise libcurl"), ErrorProtocol);
    if (aborted.load())
        return Result<HttpReply>::failure(QStringLiteral("request aborted"), ErrorAborted);

    // The host part is never resolved: the connection goes to the unix socket.
    QByteArray url = "http://docker";
    if (versioned && !apiVersion.isEmpty())
        url += "/v" + apiVersion.toLatin1();
    url += path.toUtf8();

    Transfer t;
    t.cap = options.maxResponseBytes;
    t.sink = sink;
    t.aborted = &aborted;
    t.curl = c;
    t.idleTimeoutMs = idleTimeoutMs;
    t.sinceData.start();

    std::unique_ptr<curl_slist, SlistDeleter> headers;
    auto addHeader = [&headers](const char* h) { headers.reset(curl_slist_append(headers.release(), h)); };
    if (!body.isEmpty() || method == "POST")
        addHeader("Content-Type: application/json");
    addHeader("Expect:"); // no 100-continue round trip for bodies

    curl_easy_reset(c); // keeps the connection cache, clears the last request's options
    curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, socketPathUtf8.constData());
    curl_easy_setopt(c, CURLOPT_URL, url.constData());
    curl_easy_setopt(c, CURLOPT_PROXY, ""); // never a proxy from the environment
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.constData());
    if (method == "HEAD")
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    if (!body.isEmpty() || method == "POST") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.constData());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connectTimeoutMs));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, sink ? 0L : static_cast<long>(timeoutMs));
    t.cap = options.maxResponseBytes;
    if (!sink)
        curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.maxResponseBytes));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &onProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);

    ++requestCount;
    const CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);

    const QString where = QStringLiteral("%1 %2 on %3").arg(QString::fromLatin1(method), path, socketPath);
    if (rc != CURLE_OK) {
        if (sink && t.sinkStopped)
            return HttpReply{static_cast<int>(status), {}, t.apiVersion};
        if (t.idleExpired)
            return Result<HttpReply>::failure(
                QStringLiteral("%1: nothing received for %2 ms").arg(where).arg(idleTimeoutMs), ErrorTimeout);
        if (rc == CURLE_ABORTED_BY_CALLBACK)
            return Result<HttpReply>::failure(QStringLiteral("%1: aborted").arg(where), ErrorAborted);
        if (t.tooLarge || rc == CURLE_FILESIZE_EXCEEDED)
            return Result<HttpReply>::failure(QStringLiteral("%1: reply larger than the limit of %2 bytes")
                                                  .arg(where)
                                                  .arg(options.maxResponseBytes),
                                              ErrorTooLarge);
        if (rc == CURLE_OPERATION_TIMEDOUT)
            return Result<HttpReply>::failure(
                QStringLiteral("%1: no reply within %2 ms").arg(where).arg(timeoutMs), ErrorTimeout);
        if (rc == CURLE_COULDNT_CONNECT)
            return Result<HttpReply>::failure(
                QStringLiteral("cannot connect to the Docker socket %1 (is dockerd running and the tunnel up?)")
                    .arg(socketPath),
                ErrorConnect);
        return Result<HttpReply>::failure(
            QStringLiteral("%1: %2").arg(where, QString::fromUtf8(curl_easy_strerror(rc))), ErrorProtocol);
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

} // namespace bulwark
