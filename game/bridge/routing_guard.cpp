#include "bridge/routing_guard.hpp"

#include <chrono>
#include <ctime>
#include <stdexcept>

#include "bridge/routing_recovery.hpp"
#include "bridge/weights_reader.hpp"
#include "client/status_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::bridge {

namespace ja = json_access;
using Json = nlohmann::json;

namespace {

k8s::ClientOptions guardOptions() {
    k8s::ClientOptions options;
    options.maxRetries = 3;  // a session that ends must not wait minutes on a dead server
    options.requestTimeoutMs = 15'000;
    return options;
}

std::string utcNow() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

bool hasAllSubsets(const Json& destinationRule) {
    for (const auto version : common::kReviewsVersions) {
        bool present = false;
        for (const auto& subset : ja::array(ja::object(destinationRule, "spec"), "subsets")) {
            present = present || ja::text(subset, "name") == common::reviewsVersionName(version);
        }
        if (!present) return false;
    }
    return true;
}

std::string describeLeftover(const RoutingStateFile& file) {
    std::string text = "routing changed by an earlier session was never restored: " + file.path().string();
    try {
        const RoutingSnapshot saved = file.load();
        text += " (saved " + saved.savedAt + ":";
        for (const auto& object : saved.objects) {
            text += " " + object.describe() + (object.existed ? " existed" : " did not exist") + ";";
        }
        text += ")";
    } catch (const std::exception& e) {
        text += " (" + std::string(e.what()) + ")";
    }
    return text;
}

}  // namespace

RoutingGuard::RoutingGuard(const k8s::RestConfig& config)
    : m_config(config),
      m_client(config, guardOptions()),
      m_istio(m_client),
      m_writer(m_istio, config.nameSpace),
      m_skills(m_istio, config.nameSpace) {
    try {
        m_file = RoutingRecovery::fileFor(config);
    } catch (const std::exception& e) {
        m_refusal = std::string("routing not changed: it could not be saved first: ") + e.what();
        return;
    }
    if (m_file->exists()) {
        m_leftover = describeLeftover(*m_file);
        m_refusal = "routing not changed: " + m_leftover +
                    "; run `meshlings restore` with this session's --kubeconfig, --context and --namespace first";
    }
}

std::string RoutingGuard::refusal() const {
    const std::lock_guard lock(m_mutex);
    return m_refusal;
}

std::string RoutingGuard::statePath() const {
    return m_file ? m_file->path().string() : std::string();
}

bool RoutingGuard::holding() const {
    const std::lock_guard lock(m_mutex);
    return m_snapshot.has_value();
}

void RoutingGuard::apply(const world::ReviewsWeights& weights, bool dryRun) {
    const std::lock_guard lock(m_mutex);
    if (dryRun) {
        m_writer.apply(weights, true);
        return;
    }
    if (!m_refusal.empty()) throw std::runtime_error(m_refusal);
    saveBeforeChanging({{"VirtualService", RoutingWriter::kService}, {"DestinationRule", RoutingWriter::kService}});
    RoutingWriter::Answers answers;
    try {
        m_writer.apply(weights, false, &answers);
    } catch (...) {
        recordWrites(weights, answers);  // the DestinationRule may have been written before the VirtualService failed
        throw;
    }
    recordWrites(weights, answers);
}

void RoutingGuard::applySkill(const world::ClusterRequest& request, bool dryRun) {
    const std::lock_guard lock(m_mutex);
    if (dryRun) {
        m_skills.apply(request, true);
        return;
    }
    if (!m_refusal.empty()) throw std::runtime_error(m_refusal);
    saveBeforeChanging({{SkillWriter::kindOf(request.kind), request.service}});
    Json answer;
    try {
        answer = m_skills.apply(request, false);
    } catch (...) {
        recordSkill(request, nullptr);  // the write may have been made and its answer lost
        throw;
    }
    recordSkill(request, answer);
}

Json RoutingGuard::readLive(const std::string& kind, const std::string& name) {
    try {
        return kind == "VirtualService" ? m_istio.getVirtualService(name) : m_istio.getDestinationRule(name);
    } catch (const k8s::StatusError& e) {
        if (e.notFound()) return nullptr;
        throw;
    }
}

void RoutingGuard::saveFile(const char* when) {
    try {
        m_file->save(*m_snapshot);
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string(when) + e.what());
    }
}

void RoutingGuard::saveBeforeChanging(const std::vector<std::pair<std::string, std::string>>& objects) {
    std::optional<RoutingSnapshot> snapshot = m_snapshot;
    if (!snapshot) {
        if (m_file->exists()) {  // another meshlings on the same context and namespace saved first
            throw std::runtime_error("routing not changed: another session's saved routing is in " +
                                     m_file->path().string());
        }
        m_istio.apiVersion();  // Istio's API missing fails here, before anything is saved
        snapshot.emplace();
        snapshot->context = RoutingRecovery::contextOf(m_config);
        snapshot->nameSpace = m_config.nameSpace;
        snapshot->server = m_config.server;
        snapshot->savedAt = utcNow();
    }
    bool added = false;
    for (const auto& [kind, name] : objects) {
        if (snapshot->find(kind, name) != nullptr) continue;
        const Json live = readLive(kind, name);
        snapshot->objects.push_back(RoutingSnapshot::savedFrom(kind, name, live.is_null() ? nullptr : &live));
        added = true;
    }
    if (!added) return;
    std::swap(m_snapshot, snapshot);
    try {
        saveFile("routing not changed: it could not be saved first: ");
    } catch (...) {
        std::swap(m_snapshot, snapshot);  // not saved: as if never read
        throw;
    }
}

void RoutingGuard::recordSkill(const world::ClusterRequest& request, const Json& answer) {
    SavedObject* saved = m_snapshot->find(SkillWriter::kindOf(request.kind), request.service);
    if (saved == nullptr) return;
    bool changed = false;
    if (answer.is_object()) {
        changed = recordOne(*saved, answer, true);
    } else {
        Json live;
        try {
            live = readLive(saved->kind, saved->name);
        } catch (const std::exception&) {
            return;  // unknown: not recorded, so restore reports a conflict rather than overwrite
        }
        changed = recordOne(*saved, live, SkillWriter::holds(live, request));
    }
    if (changed) saveFile("routing changed, but the state file could not be updated: ");
}

bool RoutingGuard::recordOne(SavedObject& saved, const Json& live, bool ours) {
    if (live.is_null()) return false;
    const Json& metadata = ja::object(live, "metadata");
    const std::string version = ja::text(metadata, "resourceVersion");
    const std::string known = saved.lastWrittenVersion.empty() ? saved.resourceVersion : saved.lastWrittenVersion;
    if (version == known || !ours) return false;  // not written, or not what the game wrote: restore will say conflict
    saved.lastWrittenVersion = version;
    if (!saved.existed) saved.uid = ja::text(metadata, "uid");
    return true;
}

void RoutingGuard::recordWrites(const world::ReviewsWeights& weights, const RoutingWriter::Answers& answers) {
    const auto live = [this](const std::string& kind) -> Json {
        try {
            return kind == "VirtualService" ? m_istio.getVirtualService(RoutingWriter::kService)
                                            : m_istio.getDestinationRule(RoutingWriter::kService);
        } catch (const std::exception&) {
            return nullptr;  // unknown: not recorded, so restore reports a conflict rather than overwrite
        }
    };
    bool changed = false;
    for (auto& saved : m_snapshot->objects) {
        if (saved.name != RoutingWriter::kService) continue;  // a skill's object: not written by a shift
        const Json& answer = saved.kind == "VirtualService" ? answers.virtualService : answers.destinationRule;
        if (answer.is_object()) {  // the server's answer to the game's own write
            changed = recordOne(saved, answer, true) || changed;
            continue;
        }
        const Json object = live(saved.kind);  // no answer: read back what is there now
        const bool ours = saved.kind == "VirtualService" ? WeightsReader::read(&object).percent == weights.percent
                                                         : hasAllSubsets(object);
        changed = recordOne(saved, object, ours) || changed;
    }
    if (changed) saveFile("routing changed, but the state file could not be updated: ");
}

RestoreReport RoutingGuard::restore() {
    const std::lock_guard lock(m_mutex);
    if (!m_snapshot) return {};
    RestoreReport report = RoutingRecovery::restore(m_client, *m_snapshot, *m_file);
    if (report.ok()) {
        m_snapshot.reset();
    } else {
        m_refusal = "routing not changed: restoring it met a problem; see `meshlings restore` (" +
                    m_file->path().string() + ")";
    }
    return report;
}

}  // namespace meshlings::bridge
