#pragma once
// The game's one link to a cluster (the built-in one or a real one): three
// informers (Bookinfo's pods, Deployments, the `reviews` VirtualService)
// whose events become world commands, and the one RequestExecutor for the
// world's ClusterRequests (SetWeights through the session's RoutingGuard
// when it has one). The app calls drain() at each tick boundary and submits
// what it returns; nothing here touches the world.
//
// Connection state: Connecting until every informer has synced, Lost while
// one of them is disconnected (with its step and error), Connected again
// once it is back. When the server does not serve Istio's networking API the
// weights stay undefined and weight requests are refused with that reason.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bridge/request_executor.hpp"
#include "client/informer.hpp"
#include "client/kube_client.hpp"
#include "world/model/command.hpp"

namespace meshlings::bridge {

class ClusterBridge {
public:
    // `routing` (may be null; the session's, on a real cluster) must outlive the bridge.
    ClusterBridge(const k8s::RestConfig& config, bool armed, RoutingGuard* routing = nullptr);
    ~ClusterBridge();
    ClusterBridge(const ClusterBridge&) = delete;
    ClusterBridge& operator=(const ClusterBridge&) = delete;

    void start();
    void stop();

    // Cluster observations, connection changes and API answers since the last call.
    std::vector<world::Command> drain();
    void execute(const world::ClusterRequest& request) { m_executor.execute(request); }
    void setArmed(bool armed) { m_executor.setArmed(armed); }
    // The RoutingGuard's restore behind the calls already queued (the end of a level); its words by takeNotes().
    void restoreRoutingSoon() { m_executor.restoreRoutingSoon(); }
    std::vector<std::string> takeNotes() { return m_executor.takeNotes(); }
    // No routing call from now on; waits for one in flight (the halt, the end).
    void stopRouting() { m_executor.stopRouting(); }
    // True while some informer's link has failed twice in a row (its retry
    // after a cut failed too): contact with the API server is lost, not just
    // one watch cut and resumed (which shows as Lost until its next event).
    // Up to date as of the last drain().
    bool contactLost() const;

    // Why weights cannot be read or shifted here (no Istio API), or empty.
    const std::string& istioProblem() const { return m_istioProblem; }

    static bool isBookinfoApp(const std::string& app);

private:
    struct Watched {
        std::unique_ptr<k8s::KubeClient> client;
        std::unique_ptr<k8s::Informer> informer;
        std::string name;         // "pods", "deployments", "virtualservices"
        std::string lostMessage;  // non-empty while disconnected
        int failuresInRow = 0;    // Disconnected events since the last sign of a working link
        bool listed = false;      // a Synced or Relisted notice drained: its list's objects came out first
    };

    void add(const k8s::RestConfig& config, const std::string& name, k8s::ResourceRef resource);
    void translate(const k8s::InformerEvent& event, const std::string& source, std::vector<world::Command>& out);
    void noteLink(const k8s::InformerEvent& event, Watched& watched);
    void reportConnection(std::vector<world::Command>& out);

    std::vector<Watched> m_watched;
    RequestExecutor m_executor;
    std::string m_istioProblem;  // why there is no VirtualService informer
    world::ConnectionState m_reported = world::ConnectionState::Connecting;
    std::string m_reportedMessage;
};

}  // namespace meshlings::bridge
