#include "simcluster/server/table_printer.hpp"

#include <algorithm>
#include <ctime>

#include "simcluster/json_access.hpp"
#include "simcluster/sim_time.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;
using namespace json_access;

const Json& metadataOf(const Json& o) {
    return object(o, "metadata");
}

std::int64_t parseTimestamp(const std::string& text) {
    std::tm tm{};
    if (strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) == nullptr) return 0;
    return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

std::string age(const Json& object, std::int64_t now, const char* field = "creationTimestamp") {
    const std::string meta = text(metadataOf(object), field);
    const std::string stamp = meta.empty() ? text(object, field) : meta;
    if (stamp.empty()) return "<unknown>";
    return humanDuration(now - parseTimestamp(stamp));
}

std::string joinNames(const Json& items, const char* key) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + text(item, key);
    return out;
}

std::string selectorText(const Json& labels) {
    std::string out;
    for (const auto& [key, value] : labels.items()) {
        out += (out.empty() ? "" : ",") + key + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
    }
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
    return {{"name", name},
            {"type", type},
            {"format", format},
            {"description", std::string(name) + " of the object"},
            {"priority", priority}};
}

std::string nameOf(const Json& o) {
    return text(metadataOf(o), "name");
}

Json podCells(const Json& pod, std::int64_t now) {
    std::int64_t restarts = 0, lastRestart = 0;
    const Json& status = object(pod, "status");
    for (const auto& c : array(status, "containerStatuses")) {
        restarts += integer(c, "restartCount", 0);
        const std::string finished = text(object(object(c, "lastState"), "terminated"), "finishedAt");
        if (!finished.empty()) lastRestart = std::max(lastRestart, parseTimestamp(finished));
    }
    // kubectl's printer: "3 (12s ago)", the age of the latest termination.
    std::string restartText = std::to_string(restarts);
    if (restarts > 0 && lastRestart > 0) restartText += " (" + humanDuration(now - lastRestart) + " ago)";
    return {nameOf(pod),
            TablePrinter::podReady(pod),
            TablePrinter::podStatus(pod),
            restartText,
            age(pod, now),
            text(status, "podIP", "<none>"),
            text(object(pod, "spec"), "nodeName", "<none>"),
            "<none>",
            "<none>"};
}

Json serviceCells(const Json& svc, std::int64_t now) {
    const Json& spec = object(svc, "spec");
    const std::string type = text(spec, "type", "ClusterIP");
    std::string external = "<none>";
    if (type == "LoadBalancer") {
        std::vector<std::string> ips;
        for (const auto& ing : array(object(object(svc, "status"), "loadBalancer"), "ingress")) {
            ips.push_back(text(ing, "ip", text(ing, "hostname")));
        }
        external = limitedList(ips, "<pending>");
    }
    std::string ports;
    for (const auto& p : array(spec, "ports")) {
        std::string port = std::to_string(integer(p, "port", 0));
        if (integer(p, "nodePort", 0) != 0 && type != "ClusterIP")
            port += ":" + std::to_string(integer(p, "nodePort", 0));
        ports += (ports.empty() ? "" : ",") + port + "/" + text(p, "protocol", "TCP");
    }
    return {nameOf(svc),
            type,
            text(spec, "clusterIP", "<none>"),
            external,
            ports.empty() ? "<none>" : ports,
            age(svc, now),
            selectorText(object(spec, "selector"))};
}

Json workloadCells(const Json& obj, std::int64_t now, bool deployment) {
    const Json& status = object(obj, "status");
    const Json& spec = object(obj, "spec");
    const Json& containers = array(object(object(spec, "template"), "spec"), "containers");
    const std::int64_t desired = integer(spec, "replicas", 1);
    const std::string selector = selectorText(object(object(spec, "selector"), "matchLabels"));
    if (deployment) {
        return {nameOf(obj),
                std::to_string(integer(status, "readyReplicas", 0)) + "/" + std::to_string(desired),
                integer(status, "updatedReplicas", 0),
                integer(status, "availableReplicas", 0),
                age(obj, now),
                joinNames(containers, "name"),
                joinNames(containers, "image"),
                selector};
    }
    return {nameOf(obj),
            desired,
            integer(status, "replicas", 0),
            integer(status, "readyReplicas", 0),
            age(obj, now),
            joinNames(containers, "name"),
            joinNames(containers, "image"),
            selector};
}

Json endpointsCells(const Json& ep, std::int64_t now) {
    std::vector<std::string> items;
    for (const auto& subset : array(ep, "subsets")) {
        for (const auto& address : array(subset, "addresses")) {
            for (const auto& port : array(subset, "ports")) {
                items.push_back(text(address, "ip") + ":" + std::to_string(integer(port, "port", 0)));
            }
        }
    }
    return {nameOf(ep), limitedList(items, "<none>"), age(ep, now)};
}

Json eventCells(const Json& ev, std::int64_t now) {
    const Json& involved = object(ev, "involvedObject");
    std::string kind = text(involved, "kind");
    for (char& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const Json& source = object(ev, "source");
    std::string from = text(source, "component");
    if (!text(source, "host").empty()) from += ", " + text(source, "host");
    return {age(ev, now, "lastTimestamp"),
            text(ev, "type"),
            text(ev, "reason"),
            kind + "/" + text(involved, "name"),
            text(ev, "message"),
            text(involved, "fieldPath"),
            from,
            age(ev, now, "firstTimestamp"),
            integer(ev, "count", 1),
            nameOf(ev)};
}

Json nodeCells(const Json& node, std::int64_t now) {
    std::string roles;
    for (const auto& [key, value] : object(metadataOf(node), "labels").items()) {
        const std::string prefix = "node-role.kubernetes.io/";
        if (key.rfind(prefix, 0) == 0) roles += (roles.empty() ? "" : ",") + key.substr(prefix.size());
    }
    const Json& status = object(node, "status");
    std::string internal = "<none>";
    for (const auto& a : array(status, "addresses")) {
        if (text(a, "type") == "InternalIP") internal = text(a, "address");
    }
    const Json& info = object(status, "nodeInfo");
    // kubectl's printer: the Ready condition, then SchedulingDisabled for a cordoned node.
    std::string state = "Unknown";
    for (const auto& c : array(status, "conditions")) {
        if (text(c, "type") == "Ready") state = text(c, "status") == "True" ? "Ready" : "NotReady";
    }
    if (array(status, "conditions").empty()) state = "Ready";
    if (flag(object(node, "spec"), "unschedulable")) state += ",SchedulingDisabled";
    return {nameOf(node),
            state,
            roles.empty() ? "<none>" : roles,
            age(node, now),
            text(info, "kubeletVersion"),
            internal,
            "<none>",
            text(info, "osImage"),
            text(info, "kernelVersion"),
            text(info, "containerRuntimeVersion")};
}

Json sliceCells(const Json& slice, std::int64_t now) {
    std::vector<std::string> addresses;
    for (const auto& e : array(slice, "endpoints")) {
        for (const auto& a : array(e, "addresses"))
            addresses.push_back(a.is_string() ? a.get<std::string>() : a.dump());
    }
    std::string ports;
    for (const auto& p : array(slice, "ports"))
        ports += (ports.empty() ? "" : ",") + std::to_string(integer(p, "port", 0));
    return {nameOf(slice), text(slice, "addressType"), ports.empty() ? "<unset>" : ports,
            limitedList(addresses, "<unset>"), age(slice, now)};
}

}  // namespace

std::string TablePrinter::podReady(const Json& pod) {
    int ready = 0;
    for (const auto& c : array(object(pod, "status"), "containerStatuses")) {
        if (flag(c, "ready") && object(c, "state").contains("running")) ++ready;
    }
    return std::to_string(ready) + "/" + std::to_string(array(object(pod, "spec"), "containers").size());
}

std::string TablePrinter::podStatus(const Json& pod) {
    const Json& status = object(pod, "status");
    const std::string phase = text(status, "phase");
    std::string reason = text(status, "reason", phase);
    bool hasRunning = false;
    const Json& statuses = array(status, "containerStatuses");
    for (auto it = statuses.rbegin(); it != statuses.rend(); ++it) {
        const Json& state = object(*it, "state");
        const Json& waiting = object(state, "waiting");
        const Json& terminated = object(state, "terminated");
        if (!text(waiting, "reason").empty()) {
            reason = text(waiting, "reason");
        } else if (state.contains("terminated")) {
            const std::string why = text(terminated, "reason");
            reason = why.empty() ? "ExitCode:" + std::to_string(integer(terminated, "exitCode", 0)) : why;
        } else if (flag(*it, "ready") && state.contains("running")) {
            hasRunning = true;
        }
    }
    if (reason == "Completed" && hasRunning) {
        bool readyCondition = false;
        for (const auto& c : array(status, "conditions")) {
            if (text(c, "type") == "Ready" && text(c, "status") == "True") readyCondition = true;
        }
        reason = readyCondition ? "Running" : "NotReady";
    }
    if (metadataOf(pod).contains("deletionTimestamp")) {
        if (text(status, "reason") == "NodeLost")
            reason = "Unknown";
        else if (phase != "Succeeded" && phase != "Failed")
            reason = "Terminating";
    }
    return reason;
}

Json TablePrinter::columns(const ResourceType& type) {
    const std::string& k = type.kind;
    if (k == "Pod") {
        return {column("Name", 0, "string", "name"),
                column("Ready"),
                column("Status"),
                column("Restarts"),
                column("Age"),
                column("IP", 1),
                column("Node", 1),
                column("Nominated Node", 1),
                column("Readiness Gates", 1)};
    }
    if (k == "Service") {
        return {column("Name", 0, "string", "name"),
                column("Type"),
                column("Cluster-IP"),
                column("External-IP"),
                column("Port(s)"),
                column("Age"),
                column("Selector", 1)};
    }
    if (k == "Deployment") {
        return {column("Name", 0, "string", "name"),
                column("Ready"),
                column("Up-to-date", 0, "integer"),
                column("Available", 0, "integer"),
                column("Age"),
                column("Containers", 1),
                column("Images", 1),
                column("Selector", 1)};
    }
    if (k == "ReplicaSet") {
        return {column("Name", 0, "string", "name"),
                column("Desired", 0, "integer"),
                column("Current", 0, "integer"),
                column("Ready", 0, "integer"),
                column("Age"),
                column("Containers", 1),
                column("Images", 1),
                column("Selector", 1)};
    }
    if (k == "Endpoints") return {column("Name", 0, "string", "name"), column("Endpoints"), column("Age")};
    if (k == "Event") {
        return {column("Last Seen"),
                column("Type"),
                column("Reason"),
                column("Object"),
                column("Message"),
                column("Subobject", 1),
                column("Source", 1),
                column("First Seen", 1),
                column("Count", 1, "integer"),
                column("Name", 1, "string", "name")};
    }
    if (k == "Namespace") return {column("Name", 0, "string", "name"), column("Status"), column("Age")};
    if (k == "Node") {
        return {column("Name", 0, "string", "name"),
                column("Status"),
                column("Roles"),
                column("Age"),
                column("Version"),
                column("Internal-IP", 1),
                column("External-IP", 1),
                column("OS-Image", 1),
                column("Kernel-Version", 1),
                column("Container-Runtime", 1)};
    }
    if (k == "ServiceAccount")
        return {column("Name", 0, "string", "name"), column("Secrets", 0, "integer"), column("Age")};
    if (k == "ConfigMap") return {column("Name", 0, "string", "name"), column("Data", 0, "integer"), column("Age")};
    if (k == "EndpointSlice") {
        return {column("Name", 0, "string", "name"), column("AddressType"), column("Ports"), column("Endpoints"),
                column("Age")};
    }
    if (k == "VirtualService") {
        return {column("Name", 0, "string", "name"), column("Gateways"), column("Hosts"), column("Age", 0, "date")};
    }
    if (k == "DestinationRule") return {column("Name", 0, "string", "name"), column("Host"), column("Age", 0, "date")};
    if (k == "PodDisruptionBudget") {
        return {column("Name", 0, "string", "name"), column("Min Available"), column("Max Unavailable"),
                column("Allowed Disruptions", 0, "integer"), column("Age")};
    }
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
    if (k == "Namespace") return {nameOf(o), text(object(o, "status"), "phase", "Active"), age(o, now)};
    if (k == "ServiceAccount") return {nameOf(o), array(o, "secrets").size(), age(o, now)};
    if (k == "ConfigMap") return {nameOf(o), object(o, "data").size() + object(o, "binaryData").size(), age(o, now)};
    const Json& spec = object(o, "spec");
    if (k == "VirtualService") {
        return {nameOf(o), spec.contains("gateways") ? spec["gateways"].dump() : "",
                spec.contains("hosts") ? spec["hosts"].dump() : "", age(o, now)};
    }
    if (k == "DestinationRule") return {nameOf(o), text(spec, "host"), age(o, now)};
    if (k == "PodDisruptionBudget") {
        // kubectl's printer: an IntOrString as written ("1", "50%"), N/A when unset.
        const auto intOrString = [&](const char* key) {
            if (!spec.contains(key) || spec[key].is_null()) return std::string("N/A");
            return spec[key].is_string() ? spec[key].get<std::string>() : spec[key].dump();
        };
        return {nameOf(o), intOrString("minAvailable"), intOrString("maxUnavailable"),
                integer(object(o, "status"), "disruptionsAllowed", 0), age(o, now)};
    }
    return {nameOf(o), age(o, now)};
}

Json TablePrinter::table(const ResourceType& type, const std::vector<ObjectPtr>& objects, std::int64_t now,
                         IncludeObject include, bool withColumns) {
    Json rows = Json::array();
    for (const auto& object : objects) {
        Json row{{"cells", cells(type, *object, now)}};
        if (include == IncludeObject::Object) {
            row["object"] = *object;
        } else if (include == IncludeObject::Metadata) {
            row["object"] = {{"kind", "PartialObjectMetadata"},
                             {"apiVersion", "meta.k8s.io/v1"},
                             {"metadata", (*object)["metadata"]}};
        }
        rows.push_back(std::move(row));
    }
    Json table{{"kind", "Table"}, {"apiVersion", "meta.k8s.io/v1"}, {"metadata", Json::object()}, {"rows", rows}};
    table["columnDefinitions"] = withColumns ? columns(type) : Json::array();
    return table;
}

TablePrinter::IncludeObject TablePrinter::includeOf(const std::string& text) {
    if (text == "None") return IncludeObject::None;
    if (text == "Object") return IncludeObject::Object;
    return IncludeObject::Metadata;
}

}  // namespace meshlings::sim
