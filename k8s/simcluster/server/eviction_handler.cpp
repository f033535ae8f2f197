#include "simcluster/server/eviction_handler.hpp"

#include "simcluster/api_error.hpp"
#include "simcluster/disruption_controller.hpp"
#include "simcluster/http/http_request.hpp"
#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"
#include "simcluster/server/protobuf_message.hpp"
#include "simcluster/server/request_json.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;
constexpr const char* kViolation = "Cannot evict pod as it would violate the pod's disruption budget.";

// errors.NewTooManyRequests with a DisruptionBudget cause (policy/v1's DisruptionBudgetCause).
ApiError budgetError(const std::string& cause, int retryAfterSeconds) {
    Json details{{"causes", Json::array({{{"reason", "DisruptionBudget"}, {"message", cause}}})}};
    if (retryAfterSeconds > 0) details["retryAfterSeconds"] = retryAfterSeconds;
    return {429, "TooManyRequests", kViolation, details};
}

Json deleteOptionsFrom(const ProtobufMessage& options) {
    Json out = Json::object();
    if (options.has(1)) out["gracePeriodSeconds"] = static_cast<std::int64_t>(options.varint(1));
    if (options.has(2)) {
        const ProtobufMessage preconditions = options.message(2);
        if (preconditions.has(1)) out["preconditions"]["uid"] = preconditions.text(1);
        if (preconditions.has(2)) out["preconditions"]["resourceVersion"] = preconditions.text(2);
    }
    if (options.has(4)) out["propagationPolicy"] = options.text(4);
    for (const auto& mode : options.texts(5)) out["dryRun"].push_back(mode);
    return out;
}

bool canIgnoreBudget(const Json& pod) {
    const std::string phase = json_access::text(json_access::object(pod, "status"), "phase");
    return phase == "Succeeded" || phase == "Failed" || phase == "Pending" || pod_builder::isTerminating(pod);
}

}  // namespace

Json EvictionHandler::parseBody(const std::string& body, const std::string& contentType) {
    if (contentType.rfind("application/vnd.kubernetes.protobuf", 0) != 0) return request_json::parseObject(body);
    const ProtobufMessage eviction = ProtobufMessage::unwrap(body);  // checks the envelope
    const ProtobufMessage typeMeta = ProtobufMessage::parse(body.substr(4)).message(1);
    Json out{{"apiVersion", typeMeta.text(1)}, {"kind", typeMeta.text(2)}, {"metadata", Json::object()}};
    const ProtobufMessage meta = eviction.message(1);
    if (meta.has(1)) out["metadata"]["name"] = meta.text(1);
    if (meta.has(3)) out["metadata"]["namespace"] = meta.text(3);
    if (eviction.has(2)) out["deleteOptions"] = deleteOptionsFrom(eviction.message(2));
    return out;
}

Json EvictionHandler::evict(const http::Request& request, const ApiRequest& api, int& status) {
    const Json eviction = parseBody(request.body, request.header("Content-Type"));
    const std::string version = json_access::text(eviction, "apiVersion");
    if (json_access::text(eviction, "kind") != "Eviction" || (version != "policy/v1" && version != "policy/v1beta1")) {
        throw ApiError::badRequest("not a Eviction object: " + json_access::text(eviction, "apiVersion") +
                                   ", Kind=" + json_access::text(eviction, "kind"));
    }
    if (json_access::text(json_access::object(eviction, "metadata"), "name") != api.name) {
        throw ApiError::badRequest("name in URL does not match name in Eviction object");
    }
    const Json& options = json_access::object(eviction, "deleteOptions");
    const Json& dryRunOption = json_access::array(options, "dryRun");
    const bool dryRun = api.dryRun || std::find(dryRunOption.begin(), dryRunOption.end(), "All") != dryRunOption.end();
    status = 201;
    const Json success{
        {"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", Json::object()}, {"status", "Success"}, {"code", 201}};

    std::lock_guard lock(m_cluster.mutex());
    m_sync();
    const auto pod = m_cluster.store().get(ResourceRegistry::pods(), api.ns, api.name);
    if (!pod) throw ApiError::notFound("pods", api.name);
    if (canIgnoreBudget(*pod)) {
        deletePod(api, options, dryRun);
        return success;
    }
    std::vector<ObjectPtr> budgets;
    for (const auto& budget : m_cluster.store().list(ResourceRegistry::byKind("PodDisruptionBudget"), api.ns)) {
        if (DisruptionController::selects(*budget, *pod)) budgets.push_back(budget);
    }
    if (budgets.size() > 1) {
        status = 500;
        return {{"kind", "Status"},
                {"apiVersion", "v1"},
                {"metadata", Json::object()},
                {"status", "Failure"},
                {"message",
                 "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."},
                {"code", 500}};
    }
    if (budgets.size() == 1) {
        const Json& budgetStatus = json_access::object(*budgets[0], "status");
        // A pod that is not ready does not count towards healthy: it may go while the budget holds.
        const std::int64_t desired = json_access::integer(budgetStatus, "desiredHealthy", 0);
        const bool unhealthyMayGo =
            !pod_builder::isReady(*pod) &&
            ((json_access::integer(budgetStatus, "currentHealthy", 0) >= desired && desired > 0) ||
             json_access::text(json_access::object(*budgets[0], "spec"), "unhealthyPodEvictionPolicy") ==
                 "AlwaysAllow");
        if (!unhealthyMayGo) spend(*budgets[0], api.name, dryRun);
    }
    deletePod(api, options, dryRun);
    return success;
}

void EvictionHandler::spend(const Json& budget, const std::string& pod, bool dryRun) {
    const std::string name = json_access::text(budget["metadata"], "name");
    const Json& status = json_access::object(budget, "status");
    if (json_access::integer(status, "observedGeneration", 0) <
        json_access::integer(budget["metadata"], "generation", 1))
        throw budgetError("The disruption budget " + name + " is still being processed by the server.", 10);
    const std::int64_t allowed = json_access::integer(status, "disruptionsAllowed", 0);
    if (allowed < 0) {
        throw ApiError(403, "Forbidden",
                       "poddisruptionbudgets.policy \"" + name + "\" is forbidden: pdb disruptions allowed is negative",
                       {{"name", name}, {"group", "policy"}, {"kind", "poddisruptionbudgets"}});
    }
    if (allowed == 0) {
        throw budgetError("The disruption budget " + name + " needs " +
                              std::to_string(json_access::integer(status, "desiredHealthy", 0)) +
                              " healthy pods and has " +
                              std::to_string(json_access::integer(status, "currentHealthy", 0)) + " currently",
                          0);
    }
    if (dryRun) return;
    Json updated = budget;
    updated["status"]["disruptionsAllowed"] = allowed - 1;
    if (allowed - 1 == 0) {
        for (auto& c : updated["status"]["conditions"]) {
            if (json_access::text(c, "type") != "DisruptionAllowed") continue;
            c["status"] = "False";
            c["reason"] = "InsufficientPods";
            c["lastTransitionTime"] = m_cluster.context().timestamp();
        }
    }
    updated["status"]["disruptedPods"][pod] = m_cluster.context().timestamp();
    updated["metadata"].erase("resourceVersion");
    m_cluster.store().update(ResourceRegistry::byKind("PodDisruptionBudget"), std::move(updated));
}

void EvictionHandler::deletePod(const ApiRequest& api, const Json& options, bool dryRun) {
    std::optional<std::int64_t> grace;
    if (options.contains("gracePeriodSeconds") && options["gracePeriodSeconds"].is_number_integer())
        grace = options["gracePeriodSeconds"].get<std::int64_t>();
    const Json& preconditions = json_access::object(options, "preconditions");
    const std::string uid = json_access::text(preconditions, "uid");
    const auto current = m_cluster.store().get(ResourceRegistry::pods(), api.ns, api.name);
    const std::string resourceVersion = json_access::text(preconditions, "resourceVersion");
    if (!resourceVersion.empty() && json_access::text((*current)["metadata"], "resourceVersion") != resourceVersion) {
        throw ApiError::conflict("pods", api.name);
    }
    if (!uid.empty() && json_access::text((*current)["metadata"], "uid") != uid) {
        throw ApiError(409, "Conflict",
                       "Precondition failed: UID in precondition: " + uid +
                           ", UID in object meta: " + json_access::text((*current)["metadata"], "uid"));
    }
    if (!dryRun && !pod_builder::isTerminating(*current)) {
        Json marked = *current;
        pod_builder::setDisruptionTarget(marked, "EvictionByEvictionAPI", "Eviction API: evicting",
                                         m_cluster.context().timestamp());
        marked["metadata"].erase("resourceVersion");
        m_cluster.store().update(ResourceRegistry::pods(), std::move(marked));
    }
    m_cluster.kubelet().deletePod(api.ns, api.name, grace, uid, dryRun);
    m_sync();
}

}  // namespace meshlings::sim
