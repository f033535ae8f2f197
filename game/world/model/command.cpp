#include "world/model/command.hpp"

#include <array>

namespace meshlings::world {
namespace {

// In the order of the variant's alternatives.
constexpr std::array<std::string_view, std::variant_size_v<Command>> kVerbs{
    "select",           "cycle",    "delete",     "weights",      "scale", "pause",     "pod",  "pod-gone",
    "observed-weights", "replicas", "connection", "result",       "probe", "telemetry", "halt", "retry",
    "timeout",          "breaker",  "eject",      "node-kubelet",
};

}  // namespace

std::string_view commandVerb(const Command& command) {
    return kVerbs[command.index()];
}

}  // namespace meshlings::world
