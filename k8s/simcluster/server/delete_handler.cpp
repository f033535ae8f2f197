#include "simcluster/server/delete_handler.hpp"

#include "simcluster/api_error.hpp"
#include "simcluster/http/http_response.hpp"
#include "simcluster/json_access.hpp"
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

}  // namespace meshlings::sim
