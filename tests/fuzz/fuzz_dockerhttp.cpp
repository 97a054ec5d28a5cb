// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer: the Engine API client's HTTP handling. A scripted server on a unix socket answers each
// request with the fuzzer's bytes (status line, headers, chunked or not, truncated, garbage); the
// client must turn every one into a reply or an error with a message, within its timeout and cap.
#include "docker/dockerclient.h"

#include "../common/fakeengine.h"

#include <QDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>

#include <unistd.h>

namespace {

std::mutex g_mutex;
QByteArray g_reply;

bulwark::test::FakeEngine& engine()
{
    static const QString path = QDir::tempPath() + QStringLiteral("/bulwark-fuzz-http-%1.sock").arg(::getpid());
    static bulwark::test::FakeEngine server(path, [](const bulwark::test::FakeEngine::Request&, bool&) {
        std::lock_guard lock(g_mutex);
        // An empty reply would mean "close without answering", which is a case worth keeping too.
        return g_reply;
    });
    return server;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace bulwark;
    static bulwark::test::FakeEngine& server = engine();
    (void)server;
    {
        std::lock_guard lock(g_mutex);
        g_reply = QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    }
    static const QString path = QDir::tempPath() + QStringLiteral("/bulwark-fuzz-http-%1.sock").arg(::getpid());
    DockerClient client(path, DockerClient::Options{300, 4096, 300});
    auto reply = client.request("GET", QStringLiteral("/containers/json"));
    if (!reply.ok() && reply.errorMessage().isEmpty())
        std::abort();
    if (reply.ok() && reply->body.size() > 4096)
        std::abort(); // the cap held
    auto ping = client.negotiate();
    if (ping.ok() && client.apiVersion().isEmpty())
        std::abort();
    return 0;
}
