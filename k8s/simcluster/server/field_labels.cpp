#include "simcluster/server/field_labels.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "simcluster/api_error.hpp"

namespace meshlings::sim {

namespace {

// Kinds with their own conversion function (k8s.io/kubernetes 1.32 pkg/apis/core/v1/conversion.go,
// pkg/apis/apps/v1/conversion.go); metadata.name and metadata.namespace are accepted by all.
const std::map<std::string, std::vector<std::string>>& selectableFields() {
    static const std::map<std::string, std::vector<std::string>> fields{
        {"Pod",
         {"spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
          "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName", "spec.host"}},
        {"Node", {"spec.unschedulable"}},
        {"Namespace", {"status.phase"}},
        {"Secret", {"type"}},
        {"Event",
         {"involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
          "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
          "reportingComponent", "source", "type"}},
        {"ReplicaSet", {"status.replicas"}},
    };
    return fields;
}

}  // namespace

Selector FieldLabels::parse(const ResourceType& type, const std::string& text) {
    Selector selector = Selector::parseFields(text);  // malformed text: its own 400 first
    const auto& table = selectableFields();
    const auto own = table.find(type.kind);
    const bool coreEvent = type.kind == "Event" && type.group.empty();
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find(',', at), text.size());
        const std::string term = text.substr(at, end - at);
        at = end + 1;
        std::string label = term.substr(0, term.find_first_of("!="));
        label.erase(0, label.find_first_not_of(' '));
        label.erase(label.find_last_not_of(' ') + 1);
        if (label.empty() || label == "metadata.name" || label == "metadata.namespace") continue;
        if (own != table.end() && (type.kind != "Event" || coreEvent)) {
            const auto& allowed = own->second;
            if (std::find(allowed.begin(), allowed.end(), label) != allowed.end()) continue;
            throw ApiError::badRequest("field label not supported: " + label);
        }
        // k8s.io/apimachinery runtime.DefaultMetaV1FieldSelectorConversion.
        throw ApiError::badRequest("\"" + label + "\" is not a known field selector: only \"metadata.name\", " +
                                   "\"metadata.namespace\"");
    }
    return selector;
}

}  // namespace meshlings::sim
