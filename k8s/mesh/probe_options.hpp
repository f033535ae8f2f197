#pragma once
// How the probe loads the user's path. The defaults, and why:
// - 10 requests/s: enough to see a pod's loss within a second, light on a real cluster.
// - timeout 10 s for the whole request: the slowest page Bookinfo still
//   delivers takes about 6 s (productpage tries reviews twice, 3 s each, when
//   ratings is slow), and that page must count as degraded, not lost; past
//   10 s (Istio's default connect timeout) a person has long given up.
// - connect timeout 3 s: a gateway that takes longer to accept is down for the user.
// - 100 in flight: rate x timeout, so at the default rate nothing is skipped
//   even when every request hits the timeout.
// A plain value, copied into the Probe at construction.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace meshlings::mesh {

struct ProbeOptions {
    std::string url;  // the page to load, e.g. "http://127.0.0.1:30080/productpage"
    double ratePerSecond = 10;
    int maxConcurrency = 100;
    std::chrono::milliseconds timeout{10000};
    std::chrono::milliseconds connectTimeout{3000};
    std::vector<std::string> headers;    // extra request headers, e.g. "end-user: jason"
    std::size_t maxQueued = 100000;      // samples kept for drain(); past it the oldest are dropped
    std::size_t maxBodyBytes = 1 << 20;  // a longer body is cut (and the page then reads as cut short)

    // Options that load `{ingress}/productpage` ("http://host:port", with or without a trailing slash).
    static ProbeOptions forIngress(const std::string& ingressUrl) {
        ProbeOptions options;
        options.url = ingressUrl;
        while (!options.url.empty() && options.url.back() == '/') options.url.pop_back();
        options.url += "/productpage";
        return options;
    }
};

}  // namespace meshlings::mesh
