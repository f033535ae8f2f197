#pragma once
// What Istio's validating webhook (validation.istio.io, run by istiod) checks
// of a VirtualService or DestinationRule after the API server's schema
// checks: strict decoding (no field Istio's API does not have, durations Go
// can parse) and the rules of pkg/config/validation (route weights,
// destination hosts). A denial is the API server's answer to a webhook that
// says no: 400, the webhook's message. docs/mesh-model.md gives the sources.
#include <nlohmann/json.hpp>

#include "simcluster/resource_type.hpp"

namespace meshlings::sim {

class IstioValidator {
public:
    // Throws ApiError 400 "admission webhook \"validation.istio.io\" denied the request: ..."
    static void validate(const ResourceType& type, const nlohmann::json& object);
    // Go's time.ParseDuration: "1s", "100ms", "1.5s", "1h30m", "0"; false on anything else.
    static bool goDuration(const std::string& text);
};

}  // namespace meshlings::sim
