#include "simcluster/rollout_math.hpp"

#include <algorithm>
#include <cstdlib>

#include "simcluster/json_access.hpp"

namespace meshlings::sim::rollout_math {

namespace {

using Json = nlohmann::json;

std::int64_t specNumber(const Json& object, const char* field, std::int64_t fallback) {
    return json_access::integer(json_access::object(object, "spec"), field, fallback);
}

}  // namespace

std::int64_t scaledValue(const Json& intOrPercent, std::int64_t total, bool roundUp, std::int64_t fallback) {
    if (intOrPercent.is_number_integer()) return std::max<std::int64_t>(intOrPercent.get<std::int64_t>(), 0);
    if (!intOrPercent.is_string()) return fallback;
    const std::string text = intOrPercent.get<std::string>();
    if (text.size() < 2 || text.back() != '%') return fallback;
    char* end = nullptr;
    const long long percent = std::strtoll(text.c_str(), &end, 10);
    if (end != text.c_str() + text.size() - 1 || percent < 0) return fallback;
    const std::int64_t scaled = static_cast<std::int64_t>(percent) * total;
    return roundUp ? (scaled + 99) / 100 : scaled / 100;
}

bool isRecreate(const Json& deployment) {
    const Json& strategy = json_access::object(json_access::object(deployment, "spec"), "strategy");
    return json_access::text(strategy, "type") == "Recreate";
}

Fenceposts fenceposts(const Json& deployment) {
    if (isRecreate(deployment)) return {};
    const Json& rolling =
        json_access::object(json_access::object(json_access::object(deployment, "spec"), "strategy"), "rollingUpdate");
    const std::int64_t desired = replicas(deployment);
    static const Json kQuarter = "25%";
    Fenceposts f;
    f.surge = scaledValue(rolling.contains("maxSurge") ? rolling["maxSurge"] : kQuarter, desired, true, 0);
    f.unavailable =
        scaledValue(rolling.contains("maxUnavailable") ? rolling["maxUnavailable"] : kQuarter, desired, false, 0);
    // Validation forbids both being 0 as written; percentages that round to 0 both get one unavailable.
    if (f.surge == 0 && f.unavailable == 0) f.unavailable = 1;
    return f;
}

std::int64_t maxUnavailable(const Json& deployment) {
    const std::int64_t desired = replicas(deployment);
    if (isRecreate(deployment) || desired == 0) return 0;
    return std::min(fenceposts(deployment).unavailable, desired);
}

std::int64_t replicas(const Json& object) {
    return std::max<std::int64_t>(specNumber(object, "replicas", 1), 0);
}

std::int64_t revision(const Json& object) {
    const Json& annotations = json_access::object(json_access::object(object, "metadata"), "annotations");
    const std::string text = json_access::text(annotations, "deployment.kubernetes.io/revision");
    char* end = nullptr;
    const long long value = std::strtoll(text.c_str(), &end, 10);
    return (text.empty() || *end != '\0' || value < 0) ? 0 : static_cast<std::int64_t>(value);
}

std::int64_t progressDeadlineSeconds(const Json& deployment) {
    return specNumber(deployment, "progressDeadlineSeconds", 600);
}

std::int64_t revisionHistoryLimit(const Json& deployment) {
    return std::max<std::int64_t>(specNumber(deployment, "revisionHistoryLimit", 10), 0);
}

std::int64_t minReadySeconds(const Json& object) {
    return std::max<std::int64_t>(specNumber(object, "minReadySeconds", 0), 0);
}

}  // namespace meshlings::sim::rollout_math
