#pragma once
// The one way Meshlings talks to a Kubernetes API server: JSON requests with
// client-go's manners (a client-side rate limit, up to 10 retries of a 429 or
// a 5xx that carries Retry-After, one retry with fresh credentials after a
// 401), replies decoded into JSON or into an StatusError that says what happened,
// and watch streams decoded event by event. Thread-safe. The named calls the
// game makes live beside it (core_calls, apps_calls, istio_calls).
//
// At most once per write: a change (any method but GET) whose answer is lost
// after it went out (connection broken or timed out) is not sent again
// blindly. The object is read back (WriteReadBack): applied, and the call
// returns the object read back as its answer; not applied, and it is sent
// once more only when a precondition makes that safe; otherwise the call
// throws TransportError saying what the read-back found. The audit log gets
// one line per write, and one more for a write sent again after a lost
// answer; a lost answer's line says "answer lost; read back: ...".
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "client/http_transport.hpp"
#include "client/rate_limiter.hpp"
#include "client/watch_decoder.hpp"

namespace meshlings::k8s {

using Json = nlohmann::json;

struct ClientOptions {
    double qps = 5;  // client-go's rest.DefaultQPS and DefaultBurst
    int burst = 10;
    int maxRetries = 10;
    long requestTimeoutMs = 60'000;                        // for single calls; watches end by timeoutSeconds
    std::function<void(std::chrono::milliseconds)> sleep;  // empty: really sleep
};

enum class PatchType { Merge, JsonPatch, Strategic };

// Counters of what was sent, for benchmarks and the doctor.
struct RequestCounts {
    std::atomic<long> lists{0};
    std::atomic<long> watches{0};
    std::atomic<long> others{0};
    std::atomic<long> retries{0};
    std::atomic<long> throttledMs{0};
};

class KubeClient {
public:
    explicit KubeClient(const RestConfig& config, ClientOptions options = {});

    const RestConfig& config() const { return m_transport.config(); }
    const std::string& nameSpace() const { return config().nameSpace; }
    const RequestCounts& counts() const { return m_counts; }

    Json get(const std::string& path);
    Json list(const std::string& path);  // counted as a list
    Json create(const std::string& path, const Json& body);
    Json patch(const std::string& path, const Json& body, PatchType type);
    Json remove(const std::string& path, const Json& options = Json::object());
    // Any verb: throws StatusError for a non-2xx answer, TransportError below HTTP, DecodeError for a bad body.
    Json call(const std::string& method, const std::string& path, const std::string& body = "",
              const std::string& contentType = "");

    // Streams a watch: `onEvent` gets each event (false: stop). ERROR events
    // are handed over like the others. Returns normally when the server ends
    // the stream cleanly; throws TransportError when it is cut (mid-event or
    // not), StatusError for a non-2xx answer, DecodeError for a line that is not
    // an event.
    void watch(const std::string& path, const std::function<bool(WatchEvent&&)>& onEvent, CancelFlag& cancel);

private:
    HttpReply send(const HttpRequest& request);
    HttpReply audited(const HttpRequest& request);  // send(), written to config().audit unless a GET
    // The answer of a write whose own answer was lost, learnt by reading the object back; throws when
    // the read-back cannot call it applied (`resend` set when `mayResend` and a precondition makes one
    // more send safe).
    HttpReply readBack(const HttpRequest& request, bool mayResend, bool& resend);
    void pause(std::chrono::milliseconds delay);

    HttpTransport m_transport;
    ClientOptions m_options;
    RateLimiter m_limiter;
    RequestCounts m_counts;
};

}  // namespace meshlings::k8s
