#include "simcluster/deployment_status.hpp"

#include <ctime>

#include "simcluster/json_access.hpp"
#include "simcluster/rollout_math.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

std::int64_t count(const Json& status, const char* field) {
    return json_access::integer(status, field, 0);
}

const Json& findCondition(const Json& status, const char* type) {
    static const Json kNone;
    for (const auto& c : json_access::array(status, "conditions"))
        if (json_access::text(c, "type") == type) return c;
    return kNone;
}

std::int64_t parseTime(const std::string& rfc3339) {
    std::tm utc{};
    if (strptime(rfc3339.c_str(), "%Y-%m-%dT%H:%M:%SZ", &utc) == nullptr) return 0;
    return static_cast<std::int64_t>(timegm(&utc)) * 1000;
}

}  // namespace

DeploymentStatus::DeploymentStatus(const Json& deployment, const std::vector<ObjectPtr>& replicaSets, ObjectPtr fresh,
                                   std::string now)
    : m_deployment(deployment),
      m_old(json_access::object(deployment, "status")),
      m_sets(replicaSets),
      m_fresh(std::move(fresh)),
      m_now(std::move(now)) {}

Json DeploymentStatus::counts() const {
    std::int64_t replicas = 0, ready = 0, available = 0, specTotal = 0;
    for (const auto& rs : m_sets) {
        const Json& status = json_access::object(*rs, "status");
        replicas += count(status, "replicas");
        ready += count(status, "readyReplicas");
        available += count(status, "availableReplicas");
        specTotal += rollout_math::replicas(*rs);
    }
    Json out{{"observedGeneration", json_access::integer(m_deployment["metadata"], "generation", 1)},
             {"replicas", replicas},
             {"updatedReplicas", m_fresh ? count(json_access::object(*m_fresh, "status"), "replicas") : 0},
             {"readyReplicas", ready},
             {"availableReplicas", available}};
    if (specTotal > available) out["unavailableReplicas"] = specTotal - available;
    return out;
}

Json DeploymentStatus::compute(bool created) const {
    Json status = counts();
    const std::int64_t desired = rollout_math::replicas(m_deployment);
    const bool available = count(status, "availableReplicas") >= desired - rollout_math::maxUnavailable(m_deployment);
    Json conditions = Json::array();
    conditions.push_back(condition(
        "Available", available ? "True" : "False",
        available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
        available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", false));
    m_written = progressing(status, created);
    if (!m_written.is_null()) conditions.push_back(m_written);
    status["conditions"] = std::move(conditions);
    for (const char* field : {"readyReplicas", "availableReplicas", "updatedReplicas", "replicas"})
        if (count(status, field) == 0) status.erase(field);
    return status;
}

Json DeploymentStatus::progressing(const Json& counts, bool created) const {
    const Json& current = findCondition(m_old, "Progressing");
    const std::string rs = m_fresh ? json_access::text((*m_fresh)["metadata"], "name") : "";
    if (json_access::flag(m_deployment["spec"], "paused"))
        return condition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", true);
    if (json_access::text(current, "reason") == "DeploymentPaused")
        return condition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", true);
    if (created)
        return condition("Progressing", "True", "NewReplicaSetCreated", "Created new replica set \"" + rs + "\"", true);
    const bool wasComplete = json_access::text(current, "reason") == "NewReplicaSetAvailable";
    if (wasComplete && count(counts, "replicas") == count(counts, "updatedReplicas") && m_fresh) return current;
    if (complete(counts))
        return condition("Progressing", "True", "NewReplicaSetAvailable",
                         "ReplicaSet \"" + rs + "\" has successfully progressed.", true);
    if (madeProgress(counts) || current.is_null())
        return condition("Progressing", "True", "ReplicaSetUpdated", "ReplicaSet \"" + rs + "\" is progressing.", true);
    if (timedOut())
        return condition("Progressing", "False", "ProgressDeadlineExceeded",
                         "ReplicaSet \"" + rs + "\" has timed out progressing.", true);
    return current;
}

Json DeploymentStatus::condition(const char* type, const char* status, const char* reason, const std::string& message,
                                 bool progress) const {
    const Json& old = findCondition(m_old, type);
    const bool same = json_access::text(old, "status") == status;
    const bool unchanged = same && json_access::text(old, "reason") == reason;
    // Progress moves lastUpdateTime; a condition that keeps its status keeps its lastTransitionTime.
    Json c{{"type", type}, {"status", status}, {"reason", reason}, {"message", message}};
    c["lastUpdateTime"] = (progress || !unchanged || old.is_null()) ? m_now : json_access::text(old, "lastUpdateTime");
    c["lastTransitionTime"] = same && !old.is_null() ? json_access::text(old, "lastTransitionTime", m_now) : m_now;
    if (unchanged && !progress) c["lastUpdateTime"] = json_access::text(old, "lastUpdateTime", m_now);
    return c;
}

bool DeploymentStatus::complete(const Json& counts) const {
    const std::int64_t desired = rollout_math::replicas(m_deployment);
    return count(counts, "updatedReplicas") == desired && count(counts, "replicas") == desired &&
           count(counts, "availableReplicas") == desired;
}

bool DeploymentStatus::madeProgress(const Json& counts) const {
    const std::int64_t oldOld = count(m_old, "replicas") - count(m_old, "updatedReplicas");
    const std::int64_t newOld = count(counts, "replicas") - count(counts, "updatedReplicas");
    return count(counts, "updatedReplicas") > count(m_old, "updatedReplicas") || newOld < oldOld ||
           count(counts, "readyReplicas") > count(m_old, "readyReplicas") ||
           count(counts, "availableReplicas") > count(m_old, "availableReplicas");
}

bool DeploymentStatus::timedOut() const {
    const Json& current = findCondition(m_old, "Progressing");
    if (json_access::text(current, "reason") == "ProgressDeadlineExceeded") return true;
    const std::int64_t since = parseTime(json_access::text(current, "lastUpdateTime"));
    const std::int64_t deadline = rollout_math::progressDeadlineSeconds(m_deployment) * 1000;
    return since > 0 && since + deadline < parseTime(m_now);
}

std::int64_t DeploymentStatus::deadlineIn(std::int64_t unixNowMillis) const {
    if (!m_written.is_object() || json_access::text(m_written, "status") != "True") return 0;
    const std::string reason = json_access::text(m_written, "reason");
    if (reason == "NewReplicaSetAvailable") return 0;
    const std::int64_t since = parseTime(json_access::text(m_written, "lastUpdateTime"));
    const std::int64_t wake = since + rollout_math::progressDeadlineSeconds(m_deployment) * 1000 + 1000;
    return std::max<std::int64_t>(wake - unixNowMillis, 1);
}

}  // namespace meshlings::sim
