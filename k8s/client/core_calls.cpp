#include "client/core_calls.hpp"

namespace meshlings::k8s {

Json listPods(KubeClient& client, const ListOptions& options) {
    return client.list(kPods.collection(client.nameSpace()) + options.toQuery());
}

Json getPod(KubeClient& client, const std::string& name) {
    return client.get(kPods.item(client.nameSpace(), name));
}

void watchPods(KubeClient& client, const WatchOptions& options, const std::function<bool(WatchEvent&&)>& onEvent,
               CancelFlag& cancel) {
    client.watch(kPods.collection(client.nameSpace()) + options.toQuery(), onEvent, cancel);
}

Json deletePod(KubeClient& client, const std::string& name, const DeleteOptions& options) {
    return client.remove(kPods.item(client.nameSpace(), name) + dryRunQuery(options.dryRun), options.toJson());
}

Json getDeployment(KubeClient& client, const std::string& name) {
    return client.get(kDeployments.item(client.nameSpace(), name));
}

Json listDeployments(KubeClient& client, const ListOptions& options) {
    return client.list(kDeployments.collection(client.nameSpace()) + options.toQuery());
}

Json getScale(KubeClient& client, const std::string& deployment) {
    return client.get(kDeployments.item(client.nameSpace(), deployment) + "/scale");
}

Json scaleDeployment(KubeClient& client, const std::string& deployment, int replicas, bool dryRun) {
    return client.patch(kDeployments.item(client.nameSpace(), deployment) + "/scale" + dryRunQuery(dryRun),
                        Json{{"spec", {{"replicas", replicas}}}}, PatchType::Merge);
}

Json patchDeployment(KubeClient& client, const std::string& deployment, const Json& patch, bool dryRun) {
    return client.patch(kDeployments.item(client.nameSpace(), deployment) + dryRunQuery(dryRun), patch,
                        PatchType::Merge);
}

Json setNodeKubelet(KubeClient& client, const std::string& node, bool stopped, bool dryRun) {
    const Json value = stopped ? Json("stopped") : Json(nullptr);
    return client.patch(kNodes.item("", node) + dryRunQuery(dryRun),
                        Json{{"metadata", {{"annotations", {{"meshlings.dev/kubelet", value}}}}}}, PatchType::Merge);
}

Json listServices(KubeClient& client, const ListOptions& options) {
    return client.list(kServices.collection(client.nameSpace()) + options.toQuery());
}

Json listEndpointSlices(KubeClient& client, const ListOptions& options) {
    return client.list(kEndpointSlices.collection(client.nameSpace()) + options.toQuery());
}

Json listEvents(KubeClient& client, const ListOptions& options) {
    return client.list(kEvents.collection(client.nameSpace()) + options.toQuery());
}

}  // namespace meshlings::k8s
