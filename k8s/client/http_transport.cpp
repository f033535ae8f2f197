#include "client/http_transport.hpp"

#include <cctype>
#include <cstring>
#include <memory>

namespace meshlings::k8s {

namespace {

constexpr std::size_t kPoolSize = 16;
const char* const kUserAgent = "meshlings/0.1.0 (linux/amd64)";

struct Transfer {
    CURL* handle = nullptr;
    HttpReply reply;
    const HttpTransport::ChunkSink* sink = nullptr;
    bool stoppedBySink = false;
};

bool headerIs(std::string_view line, std::string_view name) {
    if (line.size() <= name.size() || line[name.size()] != ':') return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(line[i])) != std::tolower(static_cast<unsigned char>(name[i])))
            return false;
    }
    return true;
}

std::string headerValue(std::string_view line, std::size_t nameLength) {
    const std::string value(line.substr(nameLength + 1));
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t\r\n");
    return first == std::string::npos ? "" : value.substr(first, last - first + 1);
}

int parseRetryAfter(const std::string& value) {
    int seconds = 0;
    std::size_t i = 0;
    for (; i < value.size() && i < 6 && std::isdigit(static_cast<unsigned char>(value[i])); ++i)
        seconds = seconds * 10 + (value[i] - '0');
    return i == 0 ? 1 : seconds;  // an HTTP date: wait a second, as for any unreadable value
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const std::string_view line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {  // a new response (after a 100 Continue or a proxy's CONNECT)
        transfer.reply.retryAfterSeconds = -1;
        transfer.reply.contentType.clear();
    } else if (headerIs(line, "Retry-After")) {
        transfer.reply.retryAfterSeconds = parseRetryAfter(headerValue(line, 11));
    } else if (headerIs(line, "Content-Type")) {
        transfer.reply.contentType = headerValue(line, 12);
    }
    return size * count;
}

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const std::size_t length = size * count;
    if (transfer.sink) {
        long status = 0;
        curl_easy_getinfo(transfer.handle, CURLINFO_RESPONSE_CODE, &status);
        if (status >= 200 && status < 300) {
            if (!(*transfer.sink)(std::string_view(data, length))) {
                transfer.stoppedBySink = true;
                return 0;  // ends the transfer
            }
            return length;
        }
    }
    transfer.reply.body.append(data, length);
    return length;
}

// Runs a transfer that `cancel` may end at any moment (a watch): through a
// multi handle that cancel() wakes with curl_multi_wakeup, so a stop takes
// effect at once even when the stream is idle (an easy transfer's progress
// callback runs only about once a second then). The connection is not
// reused afterwards.
CURLcode performCancellable(CURL* easy, CancelFlag& cancel) {
    const std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(), curl_multi_cleanup);
    if (!multi || curl_multi_add_handle(multi.get(), easy) != CURLM_OK) return CURLE_OUT_OF_MEMORY;
    cancel.setWaker([handle = multi.get()] { curl_multi_wakeup(handle); });
    struct ClearWaker {
        CancelFlag& flag;
        ~ClearWaker() { flag.setWaker({}); }  // before `multi` is cleaned up
    } clearWaker{cancel};
    CURLcode result = CURLE_OK;
    int running = 1;
    while (running > 0) {
        if (cancel.cancelled()) {
            result = CURLE_ABORTED_BY_CALLBACK;
            break;
        }
        if (curl_multi_perform(multi.get(), &running) != CURLM_OK) {
            result = CURLE_RECV_ERROR;
            break;
        }
        if (running > 0) curl_multi_poll(multi.get(), nullptr, 0, 1000, nullptr);
    }
    int left = 0;
    while (const CURLMsg* message = curl_multi_info_read(multi.get(), &left)) {
        if (message->msg == CURLMSG_DONE && result == CURLE_OK) result = message->data.result;
    }
    curl_multi_remove_handle(multi.get(), easy);
    return result;
}

// scheme://host:port of a URL, without any user:password@ it may carry.
std::string withoutUserInfo(const std::string& url) {
    const auto scheme = url.find("://");
    const auto start = scheme == std::string::npos ? 0 : scheme + 3;
    const auto at = url.find('@', start);
    return at == std::string::npos ? url : url.substr(0, start) + url.substr(at + 1);
}

TransportFailure classify(CURLcode code) {
    switch (code) {
        case CURLE_COULDNT_RESOLVE_HOST:
            return TransportFailure::Resolve;
        case CURLE_COULDNT_CONNECT:
            return TransportFailure::Connect;
        case CURLE_COULDNT_RESOLVE_PROXY:
            return TransportFailure::Proxy;
        case CURLE_OPERATION_TIMEDOUT:
            return TransportFailure::Timeout;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_CLIENTCERT:
        case CURLE_USE_SSL_FAILED:
            return TransportFailure::Tls;
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_PARTIAL_FILE:
        case CURLE_GOT_NOTHING:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return TransportFailure::Interrupted;
        case CURLE_ABORTED_BY_CALLBACK:
            return TransportFailure::Cancelled;
        default:
            return TransportFailure::Other;
    }
}

}  // namespace

const char* describe(TransportFailure failure) {
    switch (failure) {
        case TransportFailure::None:
            return "no error";
        case TransportFailure::Resolve:
            return "the server's host name does not resolve";
        case TransportFailure::Connect:
            return "nothing answers at the server's address";
        case TransportFailure::Tls:
            return "the TLS handshake failed";
        case TransportFailure::Proxy:
            return "the proxy could not be used";
        case TransportFailure::Timeout:
            return "the server did not answer in time";
        case TransportFailure::Interrupted:
            return "the connection broke mid-answer";
        case TransportFailure::Cancelled:
            return "cancelled";
        case TransportFailure::Other:
            return "the request failed";
    }
    return "the request failed";
}

HttpTransport::HttpTransport(const RestConfig& config, std::shared_ptr<Credentials> credentials)
    : m_config(config), m_credentials(std::move(credentials)) {}

CurlEasy HttpTransport::acquire() {
    {
        std::lock_guard lock(m_poolMutex);
        if (!m_pool.empty()) {
            CurlEasy handle = std::move(m_pool.back());
            m_pool.pop_back();
            curl_easy_reset(handle.get());  // keeps its live connections and TLS sessions
            return handle;
        }
    }
    return makeCurlEasy();
}

void HttpTransport::release(CurlEasy handle) {
    std::lock_guard lock(m_poolMutex);
    if (m_pool.size() < kPoolSize) m_pool.push_back(std::move(handle));
}

void HttpTransport::applyConnection(CURL* handle, const RestConfig& config, const AuthMaterial& auth,
                                    CurlHeaders& connectTo, std::string& url) {
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, 30'000L);
    curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(handle, CURLOPT_USERAGENT, kUserAgent);
    if (!config.proxyUrl.empty()) {
        // proxy-url is used for every request, loopback included (Go's http.ProxyURL).
        curl_easy_setopt(handle, CURLOPT_PROXY, config.proxyUrl.c_str());
        curl_easy_setopt(handle, CURLOPT_NOPROXY, "");
    } else {
        // Proxies from the environment never see loopback (Go's ProxyFromEnvironment).
        curl_easy_setopt(handle, CURLOPT_NOPROXY, "127.0.0.1,localhost,::1");
    }
    if (!config.caPem.empty()) {
        curl_blob ca{const_cast<char*>(config.caPem.data()), config.caPem.size(), CURL_BLOB_COPY};
        curl_easy_setopt(handle, CURLOPT_CAINFO_BLOB, &ca);
    }
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, config.insecure ? 0L : 1L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, config.insecure ? 0L : 2L);
    if (!auth.clientCertPem.empty()) {
        curl_blob cert{const_cast<char*>(auth.clientCertPem.data()), auth.clientCertPem.size(), CURL_BLOB_COPY};
        curl_blob key{const_cast<char*>(auth.clientKeyPem.data()), auth.clientKeyPem.size(), CURL_BLOB_COPY};
        curl_easy_setopt(handle, CURLOPT_SSLCERTTYPE, "PEM");
        curl_easy_setopt(handle, CURLOPT_SSLCERT_BLOB, &cert);
        curl_easy_setopt(handle, CURLOPT_SSLKEYTYPE, "PEM");
        curl_easy_setopt(handle, CURLOPT_SSLKEY_BLOB, &key);
    }
    if (!auth.token.empty()) {
        curl_easy_setopt(handle, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
        curl_easy_setopt(handle, CURLOPT_XOAUTH2_BEARER, auth.token.c_str());
    } else if (!auth.username.empty()) {
        curl_easy_setopt(handle, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(handle, CURLOPT_USERNAME, auth.username.c_str());
        curl_easy_setopt(handle, CURLOPT_PASSWORD, auth.password.c_str());
    }
    url = config.server;
    if (!config.tlsServerName.empty() && url.rfind("https://", 0) == 0) {
        // Verify the certificate against tls-server-name while connecting to the real address.
        const std::string authority = url.substr(8);
        const auto colon = authority.rfind(':');
        const bool hasPort = colon != std::string::npos && authority.find(']', colon) == std::string::npos;
        const std::string host = hasPort ? authority.substr(0, colon) : authority;
        const std::string port = hasPort ? authority.substr(colon + 1) : "443";
        url = "https://" + config.tlsServerName + ":" + port;
        connectTo.add(config.tlsServerName + ":" + port + ":" + host + ":" + port);
        curl_easy_setopt(handle, CURLOPT_CONNECT_TO, connectTo.get());
    }
}

HttpReply HttpTransport::run(const HttpRequest& request, const ChunkSink* sink, CancelFlag* cancel) {
    const AuthMaterial auth = m_credentials->current();
    CurlEasy handle = acquire();
    CURL* curl = handle.get();
    std::string url;
    CurlHeaders connectTo;
    applyConnection(curl, m_config, auth, connectTo, url);
    url += request.path;
    CurlHeaders headers;
    headers.add("Accept: " + request.accept);
    if (!request.contentType.empty()) headers.add("Content-Type: " + request.contentType);
    headers.add("Expect:");  // no 100-continue round trip for bodies
    Transfer transfer;
    transfer.handle = curl;
    transfer.sink = sink;
    char errorText[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    if (request.method != "GET" && request.method != "HEAD") {
        // A change goes out on a connection of its own: libcurl silently sends a request again when a
        // reused connection closes before a byte of answer, and for a change that may be a second one
        // (the KubeClient reads back instead; see kube_client.hpp).
        curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, 1L);
    }
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorText);
    if (!sink) curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");  // as client-go; the API server knows no other
    if (request.timeoutMs > 0) curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request.timeoutMs);
    const CURLcode code = cancel ? performCancellable(curl, *cancel) : curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &transfer.reply.status);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(curl, CURLOPT_CONNECT_TO, nullptr);
    if (code == CURLE_OK || (code == CURLE_WRITE_ERROR && transfer.stoppedBySink)) {
        release(std::move(handle));
        return std::move(transfer.reply);
    }
    TransportFailure failure = (code == CURLE_ABORTED_BY_CALLBACK || (cancel && cancel->cancelled()))
                                   ? TransportFailure::Cancelled
                                   : classify(code);
    std::string detail = errorText[0] ? errorText : curl_easy_strerror(code);
    while (!detail.empty() && detail.back() == '\n') detail.pop_back();
    if (!m_config.proxyUrl.empty() && (failure == TransportFailure::Connect || failure == TransportFailure::Resolve)) {
        // Through a proxy the only connection we open is to the proxy.
        failure = TransportFailure::Proxy;
        detail = "proxy " + withoutUserInfo(m_config.proxyUrl) + ": " + detail;
    }
    throw TransportError(failure, request.method + " " + m_config.server +
                                      request.path.substr(0, request.path.find('?')) + ": " + describe(failure) + " (" +
                                      detail + ")");
}

HttpReply HttpTransport::perform(const HttpRequest& request) {
    return run(request, nullptr, nullptr);
}

HttpReply HttpTransport::stream(const HttpRequest& request, const ChunkSink& sink, CancelFlag& cancel) {
    return run(request, &sink, &cancel);
}

}  // namespace meshlings::k8s
