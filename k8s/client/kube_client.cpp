#include "client/kube_client.hpp"

#include <thread>

#include "client/audit_log.hpp"
#include "client/status_error.hpp"
#include "client/write_read_back.hpp"

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

// The connection broke or timed out: the request may have reached the server and been applied.
bool answerMayBeLost(TransportFailure failure) {
    return failure == TransportFailure::Interrupted || failure == TransportFailure::Timeout;
}

bool dryRunRequest(const HttpRequest& request) {
    const auto query = request.path.find('?');
    return (query != std::string::npos && request.path.find("dryRun=", query) != std::string::npos) ||
           request.body.find("\"dryRun\"") != std::string::npos;
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
    if (request.method == "GET") return send(request);
    AuditLog* audit = config().audit.get();
    const auto record = [&](long status, const std::string& reply, const std::string& error,
                            const std::string& outcome) {
        if (audit) audit->record(config(), request.method, request.path, request.body, status, reply, error, outcome);
    };
    for (int sent = 1;; ++sent) {
        try {
            HttpReply reply = send(request);
            record(reply.status, reply.body, {}, {});
            return reply;
        } catch (const TransportError& e) {
            if (!answerMayBeLost(e.failure()) || dryRunRequest(request)) {
                record(0, {}, e.what(), {});
                throw;
            }
            bool resend = false;
            try {
                HttpReply reply = readBack(request, sent == 1, resend);
                record(0, {}, e.what(), "answer lost; read back: applied");
                return reply;
            } catch (const std::exception& unsettled) {
                record(0, {}, e.what(), unsettled.what());
                if (!resend) throw TransportError(e.failure(), std::string(e.what()) + "; " + unsettled.what());
            }
        } catch (const std::exception& e) {
            record(0, {}, e.what(), {});
            throw;
        }
    }
}

HttpReply KubeClient::readBack(const HttpRequest& request, bool mayResend, bool& resend) {
    const WriteReadBack check(request.method, request.path, request.body);
    if (check.objectPath().empty())
        throw std::runtime_error("answer lost; read back: impossible (the write names no object)");
    HttpRequest get;
    get.path = check.objectPath();
    get.timeoutMs = m_options.requestTimeoutMs;
    HttpReply live;
    try {
        live = send(get);
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("answer lost; read back: failed (") + e.what() + ")");
    }
    Json object;  // null: absent
    if (live.status >= 200 && live.status < 300) {
        object = Json::parse(live.body, nullptr, false);
        if (object.is_discarded()) throw std::runtime_error("answer lost; read back: failed (the object is not JSON)");
    } else if (live.status != 404) {
        throw std::runtime_error("answer lost; read back: failed (HTTP " + std::to_string(live.status) + ")");
    }
    const ReadBackVerdict verdict = check.judge(object);
    if (verdict != ReadBackVerdict::Applied) {
        resend = mayResend && verdict == ReadBackVerdict::NotApplied && check.resendable();
        throw std::runtime_error("answer lost; read back: " + WriteReadBack::describe(verdict) +
                                 (resend ? "; sent once more (its precondition makes that safe)" : ""));
    }
    HttpReply reply;
    reply.status = 200;
    reply.contentType = "application/json";
    reply.body =
        object.is_null() ? Json{{"kind", "Status"}, {"apiVersion", "v1"}, {"status", "Success"}}.dump() : object.dump();
    return reply;
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
