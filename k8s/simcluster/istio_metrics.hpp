#pragma once
// Istio's standard request metrics as the sidecars of the built-in cluster
// would report them: istio_requests_total and the
// istio_request_duration_milliseconds histogram, one series per label set,
// for both reporters. Counting is cheap (a packed integer key); the
// Prometheus text is produced only when scraped.
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace meshlings::sim {

struct WorkloadIdentity {
    std::string name = "unknown";  // Deployment name, e.g. reviews-v2
    std::string ns = "unknown";
    std::string app = "unknown";
    std::string version = "unknown";
    std::string serviceAccount;  // empty: no principal
};

class IstioMetrics {
public:
    using WorkloadId = std::uint16_t;
    static constexpr WorkloadId kUnknown = 0;
    static constexpr std::array<double, 19> kBuckets{
        0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000};

    IstioMetrics();

    WorkloadId workload(const WorkloadIdentity& identity);  // interned
    std::uint8_t service(const std::string& name, const std::string& ns);
    std::uint8_t flags(const char* responseFlags);

    struct Sample {
        bool sourceReporter;
        WorkloadId source;
        WorkloadId destination;
        std::uint8_t service;
        int code;
        std::uint8_t flags;
    };
    void record(const Sample& sample, double latencyMs);

    std::uint64_t totalRequests() const;
    // Prometheus text exposition format 0.0.4.
    std::string exposition() const;

private:
    struct Series {
        std::uint64_t count = 0;
        double sum = 0;
        std::array<std::uint64_t, kBuckets.size()> buckets{};
    };
    static std::uint64_t pack(const Sample& sample);
    std::string labels(std::uint64_t key) const;

    std::vector<WorkloadIdentity> m_workloads;
    std::vector<std::pair<std::string, std::string>> m_services;  // name, namespace
    std::vector<std::string> m_flags;
    std::unordered_map<std::uint64_t, Series> m_series;  // never erased: pointers into it stay valid
    // The series of recent label sets, direct-mapped: most hops repeat a few.
    struct CacheSlot {
        std::uint64_t key = ~std::uint64_t{0};
        Series* series = nullptr;
    };
    std::array<CacheSlot, 64> m_cache{};
};

}  // namespace meshlings::sim
