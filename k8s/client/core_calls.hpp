#pragma once
// The core and apps calls the game makes, one small named function each, in
// the client's namespace: pods (list, get, watch, delete with grace period or
// server-side dry-run), deployments (get, list, merge patch, scale through
// the scale subresource), a Node's kubelet annotation, Services, EndpointSlices and events.
#include "client/api_paths.hpp"
#include "client/call_options.hpp"
#include "client/kube_client.hpp"

namespace meshlings::k8s {

inline const ResourceRef kPods{"", "v1", "pods"};
inline const ResourceRef kServices{"", "v1", "services"};
inline const ResourceRef kEvents{"", "v1", "events"};
inline const ResourceRef kEndpointSlices{"discovery.k8s.io", "v1", "endpointslices"};
inline const ResourceRef kDeployments{"apps", "v1", "deployments"};
inline const ResourceRef kNodes{"", "v1", "nodes"};

Json listPods(KubeClient& client, const ListOptions& options = {});
Json getPod(KubeClient& client, const std::string& name);
void watchPods(KubeClient& client, const WatchOptions& options, const std::function<bool(WatchEvent&&)>& onEvent,
               CancelFlag& cancel);
// The reply is the Pod (Terminating with a graceful delete, or its last state).
Json deletePod(KubeClient& client, const std::string& name, const DeleteOptions& options = {});

Json getDeployment(KubeClient& client, const std::string& name);
Json listDeployments(KubeClient& client, const ListOptions& options = {});
Json getScale(KubeClient& client, const std::string& deployment);
// PATCH deployments/NAME/scale {"spec":{"replicas":N}}, as kubectl scale does; returns the Scale.
Json scaleDeployment(KubeClient& client, const std::string& deployment, int replicas, bool dryRun = false);
// A merge patch of the Deployment itself (annotations, ...); returns the Deployment.
Json patchDeployment(KubeClient& client, const std::string& deployment, const Json& patch, bool dryRun = false);

// A merge patch of the (cluster-scoped) Node's annotation meshlings.dev/kubelet: "stopped" when `stopped`, else
// removed (null). The built-in cluster reads it as a kubelet that stopped posting status; returns the Node.
Json setNodeKubelet(KubeClient& client, const std::string& node, bool stopped, bool dryRun = false);

Json listServices(KubeClient& client, const ListOptions& options = {});
Json listEndpointSlices(KubeClient& client, const ListOptions& options = {});
Json listEvents(KubeClient& client, const ListOptions& options = {});

}  // namespace meshlings::k8s
