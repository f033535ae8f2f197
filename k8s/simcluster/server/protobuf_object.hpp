#pragma once
// Kubernetes protobuf request bodies ("k8s\0" + runtime.Unknown around the
// typed message), as client-go's typed clients send them (kubectl create
// deployment, service, namespace, serviceaccount, role, configmap), read into
// the JSON object the rest of the server works with. The field numbers come
// from server/data/protobuf_schema.json; zero scalars are left out as Go's
// omitempty leaves them out of JSON.
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::sim::http {
struct Request;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

class ProtobufObject {
public:
    static constexpr const char* kContentType = "application/vnd.kubernetes.protobuf";

    // Whether the schema knows the kind's message.
    static bool readable(const std::string& kind);
    // Throws ApiError 400 on a malformed body or a field the schema lacks.
    static nlohmann::json decode(const std::string& body);

    // The object a POST or PUT carries, in protobuf or JSON.
    static nlohmann::json bodyOf(const http::Request& request);
    // Throws the real server's 415 for a protobuf body of a kind this cannot read.
    static void requireReadable(const http::Request& request, const std::string& kind);
};

}  // namespace meshlings::sim
