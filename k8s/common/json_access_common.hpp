#pragma once
// Reading client-shaped JSON without surprises: each accessor returns the
// field when it has the expected type and the fallback otherwise, never
// throws and never touches a missing key (a const operator[] on a missing
// key is undefined behaviour in nlohmann/json).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::json_access {

using Json = nlohmann::json;

inline const Json& field(const Json& node, const char* key) {
    static const Json kNull;
    if (!node.is_object()) return kNull;
    const auto it = node.find(key);
    return it == node.end() ? kNull : *it;
}
inline const Json& object(const Json& node, const char* key) {
    static const Json kEmpty = Json::object();
    const Json& value = field(node, key);
    return value.is_object() ? value : kEmpty;
}
inline const Json& array(const Json& node, const char* key) {
    static const Json kEmpty = Json::array();
    const Json& value = field(node, key);
    return value.is_array() ? value : kEmpty;
}
inline std::string text(const Json& node, const char* key, const std::string& fallback = "") {
    const Json& value = field(node, key);
    return value.is_string() ? value.get<std::string>() : fallback;
}
inline std::int64_t integer(const Json& node, const char* key, std::int64_t fallback) {
    const Json& value = field(node, key);
    return value.is_number_integer() ? value.get<std::int64_t>() : fallback;
}
inline bool flag(const Json& node, const char* key, bool fallback = false) {
    const Json& value = field(node, key);
    return value.is_boolean() ? value.get<bool>() : fallback;
}

}  // namespace meshlings::json_access
