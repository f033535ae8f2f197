#pragma once
// What a state file may ask a restore to touch. The file is untrusted input
// (anyone who can write it could name any object), so it may only name what
// a RoutingGuard saves: the VirtualService and DestinationRule named after a
// Bookinfo service (`reviews` for weights, any of the four for a skill), at
// most one of each, in the namespace the
// restore runs against, and with the uid the guard saved for any object the
// game says it wrote. Anything else is refused by name: a Refused step, the
// object left alone, the entry kept in the state file for the user to see
// (`meshlings restore --forget` drops it). RoutingRecovery screens every
// snapshot with it before the RoutingRestorer acts on it.
#include <string>
#include <vector>

#include "bridge/restore_report.hpp"
#include "bridge/routing_snapshot.hpp"

namespace meshlings::bridge {

class RestoreScope {
public:
    // Why the snapshot as a whole may not be restored against `nameSpace` (its namespace is
    // another one), or empty.
    static std::string refusal(const RoutingSnapshot& snapshot, const std::string& nameSpace);

    // Moves the objects `snapshot` may not name into `refused` (kept for the state file) and
    // returns a Refused step naming each.
    static std::vector<RestoreStep> screen(RoutingSnapshot& snapshot, std::vector<SavedObject>& refused);
};

}  // namespace meshlings::bridge
