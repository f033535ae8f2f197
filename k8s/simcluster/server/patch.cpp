#include "simcluster/server/patch.hpp"

#include <algorithm>

#include "simcluster/api_error.hpp"
#include "simcluster/server/request_json.hpp"

namespace meshlings::sim {

using Json = nlohmann::json;

Patch::Type Patch::typeOf(const std::string& contentType, bool builtIn) {
    const std::string base = contentType.substr(0, contentType.find(';'));
    if (base == "application/merge-patch+json") return Type::Merge;
    if (base == "application/json-patch+json") return Type::JsonPatch;
    if (base == "application/apply-patch+yaml") return Type::Apply;
    if (base == "application/strategic-merge-patch+json") {
        if (builtIn) return Type::Strategic;
        throw ApiError(415, "UnsupportedMediaType",
                       "the body of the request was in an unknown format - accepted media types include: "
                       "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
    }
    throw ApiError(415, "UnsupportedMediaType",
                   "the body of the request was in an unknown format - accepted media types include: "
                   "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml" +
                       std::string(builtIn ? ", application/strategic-merge-patch+json" : ""));
}

Json Patch::apply(Type type, const Json& target, const std::string& body) {
    const Json patch = request_json::parse(body);
    switch (type) {
        case Type::JsonPatch: {
            if (!patch.is_array())
                throw ApiError::badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
            try {
                return target.patch(patch);
            } catch (const Json::exception& e) {
                throw ApiError(
                    422, "Invalid",
                    std::string("the server rejected our request due to an error in our request: ") + e.what());
            }
        }
        case Type::Strategic: {
            if (!patch.is_object()) throw ApiError::badRequest("strategic merge patch must be a JSON object");
            Json result = target;
            strategicMerge(result, patch);
            return result;
        }
        case Type::Merge:
        case Type::Apply: {
            // Server-side apply with a JSON body behaves as a merge for our needs.
            if (!patch.is_object()) throw ApiError::badRequest("merge patch must be a JSON object");
            Json result = target;
            result.merge_patch(patch);
            return result;
        }
    }
    return target;
}

void Patch::strategicMerge(Json& target, const Json& patch) {
    if (patch.value("$patch", "") == "replace") {
        target = patch;
        target.erase("$patch");
        return;
    }
    for (const auto& [key, value] : patch.items()) {
        if (key.rfind("$setElementOrder/", 0) == 0 || key == "$retainKeys" || key == "$patch") continue;
        if (value.is_null()) {
            target.erase(key);
        } else if (value.is_object() && target.contains(key) && target[key].is_object()) {
            if (value.value("$patch", "") == "delete")
                target.erase(key);
            else
                strategicMerge(target[key], value);
        } else if (value.is_array() && target.contains(key) && target[key].is_array() && !value.empty() &&
                   value[0].is_object() && value[0].contains("name")) {
            // Lists of named objects (containers, env, ports, volumes) merge by name.
            Json& list = target[key];
            for (const auto& item : value) {
                auto existing = std::find_if(list.begin(), list.end(), [&](const Json& e) {
                    return e.value("name", "") == item.value("name", "");
                });
                const bool remove = item.value("$patch", "") == "delete";
                if (existing == list.end()) {
                    if (!remove) list.push_back(item);
                } else if (remove) {
                    list.erase(existing);
                } else {
                    strategicMerge(*existing, item);
                }
            }
        } else {
            target[key] = value;
        }
    }
}

}  // namespace meshlings::sim
