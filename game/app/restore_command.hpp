#pragma once
// `meshlings restore [--kubeconfig F] [--context C] [--namespace N] [--forget]`:
// puts back the routing a session saved in its state file and never
// restored (kill -9, power loss, a restore that met a conflict), for the
// context and namespace named the way `meshlings play` names them
// (RoutingRecovery). Objects the game created are deleted; objects it
// changed are put back unless someone else changed them since (a conflict,
// left untouched). The state file is untrusted: it may only name the
// `reviews` VirtualService and DestinationRule of the namespace restored,
// matching the uid saved (RestoreScope); any other object it names is
// refused by name and left alone. --forget removes the state file without restoring, once
// a conflict has been settled by hand. Exit codes: 0 restored or nothing to
// restore (or forgotten), 1 a conflict or an error (the message names the
// object and the step, or the file and the field), 2 bad usage.
#include <CLI/CLI.hpp>
#include <string>

#include "client/rest_config.hpp"

namespace meshlings::app {

class RestoreCommand {
public:
    explicit RestoreCommand(CLI::App& parent);

    bool chosen() const { return m_command->parsed(); }
    int run();

private:
    static int forget(const k8s::RestConfig& config);

    CLI::App* m_command;
    k8s::ConnectionOptions m_connection;
    bool m_forget = false;
};

}  // namespace meshlings::app
