#include "simcluster/server/api_request.hpp"

#include <vector>

#include "simcluster/api_error.hpp"
#include "simcluster/http/http_response.hpp"
#include "simcluster/server/field_validation.hpp"
#include "simcluster/server/request_json.hpp"
#include "simcluster/server/unsupported_stream.hpp"

namespace meshlings::sim {

std::vector<std::string> ApiRequest::pathSegments(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!part.empty()) parts.push_back(part);
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return parts;
}

bool ApiRequest::parseBool(const std::string& text, const std::string& parameter) {
    if (text == "1" || text == "t" || text == "T" || text == "true" || text == "TRUE" || text == "True") return true;
    if (text == "0" || text == "f" || text == "F" || text == "false" || text == "FALSE" || text == "False")
        return false;
    throw ApiError::badRequest("invalid boolean value for " + parameter + ": \"" + text + "\"");
}

std::optional<ApiRequest> ApiRequest::parse(const http::Request& request) {
    const auto parts = pathSegments(request.path);
    std::size_t i = 0;
    std::string group;
    std::string version;
    if (parts.size() >= 2 && parts[0] == "api") {
        version = parts[1];
        i = 2;
    } else if (parts.size() >= 3 && parts[0] == "apis") {
        group = parts[1];
        version = parts[2];
        i = 3;
    } else {
        return std::nullopt;
    }
    ApiRequest out;
    out.version = version;
    std::vector<std::string> rest(parts.begin() + static_cast<std::ptrdiff_t>(i), parts.end());
    // /namespaces/{ns}/{resource}/... ; but /namespaces and /namespaces/{name}[/status] are the Namespace itself.
    if (rest.size() >= 3 && rest[0] == "namespaces" && ResourceRegistry::find(group, version, rest[2]) != nullptr) {
        out.ns = rest[1];
        rest.erase(rest.begin(), rest.begin() + 2);
    }
    if (rest.empty() || rest.size() > 3) return std::nullopt;
    out.type = ResourceRegistry::find(group, version, rest[0]);
    if (out.type == nullptr) return std::nullopt;
    if (rest.size() >= 2) out.name = rest[1];
    if (rest.size() == 3) out.subresource = rest[2];
    if (!out.type->namespaced && !out.ns.empty()) return std::nullopt;
    UnsupportedStream::reject(out);  // exec, attach, portforward: one clear line instead of an upgrade failure
    request_json::requireBodyMediaType(request.method, request.header("Content-Type"), !out.type->isCustom());
    if (const std::string dryRun = request.param("dryRun"); !dryRun.empty()) {
        if (dryRun != "All")
            throw ApiError::badRequest("dryRun: Unsupported value: \"" + dryRun + "\": supported values: \"All\"");
        out.dryRun = true;
    }
    const std::string accept = request.header("Accept");
    out.table = accept.find("as=Table") != std::string::npos;
    if (request.hasParam("includeObject")) out.includeObject = request.param("includeObject");
    out.fieldValidation = request.param("fieldValidation");
    FieldValidation::parse(out.fieldValidation);
    return out;
}

}  // namespace meshlings::sim
