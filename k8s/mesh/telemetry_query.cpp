#include "mesh/telemetry_query.hpp"

#include <algorithm>
#include <stdexcept>

namespace meshlings::mesh {

namespace {

constexpr const char* kGroupBy =
    " by (source_workload_namespace,source_workload,destination_service_namespace,destination_service_name,"
    "destination_workload_namespace,destination_workload,response_code,response_flags)";

bool kubernetesName(const std::string& ns) {
    if (ns.empty() || ns.size() > 63) return false;
    return std::all_of(ns.begin(), ns.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string rateOf(const std::string& selector, int windowSeconds) {
    return "sum(rate(istio_requests_total{" + selector + "}[" + std::to_string(windowSeconds) + "s]))" + kGroupBy;
}

}  // namespace

std::vector<TelemetryQuery> kialiEdgeQueries(const std::string& ns, int windowSeconds) {
    if (!kubernetesName(ns)) throw std::invalid_argument("telemetry namespace \"" + ns + "\" is not a Kubernetes name");
    const int window = std::max(1, windowSeconds);
    return {
        {"destination traffic",
         rateOf("reporter=\"destination\",destination_workload_namespace=\"" + ns + "\"", window)},
        {"traffic to unknown destinations",
         rateOf("reporter=\"source\",destination_workload=\"unknown\",destination_service_namespace=\"" + ns + "\"",
                window)},
    };
}

}  // namespace meshlings::mesh
