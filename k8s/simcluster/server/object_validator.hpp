#pragma once
// Validation of what clients send, kind by kind, as the real API server and
// Istio's CRD schemas do it: the shapes the controllers and the mesh rely on
// (containers, selectors, templates, ports, VirtualService routes) must be
// there and of the right type, or the write fails with 422 Invalid naming
// the field.
#include <nlohmann/json.hpp>

#include "simcluster/resource_type.hpp"

namespace meshlings::sim {

class ObjectValidator {
public:
    static void validate(const ResourceType& type, const nlohmann::json& object);
};

}  // namespace meshlings::sim
