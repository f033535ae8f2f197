#pragma once
// Data files compiled into the API server (server/data/*.json, turned into
// sources by server/data/embed.cmake): the schemas it reads protobuf with and
// serves as OpenAPI.
#include <string_view>

namespace meshlings::sim::embedded {

std::string_view protobufSchema();      // server/data/protobuf_schema.json
std::string_view openApiDefinitions();  // server/data/openapi_definitions.json

}  // namespace meshlings::sim::embedded
