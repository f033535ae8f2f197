#pragma once
// The PATCH flavours the API server accepts: JSON merge patch (RFC 7386),
// JSON patch (RFC 6902) and, for built-in kinds, strategic merge patch (lists
// of named objects merge by name; $patch directives honoured).
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::sim {

class Patch {
public:
    enum class Type { Merge, JsonPatch, Strategic, Apply };

    // From the Content-Type (parameters after ';' dropped); throws ApiError 415.
    static Type typeOf(const std::string& contentType, bool builtIn);
    // Applies `body` to `target`; throws ApiError 400 (malformed) or 422 (a failed op).
    static nlohmann::json apply(Type type, const nlohmann::json& target, const std::string& body);

private:
    static void strategicMerge(nlohmann::json& target, const nlohmann::json& patch);
};

}  // namespace meshlings::sim
