#include "bridge/routing_recovery.hpp"

#include "bridge/restore_scope.hpp"
#include "bridge/routing_restorer.hpp"

namespace meshlings::bridge {

std::string RoutingRecovery::contextOf(const k8s::RestConfig& config) {
    return config.contextName.empty() ? std::string("in-cluster") : config.contextName;
}

RoutingStateFile RoutingRecovery::fileFor(const k8s::RestConfig& config) {
    return RoutingStateFile::forTarget(contextOf(config), config.nameSpace);
}

RestoreReport RoutingRecovery::restore(k8s::KubeClient& client, RoutingSnapshot& snapshot,
                                       const RoutingStateFile& file) {
    std::vector<SavedObject> refused;
    RestoreReport report;
    report.steps = RestoreScope::screen(snapshot, refused);
    RestoreReport restored = RoutingRestorer(client).restore(snapshot);
    report.steps.insert(report.steps.end(), restored.steps.begin(), restored.steps.end());
    snapshot.objects.insert(snapshot.objects.end(), refused.begin(), refused.end());  // kept, for the user to see
    try {
        if (snapshot.objects.empty()) {
            file.remove();
        } else {
            file.save(snapshot);
        }
    } catch (const std::exception& e) {
        report.problem = e.what();
    }
    return report;
}

RestoreReport RoutingRecovery::restoreSaved(const k8s::RestConfig& config, bool& found) {
    RestoreReport report;
    found = false;
    try {
        const RoutingStateFile file = fileFor(config);
        if (!file.exists()) return report;
        found = true;
        RoutingSnapshot snapshot = file.load();
        if (snapshot.server != config.server) {
            report.problem = "state file " + file.path().string() + " was saved for the API server " + snapshot.server +
                             ", but context " + contextOf(config) + " now points at " + config.server +
                             ": not restoring there";
            return report;
        }
        if (const std::string refusal = RestoreScope::refusal(snapshot, config.nameSpace); !refusal.empty()) {
            report.problem = "state file " + file.path().string() + ": " + refusal;
            return report;
        }
        k8s::KubeClient client(config);
        return restore(client, snapshot, file);
    } catch (const std::exception& e) {
        report.problem = e.what();
    }
    return report;
}

}  // namespace meshlings::bridge
