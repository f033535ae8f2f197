#include "simcluster/cluster_seed.hpp"

#include <cstdio>

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;
constexpr const char* kControlPlane = "meshlings-control-plane";

Json httpPort(int port = 9080) {
    return {{"name", "http"}, {"port", port}, {"targetPort", port}, {"protocol", "TCP"}};
}

Json appContainer(const std::string& name, const std::string& image, const Json& extra = Json::object()) {
    Json c{{"name", name},
           {"image", image},
           {"imagePullPolicy", "IfNotPresent"},
           {"ports", {{{"containerPort", 9080}, {"protocol", "TCP"}}}}};
    c.update(extra);
    return c;
}

// A kind node on a laptop: kind reserves nothing, so allocatable is the capacity.
Json nodeResources() {
    return {{"cpu", "4"},
            {"ephemeral-storage", "102626232Ki"},
            {"hugepages-1Gi", "0"},
            {"hugepages-2Mi", "0"},
            {"memory", "16365384Ki"},
            {"pods", "110"}};
}

// The kubelet's node conditions (pkg/kubelet/nodestatus/setters.go), all healthy.
Json nodeConditions(const std::string& since) {
    Json conditions = Json::array();
    const char* rows[][4] = {
        {"MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
        {"DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
        {"PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"},
        {"Ready", "True", "KubeletReady", "kubelet is posting ready status"}};
    for (const auto& row : rows) {
        conditions.push_back({{"type", row[0]},
                              {"status", row[1]},
                              {"lastHeartbeatTime", since},
                              {"lastTransitionTime", since},
                              {"reason", row[2]},
                              {"message", row[3]}});
    }
    return conditions;
}

// A mirror pod carries its static pod's hash (kubelet's kubernetes.io/config.hash and config.mirror).
std::string configHash(const std::string& component) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : component) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(hash),
                  static_cast<unsigned long long>(hash * 31U));
    return text;
}

}  // namespace

void ClusterSeed::create(const char* kind, Json object) {
    m_context.store.create(ResourceRegistry::byKind(kind), std::move(object), m_context.unixNow());
}

std::string ClusterSeed::nextClusterIP() {
    const int n = m_nextServiceIP++;
    return "10.96." + std::to_string(n / 250) + "." + std::to_string(n % 250 + 1);
}

void ClusterSeed::populate(const SeedOptions& options) {
    const std::int64_t epoch = m_context.epoch;
    m_replicas.setSeeding(true);
    // The cluster was created a while before the session; each layer a little later.
    m_context.epoch = epoch - 52 * 60 * 1000;
    addNodes();
    addNamespace("default", true);
    addNamespace("kube-system", false);
    addNamespace("kube-public", false);
    addNamespace("kube-node-lease", false);
    addKubeSystem();
    m_context.epoch = epoch - 49 * 60 * 1000;
    addNamespace("istio-system", false);
    addIstio(options.ingressUrl);
    m_context.epoch = epoch - 47 * 60 * 1000;
    addBookinfo();
    if (options.extraPods > 0) {
        addNamespace("load", false);
        addDeployment("load", "filler", {{"app", "filler"}},
                      {{"containers", {appContainer("filler", "registry.k8s.io/pause:3.10")}}}, options.extraPods);
    }
    m_context.scheduler.runUntil(0, m_context.now);  // endpoints of the services just made
    // The nodes have pulled every image the seed runs, with the tags it uses.
    for (const auto& pod : m_context.store.list(ResourceRegistry::pods(), ""))
        m_kubelet.images().learnSpec((*pod)["spec"]);
    for (const auto& deployment : m_context.store.list(ResourceRegistry::byKind("Deployment"), ""))
        m_kubelet.images().learnSpec((*deployment)["spec"]["template"]["spec"]);
    m_context.epoch = epoch;
    m_replicas.setSeeding(false);
}

void ClusterSeed::addNodes() {
    const char* names[] = {kControlPlane, "meshlings-worker", "meshlings-worker2"};
    for (int i = 0; i < 3; ++i) {
        const std::string ip = "172.18.0." + std::to_string(i + 2);
        Json labels{
            {"kubernetes.io/hostname", names[i]}, {"kubernetes.io/os", "linux"}, {"kubernetes.io/arch", "amd64"}};
        if (i == 0) labels["node-role.kubernetes.io/control-plane"] = "";
        create("Node", {{"metadata", {{"name", names[i]}, {"labels", labels}}},
                        {"spec", {{"podCIDR", "10.244." + std::to_string(i) + ".0/24"}}},
                        {"status",
                         {{"addresses",
                           {{{"type", "InternalIP"}, {"address", ip}}, {{"type", "Hostname"}, {"address", names[i]}}}},
                          {"capacity", nodeResources()},
                          {"allocatable", nodeResources()},
                          {"conditions", nodeConditions(m_context.timestamp())},
                          {"nodeInfo",
                           {{"kubeletVersion", "v1.32.2"},
                            {"kubeProxyVersion", "v1.32.2"},
                            {"osImage", "Debian GNU/Linux 12 (bookworm)"},
                            {"kernelVersion", "6.1.0-meshlings"},
                            {"containerRuntimeVersion", "containerd://1.7.24"},
                            {"operatingSystem", "linux"},
                            {"architecture", "amd64"}}}}}});
        m_kubelet.addNode({names[i], ip, "10.244." + std::to_string(i) + ".", 2, 0});
    }
}

void ClusterSeed::addNamespace(const std::string& name, bool injection) {
    Json labels{{"kubernetes.io/metadata.name", name}};
    if (injection) labels["istio-injection"] = "enabled";
    create("Namespace", {{"metadata", {{"name", name}, {"labels", labels}}},
                         {"spec", {{"finalizers", {"kubernetes"}}}},
                         {"status", {{"phase", "Active"}}}});
}

void ClusterSeed::addService(const std::string& ns, const std::string& name, const Json& labels, const Json& ports,
                             const std::string& type) {
    Json selector = labels;
    selector.erase("service");
    Json spec{{"type", type},
              {"clusterIP", nextClusterIP()},
              {"ports", ports},
              {"selector", selector},
              {"sessionAffinity", "None"}};
    spec["clusterIPs"] = Json::array({spec["clusterIP"]});
    create("Service", {{"metadata", {{"name", name}, {"namespace", ns}, {"labels", labels}}},
                       {"spec", spec},
                       {"status", {{"loadBalancer", Json::object()}}}});
}

void ClusterSeed::addDeployment(const std::string& ns, const std::string& name, const Json& labels, const Json& podSpec,
                                int replicas, const Json& podAnnotations) {
    Json tmplMeta{{"labels", labels}};
    if (!podAnnotations.is_null()) tmplMeta["annotations"] = podAnnotations;
    create("Deployment",
           {{"metadata", {{"name", name}, {"namespace", ns}, {"labels", labels}}},
            {"spec",
             {{"replicas", replicas},
              {"selector", {{"matchLabels", labels}}},
              {"strategy",
               {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxSurge", "25%"}, {"maxUnavailable", "25%"}}}}},
              {"template", {{"metadata", tmplMeta}, {"spec", podSpec}}}}}});
    m_replicas.syncDeployment(ns, name);
    m_replicas.syncDeployment(ns, name);  // second pass writes the status of the pods just started
}

void ClusterSeed::addBookinfo() {
    const std::string kImage = "istio/examples-bookinfo-";
    addService("default", "kubernetes", {{"component", "apiserver"}, {"provider", "kubernetes"}},
               {{{"name", "https"}, {"port", 443}, {"targetPort", 6443}, {"protocol", "TCP"}}});
    // The API server's own Service has no selector; its endpoint is the control plane.
    const auto& services = ResourceRegistry::byKind("Service");
    Json kubernetes = *m_context.store.get(services, "default", "kubernetes");
    kubernetes["spec"].erase("selector");
    m_context.store.update(services, kubernetes);
    create("Endpoints", {{"metadata",
                          {{"name", "kubernetes"},
                           {"namespace", "default"},
                           {"labels", {{"endpointslice.kubernetes.io/skip-mirror", "true"}}}}},
                         {"subsets",
                          {{{"addresses", {{{"ip", "172.18.0.2"}}}},
                            {"ports", {{{"name", "https"}, {"port", 6443}, {"protocol", "TCP"}}}}}}}});
    for (const char* app : {"details", "ratings", "reviews", "productpage"}) {
        addService("default", app, {{"app", app}, {"service", app}}, Json::array({httpPort()}));
        create(
            "ServiceAccount",
            {{"metadata",
              {{"name", std::string("bookinfo-") + app}, {"namespace", "default"}, {"labels", {{"account", app}}}}}});
    }
    auto podSpec = [&](const std::string& app, const Json& container) {
        return Json{{"serviceAccountName", "bookinfo-" + app}, {"containers", {container}}};
    };
    addDeployment("default", "details-v1", {{"app", "details"}, {"version", "v1"}},
                  podSpec("details", appContainer("details", kImage + "details-v1:1.20.3")), 1);
    addDeployment("default", "ratings-v1", {{"app", "ratings"}, {"version", "v1"}},
                  podSpec("ratings", appContainer("ratings", kImage + "ratings-v1:1.20.3")), 1);
    for (const char* version : {"v1", "v2", "v3"}) {
        const Json reviews = appContainer("reviews", kImage + "reviews-" + version + ":1.20.3",
                                          {{"env", {{{"name", "LOG_DIR"}, {"value", "/tmp/logs"}}}},
                                           {"volumeMounts",
                                            {{{"name", "tmp"}, {"mountPath", "/tmp"}},
                                             {{"name", "wlp-output"}, {"mountPath", "/opt/ibm/wlp/output"}}}}});
        Json spec = podSpec("reviews", reviews);
        spec["volumes"] = {{{"name", "wlp-output"}, {"emptyDir", Json::object()}},
                           {{"name", "tmp"}, {"emptyDir", Json::object()}}};
        addDeployment("default", std::string("reviews-") + version, {{"app", "reviews"}, {"version", version}}, spec,
                      1);
    }
    Json productpage =
        podSpec("productpage", appContainer("productpage", kImage + "productpage-v1:1.20.3",
                                            {{"volumeMounts", {{{"name", "tmp"}, {"mountPath", "/tmp"}}}}}));
    productpage["volumes"] = {{{"name", "tmp"}, {"emptyDir", Json::object()}}};
    addDeployment(
        "default", "productpage-v1", {{"app", "productpage"}, {"version", "v1"}}, productpage, 1,
        {{"prometheus.io/scrape", "true"}, {"prometheus.io/port", "9080"}, {"prometheus.io/path", "/metrics"}});
    create(
        "Gateway",
        {{"metadata", {{"name", "bookinfo-gateway"}, {"namespace", "default"}}},
         {"spec",
          {{"selector", {{"istio", "ingressgateway"}}},
           {"servers", {{{"port", {{"number", 8080}, {"name", "http"}, {"protocol", "HTTP"}}}, {"hosts", {"*"}}}}}}}});
    Json match = Json::array({{{"uri", {{"exact", "/productpage"}}}},
                              {{"uri", {{"prefix", "/static"}}}},
                              {{"uri", {{"exact", "/login"}}}},
                              {{"uri", {{"exact", "/logout"}}}},
                              {{"uri", {{"prefix", "/api/v1/products"}}}}});
    create("VirtualService",
           {{"metadata", {{"name", "bookinfo"}, {"namespace", "default"}}},
            {"spec",
             {{"hosts", {"*"}},
              {"gateways", {"bookinfo-gateway"}},
              {"http",
               {{{"match", match},
                 {"route", {{{"destination", {{"host", "productpage"}, {"port", {{"number", 9080}}}}}}}}}}}}}});
}

void ClusterSeed::addIstio(const std::string& ingressUrl) {
    const std::string ns = "istio-system";
    const std::string proxy = "istio/proxyv2:1.24.2";
    addDeployment(ns, "istiod", {{"app", "istiod"}, {"istio", "pilot"}},
                  {{"containers", {{{"name", "discovery"}, {"image", "istio/pilot:1.24.2"}}}}}, 1);
    addService(ns, "istiod", {{"app", "istiod"}, {"istio", "pilot"}},
               {{{"name", "grpc-xds"}, {"port", 15010}, {"protocol", "TCP"}},
                {{"name", "https-dns"}, {"port", 15012}, {"protocol", "TCP"}},
                {{"name", "https-webhook"}, {"port", 443}, {"targetPort", 15017}, {"protocol", "TCP"}},
                {{"name", "http-monitoring"}, {"port", 15014}, {"protocol", "TCP"}}});
    addDeployment(ns, "istio-ingressgateway", {{"app", "istio-ingressgateway"}, {"istio", "ingressgateway"}},
                  {{"containers", {{{"name", "istio-proxy"}, {"image", proxy}, {"args", {"proxy", "router"}}}}}}, 1);
    addService(ns, "istio-ingressgateway", {{"app", "istio-ingressgateway"}, {"istio", "ingressgateway"}},
               {{{"name", "status-port"}, {"port", 15021}, {"nodePort", 31517}, {"protocol", "TCP"}},
                {{"name", "http2"}, {"port", 80}, {"targetPort", 8080}, {"nodePort", 30080}, {"protocol", "TCP"}},
                {{"name", "https"}, {"port", 443}, {"targetPort", 8443}, {"nodePort", 30443}, {"protocol", "TCP"}}},
               "LoadBalancer");
    if (!ingressUrl.empty()) {
        // Tells the game (and a curious presenter) where the ingress listener is.
        const auto& services = ResourceRegistry::byKind("Service");
        Json gateway = *m_context.store.get(services, ns, "istio-ingressgateway");
        gateway["metadata"]["annotations"]["meshlings.dev/ingress-url"] = ingressUrl;
        m_context.store.update(services, gateway);
    }
    const std::pair<const char*, int> addons[] = {
        {"prometheus", 9090}, {"grafana", 3000}, {"kiali", 20001}, {"jaeger", 16686}};
    for (const auto& [name, port] : addons) {
        Json containers = {{{"name", name},
                            {"image", std::string(name) + ":meshlings-sim"},
                            {"ports", {{{"containerPort", port}, {"protocol", "TCP"}}}}}};
        if (std::string(name) == "prometheus") {
            containers = {
                {{"name", "prometheus-server-configmap-reload"}, {"image", "jimmidyson/configmap-reload:v0.8.0"}},
                {{"name", "prometheus-server"}, {"image", "prom/prometheus:v2.54.1"}}};
        }
        addDeployment(ns, name, {{"app", name}}, {{"containers", containers}}, 1);
        addService(ns, std::string(name) == "jaeger" ? "tracing" : name, {{"app", name}},
                   {{{"name", "http"}, {"port", port}, {"protocol", "TCP"}}});
    }
}

void ClusterSeed::addKubeSystem() {
    addDeployment("kube-system", "coredns", {{"k8s-app", "kube-dns"}},
                  {{"containers", {{{"name", "coredns"}, {"image", "registry.k8s.io/coredns/coredns:v1.11.3"}}}}}, 2);
    addService("kube-system", "kube-dns", {{"k8s-app", "kube-dns"}},
               {{{"name", "dns"}, {"port", 53}, {"protocol", "UDP"}},
                {{"name", "dns-tcp"}, {"port", 53}, {"protocol", "TCP"}},
                {{"name", "metrics"}, {"port", 9153}, {"protocol", "TCP"}}});
    addStaticPod("etcd", "registry.k8s.io/etcd:3.5.16-0");
    addStaticPod("kube-apiserver", "registry.k8s.io/kube-apiserver:v1.32.2");
    addStaticPod("kube-controller-manager", "registry.k8s.io/kube-controller-manager:v1.32.2");
    addStaticPod("kube-scheduler", "registry.k8s.io/kube-scheduler:v1.32.2");
}

void ClusterSeed::addStaticPod(const std::string& component, const std::string& image) {
    const auto& nodeType = ResourceRegistry::byKind("Node");
    const auto node = m_context.store.get(nodeType, "", kControlPlane);
    Json pod{{"metadata",
              {{"name", component + "-" + kControlPlane},
               {"namespace", "kube-system"},
               {"labels", {{"component", component}, {"tier", "control-plane"}}},
               {"annotations",
                {{"kubernetes.io/config.hash", configHash(component)},
                 {"kubernetes.io/config.mirror", configHash(component)},
                 {"kubernetes.io/config.source", "file"}}},
               {"ownerReferences",
                {{{"apiVersion", "v1"},
                  {"kind", "Node"},
                  {"name", kControlPlane},
                  {"uid", (*node)["metadata"]["uid"]},
                  {"controller", true}}}}}},
             {"spec",
              {{"nodeName", kControlPlane},
               {"hostNetwork", true},
               {"priorityClassName", "system-node-critical"},
               {"tolerations", {{{"operator", "Exists"}, {"effect", "NoExecute"}}}},
               {"containers", {{{"name", component}, {"image", image}}}}}}};
    m_kubelet.adoptRunning(pod, m_context.timestamp());
    m_context.store.create(ResourceRegistry::byKind("Pod"), pod, m_context.unixNow());
}

}  // namespace meshlings::sim
