#include "app/restore_command.hpp"

#include <iostream>

#include "bridge/routing_recovery.hpp"

namespace meshlings::app {

RestoreCommand::RestoreCommand(CLI::App& parent) {
    m_command = parent.add_subcommand(
        "restore", "Put back the routing a session saved and never restored (after kill -9 or a power cut)");
    m_command->add_option("--kubeconfig", m_connection.kubeconfig, "The kubeconfig the session used");
    m_command->add_option("--context", m_connection.context, "The kubeconfig context the session used");
    m_command->add_option("--namespace", m_connection.nameSpace, "Bookinfo's namespace (default: the context's)");
    m_command->add_flag("--forget", m_forget,
                        "Remove the saved state without restoring (after settling a conflict by hand)");
}

int RestoreCommand::run() {
    k8s::RestConfig config;
    try {
        config = k8s::resolveRestConfig(m_connection);
    } catch (const std::exception& e) {
        std::cerr << "meshlings restore: step \"resolve the kubeconfig\": " << e.what() << "\n";
        return 1;
    }
    if (m_forget) return forget(config);
    bool found = false;
    const bridge::RestoreReport report = bridge::RoutingRecovery::restoreSaved(config, found);
    const std::string where =
        "context " + bridge::RoutingRecovery::contextOf(config) + ", namespace " + config.nameSpace;
    if (!found && report.ok()) {
        std::cout << "meshlings restore: nothing to restore for " << where << "\n";
        return 0;
    }
    if (!report.ok()) {
        std::cerr << "meshlings restore: NOT restored for " << where << ":\n"
                  << report.text() << "the saved state is kept; run again once settled, or --forget to drop it\n";
        return 1;
    }
    std::cout << report.text() << "meshlings restore: routing restored for " << where << "; state file removed\n";
    return 0;
}

int RestoreCommand::forget(const k8s::RestConfig& config) {
    try {
        const bridge::RoutingStateFile file = bridge::RoutingRecovery::fileFor(config);
        if (!file.exists()) {
            std::cout << "meshlings restore: nothing saved at " << file.path().string() << "\n";
            return 0;
        }
        std::cout << "meshlings restore: forgetting, not restoring:\n" << file.load().toJson().dump(2) << "\n";
        file.remove();
        std::cout << "meshlings restore: removed " << file.path().string() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "meshlings restore: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace meshlings::app
