#include "simcluster/server/request_json.hpp"

#include "simcluster/api_error.hpp"

namespace meshlings::sim::request_json {

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
