#pragma once
// How the TelemetrySource reads Prometheus: where, which namespace, the
// rate() window and how often (a failed read is retried at the next poll).
#include <string>

namespace meshlings::mesh {

struct TelemetryOptions {
    std::string prometheusUrl;        // e.g. http://127.0.0.1:9090
    std::string ns = "default";       // the Bookinfo namespace
    int windowSeconds = 30;           // rate(...[30s]); Kiali's graph uses 60
    int pollMilliseconds = 2000;      // one read of both queries per poll
    long timeoutMilliseconds = 5000;  // per query
};

}  // namespace meshlings::mesh
