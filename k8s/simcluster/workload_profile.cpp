#include "simcluster/workload_profile.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace meshlings::sim {

namespace {

double annotationNumber(const nlohmann::json& deployment, const char* key, double fallback) {
    const auto& annotations = deployment["metadata"].value("annotations", nlohmann::json::object());
    if (!annotations.contains(key) || !annotations[key].is_string()) return fallback;
    const std::string text = annotations[key].get<std::string>();
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    return (end == text.c_str() || *end != '\0' || !std::isfinite(value)) ? fallback : value;
}

}  // namespace

WorkloadProfile WorkloadProfile::forApp(const std::string& app) {
    WorkloadProfile profile;
    if (app == "productpage") {
        profile.startup = 2500;
        profile.latencyMedianMs = 6.0;
        profile.latencySigma = 0.4;
    } else if (app == "reviews") {
        profile.startup = 9000;  // Open Liberty on OpenJ9
        profile.latencyMedianMs = 3.5;
        profile.latencySigma = 0.5;
        profile.shutdown = 900;
    } else if (app == "details") {
        profile.startup = 1800;
        profile.latencyMedianMs = 1.2;
    } else if (app == "ratings") {
        profile.startup = 1600;
        profile.latencyMedianMs = 0.9;
    } else if (app == "istio-ingressgateway" || app == "istiod") {
        profile.startup = 2500;
        profile.latencyMedianMs = 0.3;
    }
    return profile;
}

WorkloadProfile WorkloadProfile::fromDeployment(const nlohmann::json& deployment) {
    const auto tmpl = deployment["spec"].value("template", nlohmann::json::object());
    const auto labels = tmpl.value("metadata", nlohmann::json::object()).value("labels", nlohmann::json::object());
    WorkloadProfile profile = forApp(labels.value("app", ""));
    profile.applyAnnotations(deployment);
    return profile;
}

void WorkloadProfile::applyAnnotations(const nlohmann::json& object) {
    const double startupSeconds = annotationNumber(object, "meshlings.dev/startup-seconds", -1);
    if (startupSeconds >= 0) startup = static_cast<Millis>(std::min(startupSeconds, 3600.0) * 1000);
    extraLatencyMs = std::clamp(annotationNumber(object, "meshlings.dev/latency-ms", extraLatencyMs), 0.0, 60000.0);
    errorRate = std::clamp(annotationNumber(object, "meshlings.dev/error-rate", errorRate), 0.0, 1.0);
    const double code = annotationNumber(object, "meshlings.dev/exit-code", -1);
    if (code >= 0 && code <= 255) exitCode = static_cast<int>(code);
    const double after = annotationNumber(object, "meshlings.dev/exit-after-seconds", -1);
    if (after >= 0) exitAfter = static_cast<Millis>(std::min(after, 86400.0) * 1000);
    const auto& annotations = object["metadata"].value("annotations", nlohmann::json::object());
    if (annotations.contains("meshlings.dev/images") && annotations["meshlings.dev/images"].is_string())
        images += " " + annotations["meshlings.dev/images"].get<std::string>();
}

}  // namespace meshlings::sim
