#pragma once
// What one request to the Bookinfo product page came to in the built-in
// cluster: the status and latency the user saw, which parts of the page
// worked, and which pods served it (endpoint ids; Mesh::podName names them).
// kind() judges it in the words the probe and the world use (vocabulary.hpp).
#include <cstdint>
#include <string>

#include "common/vocabulary.hpp"

namespace meshlings::sim {

struct PageOutcome {
    int status = 200;
    double latencyMs = 0;
    const char* flags = "-";       // Envoy response flags of the failing hop
    const char* failureBody = "";  // the local reply when status is not 200
    bool detailsOk = false;
    bool reviewsOk = false;
    bool ratingsOk = false;  // reviews v2/v3 got their stars
    int reviewsVersion = 0;  // the answering pod's label number (v1..v9 -> 1..9), 0 when reviews failed
    int backendStatus = 0;   // what the backend an /api/v1/products call needs answered (0: gave up)
    std::int32_t productpageEndpoint = -1;
    std::int32_t reviewsEndpoint = -1;

    common::PageOutcome kind() const {
        if (status != 200) return common::PageOutcome::Failed;
        const bool stars = reviewsVersion == 1 || ratingsOk;
        return detailsOk && reviewsOk && stars ? common::PageOutcome::Full : common::PageOutcome::Degraded;
    }
};

}  // namespace meshlings::sim
