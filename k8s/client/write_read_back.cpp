#include "client/write_read_back.hpp"

#include "common/json_access_common.hpp"

namespace meshlings::k8s {

namespace ja = json_access;
using Json = nlohmann::json;

namespace {

std::string readBackVersion(const Json& object) {
    return ja::text(ja::object(object, "metadata"), "resourceVersion");
}

bool readBackHas(const Json& document, const std::string& pointer) {
    try {
        return document.contains(Json::json_pointer(pointer));
    } catch (const Json::exception&) {
        return false;
    }
}

// `document` with one JSON patch operation applied, counting as done what a first
// application already did (a removed path, an element appended with "-"); false when
// the operation cannot be applied at all.
bool readBackApply(Json& document, const Json& operation) {
    const std::string op = ja::text(operation, "op");
    const std::string path = ja::text(operation, "path");
    if (op == "test") return true;
    if (op == "remove" && !readBackHas(document, path)) return true;
    if (op == "add" && path.size() >= 2 && path.compare(path.size() - 2, 2, "/-") == 0) {
        const std::string parent = path.substr(0, path.size() - 2);
        if (readBackHas(document, parent)) {
            const Json& list = document.at(Json::json_pointer(parent));
            if (list.is_array() && !list.empty() && list.back() == ja::field(operation, "value")) return true;
        }
    }
    try {
        document = document.patch(Json::array({operation}));
    } catch (const Json::exception&) {
        return false;
    }
    return true;
}

}  // namespace

WriteReadBack::WriteReadBack(std::string method, const std::string& path, const std::string& body)
    : m_method(std::move(method)), m_body(body.empty() ? Json() : Json::parse(body, nullptr, false)) {
    m_objectPath = path.substr(0, path.find('?'));
    m_contentKind = m_body.is_array() ? "json-patch" : "object";
    if (m_body.is_array()) {
        for (const auto& operation : m_body) {
            if (ja::text(operation, "op") == "test" && ja::text(operation, "path") == "/metadata/resourceVersion")
                m_resourceVersion = ja::text(operation, "value");
        }
    } else {
        m_resourceVersion = readBackVersion(m_body);
        m_uid = ja::text(ja::object(m_body, "preconditions"), "uid");
    }
    if (m_method == "POST") {
        const std::string name = ja::text(ja::object(m_body, "metadata"), "name");
        m_objectPath = name.empty() ? std::string() : m_objectPath + "/" + name;
    }
}

bool WriteReadBack::resendable() const {
    if (m_method == "POST") return !m_objectPath.empty();
    if (m_method == "DELETE") return !m_uid.empty();
    return !m_resourceVersion.empty();
}

std::string WriteReadBack::describe(ReadBackVerdict verdict) {
    switch (verdict) {
        case ReadBackVerdict::Applied:
            return "applied";
        case ReadBackVerdict::NotApplied:
            return "not applied";
        case ReadBackVerdict::Unknown:
            return "unknown (the object is neither as before nor as asked)";
    }
    return "unknown";
}

ReadBackVerdict WriteReadBack::judge(const Json& live) const {
    if (m_method == "DELETE") return judgeDelete(live);
    if (m_method == "POST") return judgeCreate(live);
    if (live.is_null()) return ReadBackVerdict::Unknown;  // a patched or replaced object is gone
    if (!m_resourceVersion.empty() && readBackVersion(live) == m_resourceVersion) return ReadBackVerdict::NotApplied;
    if (m_method == "PUT") return judgePut(live);
    return judgePatch(live);
}

ReadBackVerdict WriteReadBack::judgePatch(const Json& live) const {
    return m_contentKind == "json-patch" ? judgeJsonPatch(live) : judgeMergePatch(live);
}

ReadBackVerdict WriteReadBack::judgeJsonPatch(const Json& live) const {
    Json expected = live;
    for (const auto& operation : m_body) {
        if (!readBackApply(expected, operation)) return ReadBackVerdict::Unknown;
    }
    if (expected == live) return ReadBackVerdict::Applied;
    return m_resourceVersion.empty() ? ReadBackVerdict::NotApplied : ReadBackVerdict::Unknown;
}

ReadBackVerdict WriteReadBack::judgeMergePatch(const Json& live) const {
    Json patch = m_body;
    if (patch.is_object() && patch.contains("metadata") && patch["metadata"].is_object()) {
        patch["metadata"].erase("resourceVersion");
        if (patch["metadata"].empty()) patch.erase("metadata");
    }
    Json expected = live;
    expected.merge_patch(patch);
    if (expected == live) return ReadBackVerdict::Applied;
    return m_resourceVersion.empty() ? ReadBackVerdict::NotApplied : ReadBackVerdict::Unknown;
}

ReadBackVerdict WriteReadBack::judgePut(const Json& live) const {
    const bool same =
        ja::field(m_body, "spec") == ja::field(live, "spec") &&
        ja::field(ja::object(m_body, "metadata"), "labels") == ja::field(ja::object(live, "metadata"), "labels");
    return same ? ReadBackVerdict::Applied : ReadBackVerdict::Unknown;
}

ReadBackVerdict WriteReadBack::judgeCreate(const Json& live) const {
    if (live.is_null()) return ReadBackVerdict::NotApplied;
    return ja::field(m_body, "spec") == ja::field(live, "spec") ? ReadBackVerdict::Applied : ReadBackVerdict::Unknown;
}

ReadBackVerdict WriteReadBack::judgeDelete(const Json& live) const {
    if (live.is_null()) return ReadBackVerdict::Applied;
    const Json& metadata = ja::object(live, "metadata");
    if (!m_uid.empty() && ja::text(metadata, "uid") != m_uid) return ReadBackVerdict::Applied;  // a new one since
    if (!ja::field(metadata, "deletionTimestamp").is_null()) return ReadBackVerdict::Applied;   // graceful, under way
    return ReadBackVerdict::NotApplied;
}

}  // namespace meshlings::k8s
