#pragma once
// Discovery documents of the built-in API server, generated from the
// resource table: aggregated (apidiscovery.k8s.io/v2, when the client asks
// for it) and legacy (APIVersions, APIGroupList, APIResourceList).
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::sim {

class Discovery {
public:
    static constexpr const char* kAggregatedContentType =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    static bool wantsAggregated(const std::string& accept);
    static nlohmann::json aggregated(bool core);
    static nlohmann::json apiVersions(const std::string& serverAddress);
    static nlohmann::json apiGroupList();
    // nullptr when the group version is not served.
    static nlohmann::json resourceList(const std::string& group, const std::string& version);
    static nlohmann::json version();
};

}  // namespace meshlings::sim
