#pragma once
// Reads istio_requests_total back from the built-in cluster's exposition,
// as a PromQL sum over the series whose labels match would.
#include <initializer_list>
#include <sstream>
#include <string>

#include "simcluster/istio_metrics.hpp"

namespace meshlings::sim::testing {

// Sum of istio_requests_total over the series whose labels contain every one of `parts`.
inline double requestsTotal(IstioMetrics& metrics, std::initializer_list<std::string> parts) {
    std::istringstream lines(metrics.exposition());
    double sum = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("istio_requests_total{", 0) != 0) continue;
        bool all = true;
        for (const auto& part : parts) all = all && line.find(part) != std::string::npos;
        if (all) sum += std::stod(line.substr(line.rfind(' ') + 1));
    }
    return sum;
}

}  // namespace meshlings::sim::testing
