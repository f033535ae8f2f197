#include "world/model/cluster_request.hpp"

#include <array>
#include <utility>

namespace meshlings::world {
namespace {

constexpr std::array<std::pair<ApiOutcome, std::string_view>, 3> kOutcomes{{
    {ApiOutcome::Accepted, "accepted"},
    {ApiOutcome::Refused, "refused"},
    {ApiOutcome::DryRun, "dry-run"},
}};

constexpr std::array<std::pair<ConnectionState, std::string_view>, 4> kStates{{
    {ConnectionState::Connecting, "connecting"},
    {ConnectionState::Connected, "connected"},
    {ConnectionState::Lost, "lost"},
    {ConnectionState::Failed, "failed"},
}};

}  // namespace

std::string_view clusterRequestKindName(ClusterRequestKind kind) {
    switch (kind) {
        case ClusterRequestKind::DeletePod:
            return "delete";
        case ClusterRequestKind::SetWeights:
            return "weights";
        case ClusterRequestKind::ScaleDeployment:
            return "scale";
        case ClusterRequestKind::SetRetries:
            return "retry";
        case ClusterRequestKind::SetTimeout:
            return "timeout";
        case ClusterRequestKind::SetConnectionPool:
            return "breaker";
        case ClusterRequestKind::SetOutlierDetection:
            return "eject";
        case ClusterRequestKind::SetNodeKubelet:
            return "node";
    }
    return "?";
}

bool isRoutingRequest(ClusterRequestKind kind) {
    return kind != ClusterRequestKind::DeletePod && kind != ClusterRequestKind::ScaleDeployment &&
           kind != ClusterRequestKind::SetNodeKubelet;
}

std::string_view apiOutcomeName(ApiOutcome outcome) {
    for (const auto& [o, name] : kOutcomes) {
        if (o == outcome) return name;
    }
    return "?";
}

std::optional<ApiOutcome> apiOutcomeFromName(std::string_view name) {
    for (const auto& [o, n] : kOutcomes) {
        if (n == name) return o;
    }
    return std::nullopt;
}

std::string_view connectionStateName(ConnectionState state) {
    for (const auto& [s, name] : kStates) {
        if (s == state) return name;
    }
    return "?";
}

std::optional<ConnectionState> connectionStateFromName(std::string_view name) {
    for (const auto& [s, n] : kStates) {
        if (n == name) return s;
    }
    return std::nullopt;
}

}  // namespace meshlings::world
