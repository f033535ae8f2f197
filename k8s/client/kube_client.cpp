#include "client/kube_client.hpp"

#include <thread>

#include "client/audit_log.hpp"
#include "client/status_error.hpp"

namespace meshlings::k8s {

namespace {

const char* contentTypeOf(PatchType type) {
    switch (type) {
        case PatchType::Merge:
            return "application/merge-patch+json";
        case PatchType::JsonPatch:
            return "application/json-patch+json";
        case PatchType::Strategic:
            return "application/strategic-merge-patch+json";
    }
    return "application/merge-patch+json";
}

std::string withoutQuery(const std::string& path) {
    return path.substr(0, path.find('?'));
}

Json decodeBody(const HttpReply& reply, const std::string& method, const std::string& path) {
    if (reply.body.empty()) return Json::object();
    auto document = Json::parse(reply.body, nullptr, false);
    if (document.is_discarded()) {
        throw DecodeError(method + " " + withoutQuery(path) + ": the server's answer is not valid JSON (" +
                          std::to_string(reply.body.size()) + " bytes, HTTP " + std::to_string(reply.status) + ")");
    }
    if (!document.is_object())
        throw DecodeError(method + " " + withoutQuery(path) + ": the server's answer is not a JSON object");
    return document;
}

}  // namespace

KubeClient::KubeClient(const RestConfig& config, ClientOptions options)
    : m_transport(config, std::make_shared<Credentials>(config)),
      m_options(std::move(options)),
      m_limiter(m_options.qps, m_options.burst) {}

void KubeClient::pause(std::chrono::milliseconds delay) {
    if (m_options.sleep)
        m_options.sleep(delay);
    else
        std::this_thread::sleep_for(delay);
}

HttpReply KubeClient::send(const HttpRequest& request) {
    bool refreshed = false;
    for (int attempt = 0;; ++attempt) {
        const auto waited = m_limiter.wait();
        m_counts.throttledMs +=
            static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count());
        HttpReply reply = m_transport.perform(request);
        if (reply.status == 401 && !refreshed && m_transport.credentials().invalidate()) {
            refreshed = true;  // an exec plugin's token may have expired early: ask it again, once
            continue;
        }
        const bool retriable = reply.status == 429 || (reply.status >= 500 && reply.retryAfterSeconds >= 0);
        if (!retriable || attempt >= m_options.maxRetries) return reply;
        ++m_counts.retries;
        pause(std::chrono::seconds(std::max(reply.retryAfterSeconds, 1)));
    }
}

HttpReply KubeClient::audited(const HttpRequest& request) {
    AuditLog* audit = config().audit.get();
    if (audit == nullptr || request.method == "GET") return send(request);
    try {
        HttpReply reply = send(request);
        audit->record(config(), request.method, request.path, request.body, reply.status, reply.body, {});
        return reply;
    } catch (const std::exception& e) {
        audit->record(config(), request.method, request.path, request.body, 0, {}, e.what());
        throw;
    }
}

Json KubeClient::call(const std::string& method, const std::string& path, const std::string& body,
                      const std::string& contentType) {
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.contentType = contentType.empty() && !body.empty() ? "application/json" : contentType;
    request.timeoutMs = m_options.requestTimeoutMs;
    const HttpReply reply = audited(request);
    if (reply.status < 200 || reply.status >= 300)
        throw StatusError::fromReply(static_cast<int>(reply.status), reply.body, reply.retryAfterSeconds);
    return decodeBody(reply, method, path);
}

Json KubeClient::get(const std::string& path) {
    ++m_counts.others;
    return call("GET", path);
}

Json KubeClient::list(const std::string& path) {
    ++m_counts.lists;
    return call("GET", path);
}

Json KubeClient::create(const std::string& path, const Json& body) {
    ++m_counts.others;
    return call("POST", path, body.dump());
}

Json KubeClient::patch(const std::string& path, const Json& body, PatchType type) {
    ++m_counts.others;
    return call("PATCH", path, body.dump(), contentTypeOf(type));
}

Json KubeClient::remove(const std::string& path, const Json& options) {
    ++m_counts.others;
    return call("DELETE", path, options.empty() ? std::string() : options.dump());
}

void KubeClient::watch(const std::string& path, const std::function<bool(WatchEvent&&)>& onEvent, CancelFlag& cancel) {
    ++m_counts.watches;
    m_limiter.wait();
    HttpRequest request;
    request.path = path;
    WatchDecoder decoder("watch " + withoutQuery(path));
    std::exception_ptr failure;
    bool stopped = false;
    const HttpReply reply = m_transport.stream(
        request,
        [&](std::string_view bytes) {
            try {
                if (!decoder.feed(bytes, onEvent)) stopped = true;
            } catch (...) {
                failure = std::current_exception();
                return false;
            }
            return !stopped;
        },
        cancel);
    if (failure) std::rethrow_exception(failure);
    if (reply.status < 200 || reply.status >= 300)
        throw StatusError::fromReply(static_cast<int>(reply.status), reply.body, reply.retryAfterSeconds);
    if (!stopped && decoder.midEvent()) {
        throw TransportError(TransportFailure::Interrupted,
                             "watch " + withoutQuery(path) + ": the stream ended in the middle of an event");
    }
}

}  // namespace meshlings::k8s
