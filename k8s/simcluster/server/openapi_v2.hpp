#pragma once
// /openapi/v2 of the built-in cluster: the swagger 2.0 document of the kinds
// it serves (OpenApi's definitions, and per resource its operations with the
// query parameters kubectl looks for), as JSON or as the gnostic protobuf
// (openapi.v2.Document) that client-go asks for. kubectl validates objects
// against it when no server-side validation applies (a `kind: List`), and
// kubectl 1.27 and 1.28 need it for apply, diff, edit and explain.
#include <string>

namespace meshlings::sim {

class OpenApiV2 {
public:
    static constexpr const char* kProtobufType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    static const std::string& json();
    static const std::string& protobuf();
};

}  // namespace meshlings::sim
