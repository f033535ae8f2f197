#include "table_printer.hpp"

#include <ctime>

#include "sim_time.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

std::int64_t parseTimestamp(const std::string& text) {
    std::tm tm{};
    if (strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) == nullptr) return 0;
    return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

std::string age(const Json& object, std::int64_t now, const char* field = "creationTimestamp") {
    const auto& meta = object["metadata"];
    const std::string stamp = meta.contains(field) ? meta[field].get<std::string>() : object.value(field, "");
    if (stamp.empty()) return "<unknown>";
    return humanDuration(now - parseTimestamp(stamp));
}

std::string joinNames(const Json& items, const char* field) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + item.value(field, std::string());
    return out;
}

std::string selectorText(const Json& labels) {
    std::string out;
    for (const auto& [key, value] : labels.items()) out += (out.empty() ? "" : ",") + key + "=" + value.get<std::string>();
    return out.empty() ? "<none>" : out;
}

std::string limitedList(const std::vector<std::string>& items, const char* empty) {
    if (items.empty()) return empty;
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < 3; ++i) out += (i == 0 ? "" : ",") + items[i];
    if (items.size() > 3) out += " + " + std::to_string(items.size() - 3) + " more...";
    return out;
}

Json column(const char* name, int priority = 0, const char* type = "string", const char* format = "") {
    return {{"name", name}, {"type", type}, {"format", format}, {"description", std::string(name) + " of the object"},
            {"priority", priority}};
}

Json podCells(const Json& pod, std::int64_t now) {
    std::int64_t restarts = 0;
    for (const auto& c : pod["status"].value("containerStatuses", Json::array())) restarts += c.value("restartCount", 0);
    const auto& status = pod["status"];
    return {pod["metadata"]["name"], TablePrinter::podReady(pod), TablePrinter::podStatus(pod), std::to_string(restarts),
            age(pod, now), status.value("podIP", "<none>"), pod["spec"].value("nodeName", "<none>"), "<none>", "<none>"};
}

Json serviceCells(const Json& svc, std::int64_t now) {
    const auto& spec = svc["spec"];
    const std::string type = spec.value("type", "ClusterIP");
    std::string external = "<none>";
    if (type == "LoadBalancer") {
        std::vector<std::string> ips;
        const Json ingress = svc["status"].value("loadBalancer", Json::object()).value("ingress", Json::array());
        for (const auto& ing : ingress) {
            ips.push_back(ing.value("ip", ing.value("hostname", "")));
        }
        external = ips.empty() ? "<pending>" : limitedList(ips, "<pending>");
    }
    std::string ports;
    for (const auto& p : spec.value("ports", Json::array())) {
        std::string port = std::to_string(p.value("port", 0));
        if (p.contains("nodePort") && type != "ClusterIP") port += ":" + std::to_string(p["nodePort"].get<int>());
        ports += (ports.empty() ? "" : ",") + port + "/" + p.value("protocol", "TCP");
    }
    return {svc["metadata"]["name"], type, spec.value("clusterIP", "<none>"), external,
            ports.empty() ? "<none>" : ports, age(svc, now), selectorText(spec.value("selector", Json::object()))};
}

Json workloadCells(const Json& obj, std::int64_t now, bool deployment) {
    const auto& status = obj["status"];
    const auto& containers = obj["spec"]["template"]["spec"].value("containers", Json::array());
    const std::int64_t desired = obj["spec"].value("replicas", 1);
    const std::string selector = selectorText(obj["spec"]["selector"].value("matchLabels", Json::object()));
    if (deployment) {
        return {obj["metadata"]["name"],
                std::to_string(status.value("readyReplicas", 0)) + "/" + std::to_string(desired),
                status.value("updatedReplicas", 0), status.value("availableReplicas", 0), age(obj, now),
                joinNames(containers, "name"), joinNames(containers, "image"), selector};
    }
    return {obj["metadata"]["name"], desired, status.value("replicas", 0), status.value("readyReplicas", 0),
            age(obj, now), joinNames(containers, "name"), joinNames(containers, "image"), selector};
}

Json endpointsCells(const Json& ep, std::int64_t now) {
    std::vector<std::string> items;
    for (const auto& subset : ep.value("subsets", Json::array())) {
        for (const auto& address : subset.value("addresses", Json::array())) {
            for (const auto& port : subset.value("ports", Json::array())) {
                items.push_back(address.value("ip", "") + ":" + std::to_string(port.value("port", 0)));
            }
        }
    }
    return {ep["metadata"]["name"], limitedList(items, "<none>"), age(ep, now)};
}

Json eventCells(const Json& ev, std::int64_t now) {
    const auto& obj = ev["involvedObject"];
    std::string kind = obj.value("kind", "");
    for (char& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto& source = ev.value("source", Json::object());
    std::string from = source.value("component", "");
    if (source.contains("host")) from += ", " + source["host"].get<std::string>();
    return {age(ev, now, "lastTimestamp"), ev.value("type", ""), ev.value("reason", ""),
            kind + "/" + obj.value("name", ""), ev.value("message", ""), obj.value("fieldPath", ""), from,
            age(ev, now, "firstTimestamp"), ev.value("count", 1), ev["metadata"]["name"]};
}

Json nodeCells(const Json& node, std::int64_t now) {
    std::string roles;
    const Json labels = node["metadata"].value("labels", Json::object());
    for (const auto& [key, value] : labels.items()) {
        const std::string prefix = "node-role.kubernetes.io/";
        if (key.rfind(prefix, 0) == 0) roles += (roles.empty() ? "" : ",") + key.substr(prefix.size());
    }
    std::string internal = "<none>";
    for (const auto& a : node["status"].value("addresses", Json::array())) {
        if (a.value("type", "") == "InternalIP") internal = a.value("address", "");
    }
    const auto& info = node["status"].value("nodeInfo", Json::object());
    return {node["metadata"]["name"], "Ready", roles.empty() ? "<none>" : roles, age(node, now),
            info.value("kubeletVersion", ""), internal, "<none>", info.value("osImage", ""),
            info.value("kernelVersion", ""), info.value("containerRuntimeVersion", "")};
}

Json sliceCells(const Json& slice, std::int64_t now) {
    std::vector<std::string> addresses;
    for (const auto& e : slice.value("endpoints", Json::array())) {
        for (const auto& a : e.value("addresses", Json::array())) addresses.push_back(a.get<std::string>());
    }
    std::string ports;
    for (const auto& p : slice.value("ports", Json::array())) ports += (ports.empty() ? "" : ",") + std::to_string(p.value("port", 0));
    return {slice["metadata"]["name"], slice.value("addressType", ""), ports.empty() ? "<unset>" : ports,
            limitedList(addresses, "<unset>"), age(slice, now)};
}

}  // namespace

std::string TablePrinter::podReady(const Json& pod) {
    int ready = 0;
    for (const auto& c : pod["status"].value("containerStatuses", Json::array())) {
        if (c.value("ready", false) && c["state"].contains("running")) ++ready;
    }
    return std::to_string(ready) + "/" + std::to_string(pod["spec"].value("containers", Json::array()).size());
}

std::string TablePrinter::podStatus(const Json& pod) {
    const auto& status = pod["status"];
    std::string reason = status.value("reason", status.value("phase", ""));
    bool hasRunning = false;
    const auto statuses = status.value("containerStatuses", Json::array());
    for (auto it = statuses.rbegin(); it != statuses.rend(); ++it) {
        const auto& state = (*it)["state"];
        if (state.contains("waiting") && !state["waiting"].value("reason", "").empty()) {
            reason = state["waiting"]["reason"];
        } else if (state.contains("terminated")) {
            const auto& t = state["terminated"];
            reason = t.value("reason", "").empty() ? "ExitCode:" + std::to_string(t.value("exitCode", 0)) : t["reason"].get<std::string>();
        } else if ((*it).value("ready", false) && state.contains("running")) {
            hasRunning = true;
        }
    }
    if (reason == "Completed" && hasRunning) {
        bool readyCondition = false;
        for (const auto& c : status.value("conditions", Json::array())) {
            if (c["type"] == "Ready" && c["status"] == "True") readyCondition = true;
        }
        reason = readyCondition ? "Running" : "NotReady";
    }
    const std::string phase = status.value("phase", "");
    if (pod["metadata"].contains("deletionTimestamp")) {
        if (status.value("reason", "") == "NodeLost") reason = "Unknown";
        else if (phase != "Succeeded" && phase != "Failed") reason = "Terminating";
    }
    return reason;
}

Json TablePrinter::columns(const ResourceType& type) {
    const std::string& k = type.kind;
    if (k == "Pod") {
        return {column("Name", 0, "string", "name"), column("Ready"), column("Status"), column("Restarts"), column("Age"),
                column("IP", 1), column("Node", 1), column("Nominated Node", 1), column("Readiness Gates", 1)};
    }
    if (k == "Service") {
        return {column("Name", 0, "string", "name"), column("Type"), column("Cluster-IP"), column("External-IP"),
                column("Port(s)"), column("Age"), column("Selector", 1)};
    }
    if (k == "Deployment") {
        return {column("Name", 0, "string", "name"), column("Ready"), column("Up-to-date", 0, "integer"),
                column("Available", 0, "integer"), column("Age"), column("Containers", 1), column("Images", 1),
                column("Selector", 1)};
    }
    if (k == "ReplicaSet") {
        return {column("Name", 0, "string", "name"), column("Desired", 0, "integer"), column("Current", 0, "integer"),
                column("Ready", 0, "integer"), column("Age"), column("Containers", 1), column("Images", 1),
                column("Selector", 1)};
    }
    if (k == "Endpoints") return {column("Name", 0, "string", "name"), column("Endpoints"), column("Age")};
    if (k == "Event") {
        return {column("Last Seen"), column("Type"), column("Reason"), column("Object"), column("Message"),
                column("Subobject", 1), column("Source", 1), column("First Seen", 1), column("Count", 1, "integer"),
                column("Name", 1, "string", "name")};
    }
    if (k == "Namespace") return {column("Name", 0, "string", "name"), column("Status"), column("Age")};
    if (k == "Node") {
        return {column("Name", 0, "string", "name"), column("Status"), column("Roles"), column("Age"), column("Version"),
                column("Internal-IP", 1), column("External-IP", 1), column("OS-Image", 1), column("Kernel-Version", 1),
                column("Container-Runtime", 1)};
    }
    if (k == "ServiceAccount") return {column("Name", 0, "string", "name"), column("Secrets", 0, "integer"), column("Age")};
    if (k == "EndpointSlice") {
        return {column("Name", 0, "string", "name"), column("AddressType"), column("Ports"), column("Endpoints"), column("Age")};
    }
    if (k == "VirtualService") {
        return {column("Name", 0, "string", "name"), column("Gateways"), column("Hosts"), column("Age", 0, "date")};
    }
    if (k == "DestinationRule") return {column("Name", 0, "string", "name"), column("Host"), column("Age", 0, "date")};
    return {column("Name", 0, "string", "name"), column("Age", 0, "date")};
}

Json TablePrinter::cells(const ResourceType& type, const Json& o, std::int64_t now) {
    const std::string& k = type.kind;
    if (k == "Pod") return podCells(o, now);
    if (k == "Service") return serviceCells(o, now);
    if (k == "Deployment" || k == "ReplicaSet") return workloadCells(o, now, k == "Deployment");
    if (k == "Endpoints") return endpointsCells(o, now);
    if (k == "Event") return eventCells(o, now);
    if (k == "Node") return nodeCells(o, now);
    if (k == "EndpointSlice") return sliceCells(o, now);
    const Json& name = o["metadata"]["name"];
    if (k == "Namespace") return {name, o["status"].value("phase", "Active"), age(o, now)};
    if (k == "ServiceAccount") return {name, o.value("secrets", Json::array()).size(), age(o, now)};
    const auto& spec = o.value("spec", Json::object());
    if (k == "VirtualService") {
        return {name, spec.contains("gateways") ? spec["gateways"].dump() : "", spec.contains("hosts") ? spec["hosts"].dump() : "",
                age(o, now)};
    }
    if (k == "DestinationRule") return {name, spec.value("host", ""), age(o, now)};
    return {name, age(o, now)};
}

Json TablePrinter::table(const ResourceType& type, const std::vector<ObjectPtr>& objects, std::int64_t now,
                         IncludeObject include, bool withColumns) {
    Json rows = Json::array();
    for (const auto& object : objects) {
        Json row{{"cells", cells(type, *object, now)}};
        if (include == IncludeObject::Object) {
            row["object"] = *object;
        } else if (include == IncludeObject::Metadata) {
            row["object"] = {{"kind", "PartialObjectMetadata"}, {"apiVersion", "meta.k8s.io/v1"},
                             {"metadata", (*object)["metadata"]}};
        }
        rows.push_back(std::move(row));
    }
    Json table{{"kind", "Table"}, {"apiVersion", "meta.k8s.io/v1"}, {"metadata", Json::object()}, {"rows", rows}};
    table["columnDefinitions"] = withColumns ? columns(type) : Json::array();
    return table;
}

}  // namespace meshlings::sim
