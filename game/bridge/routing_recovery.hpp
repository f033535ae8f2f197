#pragma once
// Restoring saved routing from its state file, shared by the session's
// RoutingGuard and by `meshlings restore` (after kill -9 or a power cut):
// RoutingRestorer puts the objects back, then the state file is removed when
// everything is back, or rewritten with only what is left (conflicts,
// failures) so that a second run does not undo what the first one did.
#include <string>

#include "bridge/restore_report.hpp"
#include "bridge/routing_snapshot.hpp"
#include "bridge/routing_state_file.hpp"
#include "client/kube_client.hpp"
#include "client/rest_config.hpp"

namespace meshlings::bridge {

class RoutingRecovery {
public:
    // The name the state file uses for the config's context ("in-cluster" without one).
    static std::string contextOf(const k8s::RestConfig& config);
    static RoutingStateFile fileFor(const k8s::RestConfig& config);

    // Restores `snapshot` (its namespace is the client's) and updates `file`. Never throws.
    // Only what RestoreScope allows is acted on; each other object is a Refused step, left
    // alone and kept in the file.
    static RestoreReport restore(k8s::KubeClient& client, RoutingSnapshot& snapshot, const RoutingStateFile& file);

    // The state file of the config's context and namespace: `found` false when there is none
    // (nothing to do). A file that cannot be read, or was saved for another API server or
    // another namespace, is a report.problem naming the file. Never throws.
    static RestoreReport restoreSaved(const k8s::RestConfig& config, bool& found);
};

}  // namespace meshlings::bridge
