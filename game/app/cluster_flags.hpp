#pragma once
// The options that say which cluster a command acts on and how carefully,
// shared by `play` and `drill`: --kubeconfig --context --namespace (any of
// them: a real cluster, else the built-in one), --ingress, --prometheus,
// --armed, --allow-namespace, --allow-system-namespace and --audit-log.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "app/cluster_target.hpp"

namespace meshlings::app {

struct ClusterFlags {
    std::string kubeconfig;
    std::string context;
    std::string nameSpace;
    std::string ingress;
    std::string prometheus;  // mesh telemetry (everyone else's traffic)
    bool armed = false;
    std::vector<std::string> allowNamespaces;
    std::vector<std::string> allowSystemNamespaces;
    std::string auditLog;

    // Declares the flags on `command`, bound to this object's fields.
    void addTo(CLI::App& command);
    bool realCluster() const { return !kubeconfig.empty() || !context.empty() || !nameSpace.empty(); }
    TargetOptions target(std::uint64_t seed) const;
};

}  // namespace meshlings::app
