#pragma once
// What one request to the Bookinfo product page came to in the built-in
// cluster: the status and latency the user saw, which parts of the page
// worked, and which pods served it (endpoint ids; Mesh::podName names them).
#include <cstdint>
#include <string>

namespace meshlings::sim {

enum class PageKind { Full, Degraded, Failed };

struct PageOutcome {
    int status = 200;
    double latencyMs = 0;
    const char* flags = "-";      // Envoy response flags of the failing hop
    const char* failureBody = "";  // the local reply when status is not 200
    bool detailsOk = false;
    bool reviewsOk = false;
    bool ratingsOk = false;  // reviews v2/v3 got their stars
    int reviewsVersion = 0;  // 1, 2 or 3 when reviews answered
    int backendStatus = 0;   // what the backend an /api/v1/products call needs answered (0: gave up)
    std::int32_t productpageEndpoint = -1;
    std::int32_t reviewsEndpoint = -1;

    PageKind kind() const {
        if (status != 200) return PageKind::Failed;
        const bool stars = reviewsVersion == 1 || ratingsOk;
        return detailsOk && reviewsOk && stars ? PageKind::Full : PageKind::Degraded;
    }
};

}  // namespace meshlings::sim
