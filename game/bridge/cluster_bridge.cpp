#include "bridge/cluster_bridge.hpp"

#include <utility>

#include "bridge/pod_distiller.hpp"
#include "bridge/weights_reader.hpp"
#include "client/core_calls.hpp"
#include "client/istio_routing.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::bridge {

namespace ja = json_access;
using k8s::InformerEventKind;

ClusterBridge::ClusterBridge(const k8s::RestConfig& config, bool armed, RoutingGuard* routing)
    : m_executor(config, armed, routing) {
    add(config, "pods", k8s::kPods);
    add(config, "deployments", k8s::kDeployments);
    try {
        k8s::KubeClient discovery(config);
        k8s::IstioRouting istio(discovery);
        add(config, "virtualservices", istio.virtualServices());
    } catch (const std::exception& e) {
        m_istioProblem = e.what();
    }
}

ClusterBridge::~ClusterBridge() {
    stop();
}

void ClusterBridge::add(const k8s::RestConfig& config, const std::string& name, k8s::ResourceRef resource) {
    Watched watched;
    watched.client = std::make_unique<k8s::KubeClient>(config);
    k8s::InformerOptions options;
    options.resource = std::move(resource);
    options.nameSpace = config.nameSpace;
    watched.informer = std::make_unique<k8s::Informer>(*watched.client, options);
    watched.name = name;
    m_watched.push_back(std::move(watched));
}

void ClusterBridge::start() {
    for (auto& watched : m_watched) watched.informer->start();
}

void ClusterBridge::stop() {
    for (auto& watched : m_watched) watched.informer->requestStop();
    for (auto& watched : m_watched) watched.informer->stop();
}

bool ClusterBridge::isBookinfoApp(const std::string& app) {
    return app == "productpage" || app == "details" || app == "reviews" || app == "ratings";
}

std::vector<world::Command> ClusterBridge::drain() {
    std::vector<world::Command> out;
    bool linkEvents = false;
    for (auto& watched : m_watched) {
        for (const auto& event : watched.informer->events().drain()) {
            if (event.isObjectEvent()) {
                translate(event, watched.name, out);
            } else {
                noteLink(event, watched);
                linkEvents = true;
            }
        }
    }
    // After every informer's objects, so Connected follows the whole first sync.
    if (linkEvents) reportConnection(out);
    for (auto& result : m_executor.takeResults()) out.emplace_back(std::move(result));
    return out;
}

void ClusterBridge::translate(const k8s::InformerEvent& event, const std::string& source,
                              std::vector<world::Command>& out) {
    const auto& object = *event.object;
    const auto& metadata = ja::object(object, "metadata");
    const std::string name = ja::text(metadata, "name");
    const bool deleted = event.kind == InformerEventKind::Deleted;
    if (source == "pods") {
        if (!isBookinfoApp(ja::text(ja::object(metadata, "labels"), "app"))) return;
        if (deleted) {
            out.emplace_back(world::PodDeleted{name});
        } else {
            out.emplace_back(world::PodUpserted{PodDistiller::distill(object)});
        }
    } else if (source == "deployments") {
        world::ReplicasObserved observed;
        observed.deployment = name;
        if (!deleted) {
            observed.desired = static_cast<int>(ja::integer(ja::object(object, "spec"), "replicas", 1));
            observed.ready = static_cast<int>(ja::integer(ja::object(object, "status"), "readyReplicas", 0));
        }
        out.emplace_back(std::move(observed));
    } else if (source == "virtualservices" && name == "reviews") {
        out.emplace_back(world::WeightsObserved{WeightsReader::read(deleted ? nullptr : &object)});
    }
}

void ClusterBridge::noteLink(const k8s::InformerEvent& event, Watched& watched) {
    if (event.kind == InformerEventKind::Disconnected) {
        watched.lostMessage = event.message.empty() ? "disconnected" : event.message;
        ++watched.failuresInRow;
    } else {
        watched.lostMessage.clear();  // Synced, Relisted, Reconnected
        watched.failuresInRow = 0;
        watched.listed = watched.listed || event.kind != InformerEventKind::Reconnected;
    }
}

bool ClusterBridge::contactLost() const {
    for (const auto& watched : m_watched) {
        if (watched.failuresInRow >= 2) return true;
    }
    return false;
}

void ClusterBridge::reportConnection(std::vector<world::Command>& out) {
    world::ConnectionChanged change;
    change.state = world::ConnectionState::Connected;
    for (const auto& w : m_watched) {
        if (!w.lostMessage.empty()) {
            change.state = world::ConnectionState::Lost;
            change.message = w.lostMessage;
            change.failedStep = "watch " + w.name;
            break;
        }
        // Not the informer's own synced(): it turns true before this drain has seen the
        // objects of that first list, and Connected must come after them.
        if (!w.listed) change.state = world::ConnectionState::Connecting;
    }
    if (change.state == m_reported && change.message == m_reportedMessage) return;
    m_reported = change.state;
    m_reportedMessage = change.message;
    out.emplace_back(std::move(change));
}

}  // namespace meshlings::bridge
