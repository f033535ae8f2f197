#pragma once
// Admission of writes to the built-in cluster's API, as the real API server
// checks them before storing: names, replicas, fields only the cluster may
// write, and the shape of each kind (ObjectValidator). Throws ApiError.
#include <nlohmann/json.hpp>
#include <string>

#include "simcluster/object_store.hpp"
#include "simcluster/server/api_request.hpp"

namespace meshlings::sim {

class Admission {
public:
    static constexpr std::int64_t kMaxReplicas = 100000;  // the built-in cluster's ceiling per workload

    // A new object: its namespace exists, its name is valid, cluster-owned fields dropped, shape valid.
    static void admitNew(const ObjectStore& store, const ApiRequest& api, nlohmann::json& object);
    // A changed object: replicas in range and the kind's shape valid.
    static void admitChange(const ApiRequest& api, const nlohmann::json& object);
    // spec.replicas of a Scale written through a workload's scale subresource.
    static void validateScale(const std::string& name, const nlohmann::json& scale);

    // A DNS-1123 subdomain, as Kubernetes requires of most object names.
    static bool validName(const std::string& name);

private:
    static void validateReplicas(const std::string& kind, const std::string& group, const std::string& name,
                                 const nlohmann::json& replicas);
};

}  // namespace meshlings::sim
