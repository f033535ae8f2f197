#include "app/cluster_flags.hpp"

namespace meshlings::app {

void ClusterFlags::addTo(CLI::App& command) {
    command.add_option("--kubeconfig", kubeconfig, "Act on the cluster of this kubeconfig");
    command.add_option("--context", context, "The kubeconfig context to use");
    command.add_option("--namespace", nameSpace, "Bookinfo's namespace (default: the context's)");
    command.add_option("--ingress", ingress,
                       "Bookinfo's ingress URL for the probe, e.g. http://192.168.49.2:31380 (default: the one the "
                       "cluster announces, as the built-in cluster does)");
    command.add_option("--prometheus", prometheus,
                       "Draw everyone else's traffic as measured by this Prometheus (istio_requests_total), e.g. "
                       "http://127.0.0.1:9090");
    command.add_flag("--armed", armed, "Really change a real cluster (default there: server-side dry run)");
    command.add_option("--allow-namespace", allowNamespaces,
                       "Also allow changes in this namespace (repeatable; default: the target namespace alone)");
    command.add_option("--allow-system-namespace", allowSystemNamespaces,
                       "Allow changes in this protected namespace (kube-system, kube-public, istio-system or "
                       "Meshlings' own; repeatable)");
    command.add_option("--audit-log", auditLog,
                       "Append every change sent to the API server to this JSON Lines file (default on a real "
                       "cluster: $XDG_STATE_HOME/meshlings/audit.jsonl; the built-in cluster: none)");
}

TargetOptions ClusterFlags::target(std::uint64_t seed) const {
    TargetOptions options;
    options.builtIn = !realCluster();
    options.connection = {kubeconfig, context, nameSpace};
    options.ingressUrl = ingress;
    options.prometheusUrl = prometheus;
    options.armed = armed;
    options.seed = seed;
    options.auditLog = auditLog;
    options.namespaces = {allowNamespaces, allowSystemNamespaces};
    return options;
}

}  // namespace meshlings::app
