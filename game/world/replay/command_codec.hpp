#pragma once
// Commands as replay text: one command is one line, "<verb> <args...>" (the
// Recorder puts the tick in front). The verbs and their arguments:
//   select <pod>                       pod "" clears the selection
//   cycle <+1|-1>
//   delete <pod>                       the pod the world resolved ("the selected pod" is never written)
//   weights <v1> <v2> <v3>
//   scale <deployment> <replicas>      the Deployment and count the world resolved (a +/- step is never written)
//   pause <on|off>
//   retry <service> <attempts> <perTryTimeoutMs> <retryOn>   the skills, with the service the world resolved
//   timeout <service> <timeoutMs>
//   breaker <service> <maxConnections> <maxPendingRequests>
//   eject <service> <consecutive5xxErrors> <baseEjectionSeconds>
//   halt                               the session was halted: the level's chaos plan makes nothing more
//   pod <name> <deployment> <app> <version> <state> <ready>/<total> <restarts> <createdAtSeconds>
//   pod-gone <name>
//   observed-weights <v1> <v2> <v3>  |  observed-weights none
//   replicas <deployment> <desired> <ready>
//   connection <connecting|connected|lost|failed> <message> <failedStep>
//   result <requestId> <accepted|refused|dry-run> <message>
//   probe <full|degraded|failed> <latencyMs> <v1|v2|v3|-> <failedAt|-> <reviewsPod>
// Words are quoted as ReplayText says; `-` stands for "none" in enum fields.
// The level's chaos plan has no line: the world makes it again at the same tick.
#include <optional>
#include <string>
#include <vector>

#include "world/model/command.hpp"

namespace meshlings::world {

class CommandCodec {
public:
    static std::string encode(const Command& command);
    // `words[0]` is the verb. nullopt with `error` naming the bad field.
    static std::optional<Command> decode(const std::vector<std::string>& words, std::string& error);
};

}  // namespace meshlings::world
