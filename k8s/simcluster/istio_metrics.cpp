#include "simcluster/istio_metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

namespace meshlings::sim {

namespace {

// Label values as the text format wants them: backslash, quote and newline escaped.
std::string escaped(const std::string& value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace

IstioMetrics::IstioMetrics() {
    m_workloads.emplace_back();
    m_services.emplace_back("unknown", "unknown");
    m_flags.emplace_back("-");
}

IstioMetrics::WorkloadId IstioMetrics::workload(const WorkloadIdentity& raw) {
    const WorkloadIdentity identity{escaped(raw.name), escaped(raw.ns), escaped(raw.app), escaped(raw.version),
                                    escaped(raw.serviceAccount)};
    for (std::size_t i = 0; i < m_workloads.size(); ++i) {
        if (m_workloads[i].name == identity.name && m_workloads[i].ns == identity.ns) return static_cast<WorkloadId>(i);
    }
    if (m_workloads.size() >= 0xFFFF) return kUnknown;  // ids are 16 bits in the series key
    m_workloads.push_back(identity);
    return static_cast<WorkloadId>(m_workloads.size() - 1);
}

std::uint8_t IstioMetrics::service(const std::string& name, const std::string& ns) {
    for (std::size_t i = 0; i < m_services.size(); ++i) {
        if (m_services[i].first == name && m_services[i].second == ns) return static_cast<std::uint8_t>(i);
    }
    m_services.emplace_back(name, ns);
    return static_cast<std::uint8_t>(m_services.size() - 1);
}

std::uint8_t IstioMetrics::flags(const char* responseFlags) {
    for (std::size_t i = 0; i < m_flags.size(); ++i) {
        if (m_flags[i] == responseFlags) return static_cast<std::uint8_t>(i);
    }
    m_flags.emplace_back(responseFlags);
    return static_cast<std::uint8_t>(m_flags.size() - 1);
}

std::uint64_t IstioMetrics::pack(const Sample& s) {
    return (static_cast<std::uint64_t>(s.sourceReporter) << 56U) | (static_cast<std::uint64_t>(s.source) << 40U) |
           (static_cast<std::uint64_t>(s.destination) << 24U) | (static_cast<std::uint64_t>(s.service) << 16U) |
           (static_cast<std::uint64_t>(s.code & 0x3FF) << 6U) | s.flags;
}

void IstioMetrics::record(const Sample& sample, double latencyMs) {
    const std::uint64_t key = pack(sample);
    CacheSlot& slot = m_cache[(key * 0x9E3779B97F4A7C15ULL) >> 58U];
    if (slot.key != key) slot = {key, &m_series[key]};
    Series& series = *slot.series;
    ++series.count;
    series.sum += latencyMs;
    const auto bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), latencyMs) - kBuckets.begin();
    if (bucket < static_cast<std::ptrdiff_t>(kBuckets.size())) ++series.buckets[static_cast<std::size_t>(bucket)];
}

std::uint64_t IstioMetrics::totalRequests() const {
    std::uint64_t total = 0;
    for (const auto& [key, series] : m_series) {
        if ((key >> 56U) == 0) total += series.count;  // destination-reported only, as Kiali counts
    }
    return total;
}

std::string IstioMetrics::labels(std::uint64_t key) const {
    const bool source = (key >> 56U) != 0;
    const auto& src = m_workloads[(key >> 40U) & 0xFFFFU];
    const auto& dst = m_workloads[(key >> 24U) & 0xFFFFU];
    const auto& svc = m_services[(key >> 16U) & 0xFFU];
    const int code = static_cast<int>((key >> 6U) & 0x3FFU);
    const auto& flag = m_flags[key & 0x3FU];
    auto principal = [](const WorkloadIdentity& w) {
        return w.serviceAccount.empty() ? std::string("unknown")
                                        : "spiffe://cluster.local/ns/" + w.ns + "/sa/" + w.serviceAccount;
    };
    const std::string fqdn = svc.first == "unknown" ? "unknown" : svc.first + "." + svc.second + ".svc.cluster.local";
    std::ostringstream out;
    out << "reporter=\"" << (source ? "source" : "destination") << "\",source_workload=\"" << src.name
        << "\",source_workload_namespace=\"" << src.ns << "\",source_principal=\"" << principal(src)
        << "\",source_app=\"" << src.app << "\",source_version=\"" << src.version << "\",source_canonical_service=\""
        << src.app << "\",source_canonical_revision=\"" << src.version
        << "\",source_cluster=\"Kubernetes\",destination_workload=\"" << dst.name
        << "\",destination_workload_namespace=\"" << dst.ns << "\",destination_principal=\"" << principal(dst)
        << "\",destination_app=\"" << dst.app << "\",destination_version=\"" << dst.version
        << "\",destination_service=\"" << fqdn << "\",destination_service_name=\"" << svc.first
        << "\",destination_service_namespace=\"" << svc.second << "\",destination_canonical_service=\"" << dst.app
        << "\",destination_canonical_revision=\"" << dst.version << "\",destination_cluster=\""
        << (dst.name == "unknown" ? "unknown" : "Kubernetes") << "\",request_protocol=\"http\",response_code=\"" << code
        << "\",grpc_response_status=\"\",response_flags=\"" << flag << "\",connection_security_policy=\""
        << (source ? "unknown" : "mutual_tls") << "\"";
    return out.str();
}

std::string IstioMetrics::exposition() const {
    std::map<std::uint64_t, const Series*> sorted;
    for (const auto& [key, series] : m_series) sorted.emplace(key, &series);
    std::ostringstream out;
    out << "# TYPE istio_requests_total counter\n";
    for (const auto& [key, series] : sorted)
        out << "istio_requests_total{" << labels(key) << "} " << series->count << "\n";
    out << "# TYPE istio_request_duration_milliseconds histogram\n";
    for (const auto& [key, series] : sorted) {
        const std::string base = labels(key);
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            cumulative += series->buckets[i];
            char le[32];
            std::snprintf(le, sizeof le, "%g", kBuckets[i]);  // Envoy writes le="3.6e+06"
            out << "istio_request_duration_milliseconds_bucket{" << base << ",le=\"" << le << "\"} " << cumulative
                << "\n";
        }
        out << "istio_request_duration_milliseconds_bucket{" << base << ",le=\"+Inf\"} " << series->count << "\n";
        char sum[48];
        std::snprintf(sum, sizeof sum, "%.3f", series->sum);
        out << "istio_request_duration_milliseconds_sum{" << base << "} " << sum << "\n";
        out << "istio_request_duration_milliseconds_count{" << base << "} " << series->count << "\n";
    }
    return out.str();
}

}  // namespace meshlings::sim
