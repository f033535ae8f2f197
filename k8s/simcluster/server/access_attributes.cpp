#include "simcluster/server/access_attributes.hpp"

#include <vector>

#include "simcluster/json_access.hpp"
#include "simcluster/server/api_request.hpp"

namespace meshlings::sim {

namespace {

std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string resourceVerb(const std::string& method) {
    if (method == "POST") return "create";
    if (method == "GET" || method == "HEAD") return "get";
    if (method == "PUT") return "update";
    if (method == "PATCH") return "patch";
    if (method == "DELETE") return "delete";
    return "";
}

// The name a fieldSelector pins with metadata.name=NAME (the real server
// authorizes such a list or watch as one on that name).
std::string pinnedName(const std::string& fieldSelector) {
    std::size_t start = 0;
    while (start <= fieldSelector.size()) {
        const auto comma = fieldSelector.find(',', start);
        const std::string term =
            fieldSelector.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        for (const char* prefix : {"metadata.name==", "metadata.name="}) {
            const std::string p = prefix;
            if (term.rfind(p, 0) == 0 && term.size() > p.size()) {
                const std::string name = term.substr(p.size());
                if (name != "." && name != ".." && name.find_first_of("/%") == std::string::npos) return name;
            }
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return "";
}

}  // namespace

AccessAttributes AccessAttributes::fromHttp(const std::string& method, const std::string& path,
                                            const std::string& watchParam, const std::string& fieldSelector) {
    AccessAttributes out;
    out.path = path;
    out.verb = lower(method);
    auto parts = ApiRequest::pathSegments(path);
    // Non-resource: anything outside /api/VERSION/... and /apis/GROUP/VERSION/...
    const bool core = parts.size() >= 3 && parts[0] == "api";
    const bool grouped = parts.size() >= 4 && parts[0] == "apis";
    if (!core && !grouped) return out;
    out.resourceRequest = true;
    out.verb = resourceVerb(method);
    if (grouped) out.group = parts[1];
    parts.erase(parts.begin(), parts.begin() + (grouped ? 3 : 2));
    if (parts[0] == "namespaces" && parts.size() > 1) {
        out.ns = parts[1];
        if (parts.size() > 2 && parts[2] != "status" && parts[2] != "finalize")
            parts.erase(parts.begin(), parts.begin() + 2);
    }
    out.resource = parts[0];
    if (parts.size() >= 2) out.name = parts[1];
    if (parts.size() >= 3) out.subresource = parts[2];
    if (out.name.empty() && out.verb == "get") {
        const std::string watch = lower(watchParam);
        const bool watching = !watchParam.empty() && watch != "false" && watch != "0";
        out.verb = watching ? "watch" : "list";
        out.name = pinnedName(fieldSelector);
    }
    if (out.name.empty() && out.verb == "delete") out.verb = "deletecollection";
    return out;
}

AccessAttributes AccessAttributes::fromReviewSpec(const nlohmann::json& spec) {
    AccessAttributes out;
    const auto& resource = json_access::object(spec, "resourceAttributes");
    if (!resource.empty()) {
        out.resourceRequest = true;
        out.verb = json_access::text(resource, "verb");
        out.group = json_access::text(resource, "group");
        out.resource = json_access::text(resource, "resource");
        out.subresource = json_access::text(resource, "subresource");
        out.ns = json_access::text(resource, "namespace");
        out.name = json_access::text(resource, "name");
        return out;
    }
    const auto& other = json_access::object(spec, "nonResourceAttributes");
    out.verb = json_access::text(other, "verb");
    out.path = json_access::text(other, "path");
    return out;
}

}  // namespace meshlings::sim
