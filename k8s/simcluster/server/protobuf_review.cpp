#include "simcluster/server/protobuf_review.hpp"

#include "simcluster/server/protobuf_message.hpp"

namespace meshlings::sim {

std::string ProtobufReview::rulesNamespace(const std::string& body) {
    return ProtobufMessage::unwrap(body).message(2).text(1);  // spec (2), its namespace (1)
}

nlohmann::json ProtobufReview::decode(const std::string& body) {
    const ProtobufMessage spec = ProtobufMessage::unwrap(body).message(2);
    nlohmann::json out{{"apiVersion", "authorization.k8s.io/v1"}, {"kind", "SelfSubjectAccessReview"}};
    if (spec.has(1)) {
        const ProtobufMessage attributes = spec.message(1);
        const char* names[] = {"", "namespace", "verb", "group", "version", "resource", "subresource", "name"};
        nlohmann::json resource = nlohmann::json::object();
        for (int field = 1; field <= 7; ++field) {
            if (attributes.has(field)) resource[names[field]] = attributes.text(field);
        }
        out["spec"]["resourceAttributes"] = resource;
    }
    if (spec.has(2)) {
        const ProtobufMessage attributes = spec.message(2);
        out["spec"]["nonResourceAttributes"] = {{"path", attributes.text(1)}, {"verb", attributes.text(2)}};
    }
    if (!out.contains("spec")) out["spec"] = nlohmann::json::object();
    return out;
}

}  // namespace meshlings::sim
