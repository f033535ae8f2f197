#pragma once
// What became of a write whose answer was lost (the connection broke or timed
// out after the request went out): the object the write names is read back
// and compared with what the write asked for. The KubeClient makes the GET
// and uses the verdict; this class only reads the request and judges.
//
// A write may be sent again after a "not applied" only when a precondition
// makes that safe, i.e. the server refuses it should the first one land
// after all: a JSON patch that tests /metadata/resourceVersion, a merge patch
// or PUT with metadata.resourceVersion, a DELETE with preconditions.uid, and
// a create (a second one is refused as AlreadyExists).
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::k8s {

enum class ReadBackVerdict {
    Applied,     // the object is as the write asked (or gone, for a delete)
    NotApplied,  // the object is as it was before the write
    Unknown,     // changed otherwise, absent, or not readable: nobody can tell
};

class WriteReadBack {
public:
    // `method` PATCH/PUT/POST/DELETE, `path` as sent (query included), `body` as sent.
    WriteReadBack(std::string method, const std::string& path, const std::string& body);

    // The object to GET ("" when the write does not name one, e.g. a create with generateName).
    const std::string& objectPath() const { return m_objectPath; }
    // `live` is the object read back, or null when the GET said 404.
    ReadBackVerdict judge(const nlohmann::json& live) const;
    // A precondition (or a create's name) makes a second send safe.
    bool resendable() const;

    // "applied", "not applied", "unknown (...)" for the audit line and the error message.
    static std::string describe(ReadBackVerdict verdict);

private:
    ReadBackVerdict judgePatch(const nlohmann::json& live) const;
    ReadBackVerdict judgeJsonPatch(const nlohmann::json& live) const;
    ReadBackVerdict judgeMergePatch(const nlohmann::json& live) const;
    ReadBackVerdict judgePut(const nlohmann::json& live) const;
    ReadBackVerdict judgeCreate(const nlohmann::json& live) const;
    ReadBackVerdict judgeDelete(const nlohmann::json& live) const;

    std::string m_method;
    std::string m_objectPath;
    std::string m_contentKind;  // "json-patch" for an array body, else "object"
    nlohmann::json m_body;
    std::string m_resourceVersion;  // the precondition, or ""
    std::string m_uid;              // a delete's uid precondition, or ""
};

}  // namespace meshlings::k8s
