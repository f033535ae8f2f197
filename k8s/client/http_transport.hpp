#pragma once
// HTTP to one API server through libcurl: TLS as the kubeconfig says (CA,
// client certificate, insecure, tls-server-name, proxy), the credential of
// the moment on each request, and a pool of easy handles so connections are
// kept alive and reused across calls and threads. Failures below HTTP throw
// TransportError; any HTTP status comes back in the reply.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "client/cancel_flag.hpp"
#include "client/credentials.hpp"
#include "client/curl_handle.hpp"
#include "client/rest_config.hpp"
#include "client/transport_error.hpp"

namespace meshlings::k8s {

struct HttpRequest {
    std::string method = "GET";
    std::string path;  // with the query, e.g. /api/v1/namespaces/default/pods?limit=500
    std::string body;
    std::string contentType;
    std::string accept = "application/json";
    long timeoutMs = 0;  // 0: none (watches end by timeoutSeconds)
};

struct HttpReply {
    long status = 0;
    std::string body;
    std::string contentType;
    int retryAfterSeconds = -1;  // -1: no Retry-After header
};

class HttpTransport {
public:
    using ChunkSink = std::function<bool(std::string_view)>;  // false: stop reading

    HttpTransport(const RestConfig& config, std::shared_ptr<Credentials> credentials);

    HttpReply perform(const HttpRequest& request);

    // For watches: a 2xx body goes to `sink` chunk by chunk as it arrives
    // (the reply's body stays empty); any other status is collected whole.
    // Returns when the server ends the stream, `sink` says stop, or `cancel`
    // turns true (checked every 50 ms, idle or not).
    HttpReply stream(const HttpRequest& request, const ChunkSink& sink, CancelFlag& cancel);

    Credentials& credentials() { return *m_credentials; }
    const RestConfig& config() const { return m_config; }

    // Sets TLS, proxy and credential options on a handle (also used by the
    // doctor's checks) and gives the URL to prefix paths with; `connectTo`
    // must outlive the transfer.
    static void applyConnection(CURL* handle, const RestConfig& config, const AuthMaterial& auth,
                                CurlHeaders& connectTo, std::string& url);

private:
    CurlEasy acquire();
    void release(CurlEasy handle);
    HttpReply run(const HttpRequest& request, const ChunkSink* sink, CancelFlag* cancel);

    RestConfig m_config;
    std::shared_ptr<Credentials> m_credentials;
    std::mutex m_poolMutex;
    std::vector<CurlEasy> m_pool;
};

}  // namespace meshlings::k8s
