#pragma once
// A built-in cluster on a manual clock for tests, with small helpers to find
// pods and step time.
#include <string>
#include <vector>

#include "simcluster/cluster.hpp"
#include "simcluster/pod_builder.hpp"

namespace meshlings::sim::testing {

using Json = nlohmann::json;

class BookinfoFixture {
public:
    explicit BookinfoFixture(std::uint64_t seed = 1) : m_cluster(options(seed)) {}

    Cluster& cluster() { return m_cluster; }

    std::vector<Json> pods(const std::string& selector, const std::string& ns = "default") {
        std::vector<Json> out;
        const Selector labels = Selector::parseLabels(selector);
        for (const auto& pod : m_cluster.store().list(ResourceRegistry::byKind("Pod"), ns)) {
            if (labels.matches(*pod)) out.push_back(*pod);
        }
        return out;
    }

    std::size_t readyPods(const std::string& selector) {
        std::size_t ready = 0;
        for (const auto& pod : pods(selector)) ready += pod_builder::isReady(pod) ? 1 : 0;
        return ready;
    }

    void run(Millis duration) { m_cluster.advanceTo(m_cluster.now() + duration); }

    void deletePod(const std::string& name) {
        m_cluster.kubelet().deletePod("default", name, std::nullopt, "", false);
        run(0);
    }

    void scale(const std::string& deployment, int replicas) {
        const auto& type = ResourceRegistry::byKind("Deployment");
        Json object = *m_cluster.store().get(type, "default", deployment);
        object["spec"]["replicas"] = replicas;
        m_cluster.store().update(type, object);
        run(0);
    }

    void apply(const char* kind, Json object) {
        const auto& type = ResourceRegistry::byKind(kind);
        object["metadata"]["namespace"] = "default";
        const std::string name = object["metadata"]["name"];
        if (const auto existing = m_cluster.store().get(type, "default", name)) {
            object["metadata"]["resourceVersion"] = (*existing)["metadata"]["resourceVersion"];
            m_cluster.store().update(type, object);
        } else {
            m_cluster.store().create(type, object, m_cluster.context().unixNow());
        }
        run(0);
    }

    // Serves `count` requests, one every `gap` ms of model time.
    std::vector<PageOutcome> traffic(int count, Millis gap = 10, const RequestAttributes& request = {}) {
        std::vector<PageOutcome> out;
        for (int i = 0; i < count; ++i) {
            out.push_back(m_cluster.serveRequest(request));
            run(gap);
        }
        return out;
    }

private:
    static ClusterOptions options(std::uint64_t seed) {
        ClusterOptions o;
        o.seed = seed;
        return o;
    }
    Cluster m_cluster;
};

}  // namespace meshlings::sim::testing
