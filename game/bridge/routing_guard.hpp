#pragma once
// The one way a session against a real cluster changes routing, so that
// nothing is left changed after it. Before the first real (not dry-run)
// change of an object it reads the object and saves it, with its
// resourceVersion or the fact that it did not exist, to the state file
// (RoutingStateFile) -- nothing is changed if that fails. Shifting weights
// saves the `reviews` VirtualService and DestinationRule; a skill
// (SkillWriter) saves the one object it writes, the service's
// VirtualService (retries, timeout) or DestinationRule (trafficPolicy), so
// restore puts back every field a skill touched and deletes an object a
// skill created. After each
// change it records the resourceVersions the game wrote, from the server's
// answers to the writes (read back only when an answer did not come, so a
// server that goes down right after a write cannot lose the record of it).
// restore() puts the
// saved routing back (RoutingRecovery) and removes the state file.
//
// A state file already there at the start was left by a session that never
// restored (kill -9, power loss): it is reported by leftover() and, until
// `meshlings restore` deals with it, every real change is refused, so the
// routing from before that session stays the one saved. The same holds after
// a restore that met a conflict. Thread-safe: the level director and the
// routing executor call it from their threads.
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bridge/restore_report.hpp"
#include "bridge/routing_snapshot.hpp"
#include "bridge/routing_state_file.hpp"
#include "bridge/routing_writer.hpp"
#include "bridge/skill_writer.hpp"
#include "client/istio_routing.hpp"
#include "client/kube_client.hpp"
#include "world/model/reviews_weights.hpp"

namespace meshlings::bridge {

class RoutingGuard {
public:
    // Never throws for the state file: a folder that cannot be found is kept as the reason to refuse changes.
    explicit RoutingGuard(const k8s::RestConfig& config);
    RoutingGuard(const RoutingGuard&) = delete;
    RoutingGuard& operator=(const RoutingGuard&) = delete;

    // Why real changes are refused (an unrestored state file, a conflict, no state folder), or empty.
    std::string refusal() const;
    // What an unrestored state file from an earlier session holds, or empty when there was none.
    const std::string& leftover() const { return m_leftover; }
    // The state file's path, or empty when there is no state folder.
    std::string statePath() const;

    // Shifts the weights (RoutingWriter); a real change is saved first and recorded after.
    // Throws std::runtime_error when refused, otherwise as the client does.
    void apply(const world::ReviewsWeights& weights, bool dryRun);
    // Writes a skill (SkillWriter); a real change saves its object first and records it after. Throws as apply().
    void applySkill(const world::ClusterRequest& request, bool dryRun);
    // Puts back what this session changed; an empty report when it changed nothing. Never throws.
    RestoreReport restore();
    // True while this session holds a saved state not yet restored.
    bool holding() const;

private:
    // Saves the objects (kind, name) not saved yet, starting the snapshot on the first change.
    void saveBeforeChanging(const std::vector<std::pair<std::string, std::string>>& objects);
    nlohmann::json readLive(const std::string& kind, const std::string& name);  // null when absent
    void saveFile(const char* when);
    void recordWrites(const world::ReviewsWeights& weights, const RoutingWriter::Answers& answers);
    void recordSkill(const world::ClusterRequest& request, const nlohmann::json& answer);
    bool recordOne(SavedObject& saved, const nlohmann::json& live, bool ours);

    mutable std::mutex m_mutex;
    k8s::RestConfig m_config;
    k8s::KubeClient m_client;
    k8s::IstioRouting m_istio;
    RoutingWriter m_writer;
    SkillWriter m_skills;
    std::optional<RoutingStateFile> m_file;
    std::string m_refusal;
    std::string m_leftover;
    std::optional<RoutingSnapshot> m_snapshot;
};

}  // namespace meshlings::bridge
