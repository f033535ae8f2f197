#pragma once
// The slice of OpenAPI v3 kubectl needs from the built-in cluster: the root
// index of group versions and, per group version, its paths with their
// operations, GVK extensions and query parameters, so `kubectl apply` sees
// that the server validates fields itself (fieldValidation) and dry-runs.
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::sim {

class OpenApi {
public:
    static nlohmann::json root();
    // nullptr when the group version is not served. `gv` is "api/v1" or "apis/<group>/<version>".
    static nlohmann::json groupVersion(const std::string& gv);
};

}  // namespace meshlings::sim
