#include "simcluster/server/scale_view.hpp"

namespace meshlings::sim {

using Json = nlohmann::json;

Json ScaleView::of(const Json& workload) {
    const auto& meta = workload["metadata"];
    std::string selector;
    const Json matchLabels = workload["spec"]["selector"].value("matchLabels", Json::object());
    for (const auto& [key, value] : matchLabels.items()) {
        selector += (selector.empty() ? "" : ",") + key + "=" + value.get<std::string>();
    }
    return {{"kind", "Scale"},
            {"apiVersion", "autoscaling/v1"},
            {"metadata",
             {{"name", meta["name"]},
              {"namespace", meta["namespace"]},
              {"uid", meta["uid"]},
              {"resourceVersion", meta["resourceVersion"]},
              {"creationTimestamp", meta["creationTimestamp"]}}},
            {"spec", {{"replicas", workload["spec"].value("replicas", 1)}}},
            {"status", {{"replicas", workload["status"].value("replicas", 0)}, {"selector", selector}}}};
}

}  // namespace meshlings::sim
