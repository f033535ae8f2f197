#pragma once
// What Prometheus measured of everyone else's traffic at one poll, as the
// world takes it (a command, so replays carry it): whether the read worked
// (else the step that failed), and per walkway of the map the requests per
// second and the failing share. Integers (milli-requests per second, per
// mille) so a replay line reads back to the same value. The bridge's
// TelemetryTranslator makes it from mesh::TelemetryReading.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "world/model/bookinfo_map.hpp"

namespace meshlings::world {

struct TelemetryEdge {
    MapNode from = MapNode::Ingress;
    MapNode to = MapNode::ProductPage;  // a reviews version: walked through the reviews junction
    int milliPerSecond = 0;             // measured rate x 1000
    int failurePermille = 0;            // 5xx or response flags, of 1000
    bool operator==(const TelemetryEdge&) const = default;
};

struct TelemetryObserved {
    bool connected = false;
    std::string failedStep;  // e.g. "destination traffic"; empty when connected
    std::string message;     // the reader's error; empty when connected
    std::vector<TelemetryEdge> edges;
    bool operator==(const TelemetryObserved&) const = default;
};

// Node names of replay lines: ingress, productpage, details, reviews, reviews-v1 .. reviews-v3, ratings, exit.
std::string_view telemetryNodeName(MapNode node);
std::optional<MapNode> telemetryNodeFromName(std::string_view name);

}  // namespace meshlings::world
