#include "request_json.hpp"

#include "api_error.hpp"

namespace meshlings::sim::request_json {

nlohmann::json parse(const std::string& body) {
    try {
        return nlohmann::json::parse(body, [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
            if (depth > kMaxDepth) {
                throw ApiError::badRequest("the request body is nested more than " + std::to_string(kMaxDepth) + " levels deep");
            }
            return true;
        });
    } catch (const nlohmann::json::parse_error& e) {
        throw ApiError::badRequest(std::string("the object provided is unrecognized (invalid JSON): ") + e.what());
    }
}

}  // namespace meshlings::sim::request_json
