#include "client/audit_log.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

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

// Only named, harmless fields are read: never data, stringData, tokens or keys.
std::string summary(const Json& body, std::size_t bytes) {
    if (!body.is_object()) return bytes == 0 ? "" : std::to_string(bytes) + " bytes";
    std::string out;
    const auto add = [&out](const std::string& part) { out += (out.empty() ? "" : " ") + part; };
    if (body.contains("kind") && body["kind"].is_string()) add("kind=" + body["kind"].get<std::string>());
    if (const auto meta = body.find("metadata"); meta != body.end() && meta->is_object()) {
        if (const auto name = meta->find("name"); name != meta->end() && name->is_string()) {
            add("name=" + name->get<std::string>());
        }
    }
    const auto spec = body.find("spec");
    if (spec == body.end() || !spec->is_object()) return out.empty() ? std::to_string(bytes) + " bytes" : out;
    if (const auto replicas = spec->find("replicas"); replicas != spec->end() && replicas->is_number_integer()) {
        add("replicas=" + std::to_string(replicas->get<int>()));
    }
    if (const auto http = spec->find("http"); http != spec->end() && http->is_array()) {
        std::string weights;
        for (const Json& rule : *http) {
            const auto routes = rule.find("route");
            if (routes == rule.end() || !routes->is_array()) continue;
            for (const Json& route : *routes) {
                const Json& dest = route.value("destination", Json::object());
                weights += (weights.empty() ? "" : ",") + dest.value("subset", dest.value("host", std::string{"?"})) +
                           "=" + std::to_string(route.value("weight", 0));
            }
        }
        if (!weights.empty()) add("weights=" + weights);
    }
    if (const auto subsets = spec->find("subsets"); subsets != spec->end() && subsets->is_array()) {
        add("subsets=" + std::to_string(subsets->size()));
    }
    return out;
}

Json result(long status, const std::string& replyBody, const std::string& transportError) {
    if (!transportError.empty()) return Json{{"error", transportError}};
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
                      const std::string& transportError) {
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
              {"body", summary(request, body.size())},
              {"result", result(status, replyBody, transportError)}};
    const std::string text = line.dump(-1, ' ', false, Json::error_handler_t::replace);
    std::lock_guard lock(m_mutex);
    m_out << text << '\n';
    m_out.flush();
}

}  // namespace meshlings::k8s
