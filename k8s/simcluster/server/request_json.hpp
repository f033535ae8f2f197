#pragma once
// Parsing and printing JSON that crosses the API boundary: request bodies
// nested past a sane depth are refused (400) before anything recursive
// touches them, and answers never fail on bytes that are not UTF-8.
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::sim::request_json {

constexpr int kMaxDepth = 64;

// The Content-Type of a create or update (POST, PUT) must be one the API
// server decodes, as the real one requires: none (taken as JSON),
// application/json, application/yaml or (built-in kinds)
// application/vnd.kubernetes.protobuf, parameters such as charset ignored.
// Throws ApiError 415 UnsupportedMediaType otherwise (text/plain, curl's
// default application/x-www-form-urlencoded, ...). PATCH has its own types (Patch).
void requireBodyMediaType(const std::string& method, const std::string& contentType, bool builtIn);

// Throws ApiError 400 on malformed or too deeply nested JSON.
nlohmann::json parse(const std::string& body);
// parse() of a body that must be one JSON object (400 otherwise).
nlohmann::json parseObject(const std::string& body);

// dump() that replaces invalid UTF-8 instead of throwing.
inline std::string dump(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace meshlings::sim::request_json
