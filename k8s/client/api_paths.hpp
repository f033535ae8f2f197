#pragma once
// Building API paths and query strings: a resource's collection and item
// paths (core "/api/v1", groups "/apis/<group>/<version>"), and query
// parameters escaped as URLs need them.
#include <string>
#include <utility>
#include <vector>

namespace meshlings::k8s {

struct ResourceRef {
    std::string group;  // "" for core
    std::string version;
    std::string plural;

    std::string collection(const std::string& nameSpace) const;  // nameSpace "" for all namespaces
    std::string item(const std::string& nameSpace, const std::string& name) const;
};

std::string escapeQuery(const std::string& value);

// "?a=1&b=x" from the non-empty pairs; "" when all are empty.
std::string query(const std::vector<std::pair<std::string, std::string>>& parameters);

}  // namespace meshlings::k8s
