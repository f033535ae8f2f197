#include "world/score/disruption.hpp"

namespace meshlings::world {

std::string_view disruptionKindName(DisruptionKind kind) {
    switch (kind) {
        case DisruptionKind::PodDelete:
            return "delete";
        case DisruptionKind::WeightShift:
            return "shift";
        case DisruptionKind::Fault:
            return "fault";
        case DisruptionKind::ScaleDown:
            return "scale-down";
    }
    return "?";
}

}  // namespace meshlings::world
