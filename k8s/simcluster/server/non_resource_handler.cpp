#include "simcluster/server/non_resource_handler.hpp"

#include <algorithm>

#include "simcluster/api_error.hpp"
#include "simcluster/http/http_response.hpp"
#include "simcluster/server/discovery.hpp"
#include "simcluster/server/openapi.hpp"
#include "simcluster/server/openapi_v2.hpp"

namespace meshlings::sim {

namespace {

bool send(http::Response& response, const std::string& body, const char* type = "application/json") {
    response.status = 200;
    response.setContent(body, type);
    return true;
}

}  // namespace

bool NonResourceHandler::serve(const http::Request& request, http::Response& response) const {
    const std::string& path = request.path;
    const bool aggregated = Discovery::wantsAggregated(request.header("Accept"));
    if (path == "/version") return send(response, Discovery::version().dump());
    if (path == "/healthz" || path == "/livez" || path == "/readyz") return send(response, "ok", "text/plain");
    if (path == "/openapi/v2") {
        if (request.header("Accept").find("protobuf") != std::string::npos) {
            return send(response, OpenApiV2::protobuf(), OpenApiV2::kProtobufType);
        }
        return send(response, OpenApiV2::json());
    }
    if (path == "/openapi/v3") return send(response, OpenApi::root().dump());
    if (path.rfind("/openapi/v3/", 0) == 0) {
        const nlohmann::json doc = OpenApi::groupVersion(path.substr(12));
        if (doc.is_null()) throw ApiError(404, "NotFound", "the server could not find the requested resource");
        return send(response, doc.dump());
    }
    if (path == "/api") {
        if (aggregated) return send(response, Discovery::aggregated(true).dump(), Discovery::kAggregatedContentType);
        return send(response, Discovery::apiVersions(m_address).dump());
    }
    if (path == "/apis") {
        if (aggregated) return send(response, Discovery::aggregated(false).dump(), Discovery::kAggregatedContentType);
        return send(response, Discovery::apiGroupList().dump());
    }
    if (path == "/api/v1" || (path.rfind("/apis/", 0) == 0 && std::count(path.begin(), path.end(), '/') == 3)) {
        const auto slash = path.rfind('/');
        const std::string group = path == "/api/v1" ? "" : path.substr(6, slash - 6);
        const nlohmann::json list = Discovery::resourceList(group, path.substr(slash + 1));
        if (!list.is_null()) return send(response, list.dump());
    }
    return false;
}

}  // namespace meshlings::sim
