#include "simcluster/server/request_json.hpp"

#include <cctype>

#include "simcluster/api_error.hpp"

namespace meshlings::sim::request_json {

void requireBodyMediaType(const std::string& method, const std::string& contentType, bool builtIn) {
    if (method != "POST" && method != "PUT") return;
    std::string base = contentType.substr(0, contentType.find(';'));
    while (!base.empty() && (base.back() == ' ' || base.back() == '\t')) base.pop_back();
    while (!base.empty() && (base.front() == ' ' || base.front() == '\t')) base.erase(0, 1);
    for (char& c : base) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (base.empty() || base == "application/json" || base == "application/yaml") return;
    if (builtIn && base == "application/vnd.kubernetes.protobuf") return;
    throw ApiError(415, "UnsupportedMediaType",
                   std::string("the body of the request was in an unknown format - accepted media types include: "
                               "application/json, application/yaml") +
                       (builtIn ? ", application/vnd.kubernetes.protobuf" : ""));
}

nlohmann::json parse(const std::string& body) {
    try {
        return nlohmann::json::parse(body, [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
            if (depth > kMaxDepth) {
                throw ApiError::badRequest("the request body is nested more than " + std::to_string(kMaxDepth) +
                                           " levels deep");
            }
            return true;
        });
    } catch (const nlohmann::json::parse_error& e) {
        throw ApiError::badRequest(std::string("the object provided is unrecognized (invalid JSON): ") + e.what());
    }
}

nlohmann::json parseObject(const std::string& body) {
    nlohmann::json parsed = parse(body);
    if (!parsed.is_object()) throw ApiError::badRequest("the request body must be a JSON object");
    return parsed;
}

}  // namespace meshlings::sim::request_json
