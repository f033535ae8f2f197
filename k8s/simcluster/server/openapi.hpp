#pragma once
// The built-in cluster's OpenAPI, from the definitions it carries
// (server/data/openapi_definitions.json, Kubernetes 1.32's and Istio 1.24's
// schemas of the kinds it serves): the v3 root index of group versions and,
// per group version, its paths with their operations and query parameters
// (so kubectl sees that the server validates fields and dry-runs) and the
// schemas of its kinds (kubectl explain, apply's strategic merge). The
// definitions also serve field validation.
#include <nlohmann/json.hpp>
#include <string>

#include "simcluster/resource_type.hpp"

namespace meshlings::sim {

class OpenApi {
public:
    static nlohmann::json root();
    // nullptr when the group version is not served. `gv` is "api/v1" or "apis/<group>/<version>".
    static nlohmann::json groupVersion(const std::string& gv);

    // Swagger 2.0 definitions by name ("io.k8s.api.apps.v1.Deployment"), `$ref`s as "#/definitions/NAME".
    static const nlohmann::json& definitions();
    // The definition of a served kind, or nullptr.
    static const nlohmann::json* schemaOf(const ResourceType& type);
};

}  // namespace meshlings::sim
