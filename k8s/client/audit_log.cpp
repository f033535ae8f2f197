#include "client/audit_log.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>
#include <vector>

#include "client/rest_config.hpp"

namespace meshlings::k8s {
namespace {

using Json = nlohmann::json;

std::string nowRfc3339() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::string kubeVerb(const std::string& method) {
    if (method == "DELETE") return "delete";
    if (method == "PATCH") return "patch";
    if (method == "POST") return "create";
    if (method == "PUT") return "update";
    return method;
}

// "/apis/apps/v1/namespaces/ns/deployments/x/scale?dryRun=All": namespace
// "ns", object "deployments/x/scale".
void splitPath(const std::string& path, std::string& nameSpace, std::string& object) {
    const std::string bare = path.substr(0, path.find('?'));
    const std::string marker = "/namespaces/";
    const auto at = bare.find(marker);
    if (at == std::string::npos) {
        object = bare;
        return;
    }
    const auto nsStart = at + marker.size();
    const auto nsEnd = bare.find('/', nsStart);
    nameSpace = bare.substr(nsStart, nsEnd == std::string::npos ? std::string::npos : nsEnd - nsStart);
    object = nsEnd == std::string::npos ? "namespaces/" + nameSpace : bare.substr(nsEnd + 1);
}

bool isDryRun(const std::string& path, const Json& body) {
    const auto query = path.find('?');
    if (query != std::string::npos && path.find("dryRun=All", query) != std::string::npos) return true;
    // A DELETE may carry DeleteOptions with dryRun: ["All"].
    return body.is_object() && body.contains("dryRun") && !body["dryRun"].empty();
}

// The summary's parts, gathered from named, harmless fields only: never data,
// stringData, tokens or keys (their values are never looked at).
class BodySummary {
public:
    explicit BodySummary(const Json& body) {
        if (body.is_array()) {
            for (const Json& operation : body) readOperation(operation);
        } else if (body.is_object()) {
            readObject(body);
        }
    }

    std::string text(std::size_t bytes) const {
        std::string out;
        const auto add = [&out](const std::string& part) {
            if (!part.empty()) out += (out.empty() ? "" : " ") + part;
        };
        for (const auto& part : m_head) add(part);
        add(m_weights.empty() ? "" : "weights=" + m_weights);
        for (const auto& part : m_fields) add(part);
        for (const auto& part : m_preconditions) add(part);
        return out.empty() && bytes > 0 ? std::to_string(bytes) + " bytes" : out;
    }

private:
    static std::string scalar(const Json& value) {
        if (value.is_string()) return value.get<std::string>();
        if (value.is_number() || value.is_boolean()) return value.dump();
        return "";
    }

    void readObject(const Json& body) {
        if (const auto kind = body.find("kind"); kind != body.end() && kind->is_string()) {
            m_head.push_back("kind=" + kind->get<std::string>());
            if (*kind == "Secret" || *kind == "ConfigMap") return;  // nothing else is read of those
        }
        if (const auto meta = body.find("metadata"); meta != body.end() && meta->is_object()) {
            if (const auto name = meta->find("name"); name != meta->end() && name->is_string())
                m_head.push_back("name=" + name->get<std::string>());
            if (const auto version = meta->find("resourceVersion"); version != meta->end() && version->is_string())
                m_preconditions.push_back("if resourceVersion=" + version->get<std::string>());
        }
        if (const auto pre = body.find("preconditions"); pre != body.end() && pre->is_object()) {
            for (const char* key : {"uid", "resourceVersion"}) {
                if (const auto value = pre->find(key); value != pre->end() && value->is_string())
                    m_preconditions.push_back(std::string("if ") + key + "=" + value->get<std::string>());
            }
        }
        if (const auto spec = body.find("spec"); spec != body.end()) visit("spec", *spec);
    }

    // A JSON patch operation: its value read as the field its path names.
    void readOperation(const Json& operation) {
        if (!operation.is_object()) return;
        const std::string op = operation.value("op", std::string{});
        const std::string path = operation.value("path", std::string{});
        const Json value = operation.value("value", Json());
        if (op == "test" && path == "/metadata/resourceVersion" && value.is_string()) {
            m_preconditions.push_back("if resourceVersion=" + value.get<std::string>());
            return;
        }
        if ((op != "add" && op != "replace") || path.rfind("/spec", 0) != 0) return;
        std::string key = path.substr(path.rfind('/') + 1);
        if (key == "-" || std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) key = "";
        visit(key, value);
    }

    // Any part of a spec: named fields are summarised, objects and lists searched for them.
    void visit(const std::string& key, const Json& node) {
        if (key == "replicas" && node.is_number_integer()) {
            m_fields.push_back("replicas=" + std::to_string(node.get<long long>()));
        } else if (key == "route" && node.is_array()) {
            addWeights(node);
        } else if (key == "timeout" && node.is_string()) {
            m_fields.push_back("timeout=" + node.get<std::string>());
        } else if (key == "retries" && node.is_object()) {
            m_fields.push_back("retries=" + scalar(node.value("attempts", Json())) + "x" +
                               scalar(node.value("perTryTimeout", Json())) +
                               (node.contains("retryOn") ? " on " + scalar(node["retryOn"]) : ""));
        } else if (key == "subsets" && node.is_array()) {
            m_fields.push_back("subsets=" + std::to_string(node.size()));
        } else if ((key == "connectionPool" || key == "outlierDetection") && node.is_object()) {
            flatten(key, node);
        } else if (node.is_object()) {
            for (const auto& [child, value] : node.items()) visit(child, value);
        } else if (node.is_array()) {
            for (const Json& element : node) visit("", element);
        }
    }

    void addWeights(const Json& routes) {
        for (const Json& route : routes) {
            if (!route.is_object()) continue;
            const Json dest = route.value("destination", Json::object());
            const std::string name =
                dest.is_object() ? dest.value("subset", dest.value("host", std::string{"?"})) : "?";
            const Json weight = route.value("weight", Json(0));
            m_weights += (m_weights.empty() ? "" : ",") + name + "=" + scalar(weight);
        }
    }

    void flatten(const std::string& prefix, const Json& node) {
        for (const auto& [child, value] : node.items()) {
            if (value.is_object()) {
                flatten(prefix + "." + child, value);
            } else if (!scalar(value).empty()) {
                m_fields.push_back(prefix + "." + child + "=" + scalar(value));
            }
        }
    }

    std::vector<std::string> m_head;  // kind, name
    std::string m_weights;
    std::vector<std::string> m_fields;
    std::vector<std::string> m_preconditions;
};

Json result(long status, const std::string& replyBody, const std::string& transportError, const std::string& outcome) {
    if (!transportError.empty()) {
        Json out{{"error", transportError}};
        if (!outcome.empty()) out["outcome"] = outcome;
        return out;
    }
    Json out{{"status", status}};
    const Json reply = Json::parse(replyBody, nullptr, false);
    if (reply.is_object() && reply.value("kind", std::string{}) == "Status") {
        if (reply.contains("reason") && reply["reason"].is_string()) out["reason"] = reply["reason"];
        if (reply.contains("message") && reply["message"].is_string()) out["message"] = reply["message"];
    } else if (!replyBody.empty() && reply.is_discarded()) {
        // A 200 whose body is not JSON: the client refuses it, so the call is not "OK" as far as the game knows.
        out["reason"] = "answer not JSON";
    } else {
        out["reason"] = status >= 200 && status < 300 ? "OK" : "HTTP " + std::to_string(status);
    }
    return out;
}

}  // namespace

AuditLog::AuditLog(std::filesystem::path file) : m_file(std::move(file)) {
    std::error_code error;
    if (m_file.has_parent_path()) std::filesystem::create_directories(m_file.parent_path(), error);
    m_out.open(m_file, std::ios::app);
    if (!m_out) throw std::runtime_error("audit log " + m_file.string() + ": cannot open it for appending");
}

std::filesystem::path AuditLog::defaultPath() {
    if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && *state != '\0') {
        return std::filesystem::path(state) / "meshlings" / "audit.jsonl";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        return std::filesystem::path(home) / ".local" / "state" / "meshlings" / "audit.jsonl";
    }
    throw std::runtime_error(
        "no folder for the audit log: neither XDG_STATE_HOME nor HOME is set (use --audit-log FILE)");
}

void AuditLog::record(const RestConfig& config, const std::string& method, const std::string& path,
                      const std::string& body, long status, const std::string& replyBody,
                      const std::string& transportError, const std::string& outcome) {
    std::string nameSpace;
    std::string object;
    splitPath(path, nameSpace, object);
    const Json request = body.empty() ? Json() : Json::parse(body, nullptr, false);
    Json line{{"time", nowRfc3339()},
              {"context", config.contextName},
              {"server", config.server},
              {"namespace", nameSpace},
              {"method", method},
              {"verb", kubeVerb(method)},
              {"object", object},
              {"dryRun", isDryRun(path, request)},
              {"body", BodySummary(request).text(body.size())},
              {"result", result(status, replyBody, transportError, outcome)}};
    const std::string text = line.dump(-1, ' ', false, Json::error_handler_t::replace);
    std::lock_guard lock(m_mutex);
    m_out << text << '\n';
    m_out.flush();
}

}  // namespace meshlings::k8s
