#include "simcluster/server/delete_handler.hpp"

#include "simcluster/api_error.hpp"
#include "simcluster/http/http_response.hpp"
#include "simcluster/json_access.hpp"
#include "simcluster/selector.hpp"
#include "simcluster/server/delete_propagation.hpp"
#include "simcluster/server/field_labels.hpp"
#include "simcluster/server/request_json.hpp"

namespace meshlings::sim {

using Json = nlohmann::json;

Json DeleteHandler::remove(const http::Request& request, const ApiRequest& api) {
    Json options = request.body.empty() ? Json::object() : request_json::parseObject(request.body);
    std::optional<std::int64_t> grace;
    if (options.contains("gracePeriodSeconds") && options["gracePeriodSeconds"].is_number_integer()) {
        grace = options["gracePeriodSeconds"].get<std::int64_t>();
    }
    if (request.hasParam("gracePeriodSeconds")) {
        try {
            grace = std::stoll(request.param("gracePeriodSeconds"));
        } catch (const std::exception&) {
            throw ApiError::badRequest("invalid gracePeriodSeconds");
        }
    }
    const Json& dryRunOption = json_access::array(options, "dryRun");
    const bool dryRun = api.dryRun || std::find(dryRunOption.begin(), dryRunOption.end(), "All") != dryRunOption.end();
    const std::string uid = json_access::text(json_access::object(options, "preconditions"), "uid");
    const std::string policy = DeletePropagation::policy(request, options);
    std::lock_guard lock(m_cluster.mutex());
    m_sync();
    if (api.type->kind == "Pod") {
        const auto pod = m_cluster.kubelet().deletePod(api.ns, api.name, grace, uid, dryRun);
        m_sync();
        return api.present(*pod);
    }
    const auto object = m_cluster.store().get(*api.type, api.ns, api.name);
    if (!object) throw ApiError::notFound(api.type->qualifiedName(), api.name);
    const Json existing = *object;
    if (!uid.empty() && existing["metadata"]["uid"] != uid) {
        throw ApiError(409, "Conflict",
                       "Precondition failed: UID in precondition: " + uid +
                           ", UID in object meta: " + existing["metadata"]["uid"].get<std::string>());
    }
    if (!dryRun) {
        if (policy == "Orphan") DeletePropagation::orphanDependents(m_cluster.store(), *api.type, existing);
        m_cluster.store().remove(*api.type, api.ns, api.name);
        m_sync();  // the garbage collector takes the dependents
    }
    return {{"kind", "Status"},
            {"apiVersion", "v1"},
            {"metadata", Json::object()},
            {"status", "Success"},
            {"details",
             {{"name", api.name},
              {"group", api.type->group},
              {"kind", api.type->plural},
              {"uid", existing["metadata"]["uid"]}}}};
}

Json DeleteHandler::removeCollection(const http::Request& request, const ApiRequest& api) {
    const Selector labels = Selector::parseLabels(request.param("labelSelector"));
    const Selector fields = FieldLabels::parse(*api.type, request.param("fieldSelector"));
    std::vector<ObjectPtr> matches;
    {
        std::lock_guard lock(m_cluster.mutex());
        m_sync();
        for (const auto& object : m_cluster.store().list(*api.type, api.ns)) {
            if (labels.matches(*object) && fields.matches(*object)) matches.push_back(object);
        }
    }
    // The registry's DeleteCollection deletes each match with the same options and answers with the list
    // of what it deleted (pods in their graceful deletion).
    Json items = Json::array();
    for (const auto& object : matches) {
        ApiRequest one = api;
        one.name = (*object)["metadata"]["name"];
        try {
            Json deleted = remove(request, one);  // a pod in its graceful deletion, else a Status
            items.push_back(deleted.value("kind", "") == "Status" ? api.present(*object) : std::move(deleted));
        } catch (const ApiError& e) {
            if (e.code() != 404) throw;  // gone meanwhile: nothing to delete
        }
    }
    std::lock_guard lock(m_cluster.mutex());
    return {{"kind", api.type->kind + "List"},
            {"apiVersion", api.type->apiVersionFor(api.version)},
            {"metadata", {{"resourceVersion", std::to_string(m_cluster.store().resourceVersion())}}},
            {"items", std::move(items)}};
}

}  // namespace meshlings::sim
