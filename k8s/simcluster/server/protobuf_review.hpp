#pragma once
// kubectl sends SelfSubjectAccessReviews (and SelfSubjectRulesReviews) as Kubernetes protobuf ("k8s\0"
// + runtime.Unknown envelope). This decodes that one message into the JSON
// shape the rest of the server works with; answers go back as JSON, which
// kubectl also accepts.
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::sim {

class ProtobufReview {
public:
    static constexpr const char* kContentType = "application/vnd.kubernetes.protobuf";

    // Throws ApiError 400 on a malformed body.
    static nlohmann::json decode(const std::string& body);
    // spec.namespace of a protobuf SelfSubjectRulesReview. Throws ApiError 400 on a malformed body.
    static std::string rulesNamespace(const std::string& body);
};

}  // namespace meshlings::sim
