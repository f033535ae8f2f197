#include "client/doctor_api_checks.hpp"

#include <algorithm>

#include "client/config_error.hpp"
#include "client/status_error.hpp"
#include "client/transport_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::k8s {

namespace {

ClientOptions doctorClientOptions(const DoctorOptions& options) {
    ClientOptions client;
    client.qps = 50;  // a few dozen quick calls; no need to wait on client-go's 5/s
    client.burst = 50;
    client.maxRetries = 2;
    client.requestTimeoutMs = static_cast<long>(options.requestTimeout.count());
    return client;
}

std::string execCommandLine(const ExecConfig& exec) {
    std::string line;
    for (const auto& [name, value] : exec.env) line += name + "=... ";
    line += exec.command;
    for (const auto& arg : exec.args) line += " " + arg;
    return line;
}

std::string unauthorizedHint(const RestConfig& config) {
    const std::string builtIn =
        " (the built-in cluster makes new credentials at each start: use the kubeconfig it wrote this time)";
    if (config.exec) {
        return "the exec plugin's credential was refused: run `" + execCommandLine(*config.exec) +
               "` by hand and check it prints a current token (log in again?)";
    }
    if (!config.clientCertPem.empty())
        return "the client certificate was refused: is it signed by the cluster's client CA and not expired?" + builtIn;
    if (!config.token.empty())
        return "the token was refused: expired or revoked? get a fresh one for user \"" + config.userName + "\"" +
               builtIn;
    if (!config.username.empty()) return "the user name or password was refused (basic auth is off on most clusters)";
    return "the server needs credentials and user \"" + config.userName +
           "\" has none: add a token, a client certificate or an exec plugin";
}

std::string who(const Json& review) {
    const auto& user = json_access::object(json_access::object(review, "status"), "userInfo");
    const std::string name = json_access::text(user, "username");
    if (name.empty()) return "";
    std::string groups;
    for (const auto& group : json_access::array(user, "groups")) {
        if (group.is_string()) groups += (groups.empty() ? "" : ", ") + group.get<std::string>();
    }
    return "\"" + name + "\"" + (groups.empty() ? "" : " (groups " + groups + ")");
}

// Groups missing verbs by resource: "delete pods in default; create, patch
// virtualservices.networking.istio.io in default".
std::string missingLine(const std::vector<AccessQuestion>& missing, const std::string& ns) {
    std::vector<std::pair<std::string, std::string>> byResource;
    for (const auto& question : missing) {
        const std::string resource = qualifiedResource(question);
        auto it = std::find_if(byResource.begin(), byResource.end(),
                               [&](const auto& entry) { return entry.first == resource; });
        if (it == byResource.end())
            byResource.emplace_back(resource, question.verb);
        else
            it->second += ", " + question.verb;
    }
    std::string line;
    for (const auto& [resource, verbs] : byResource)
        line += (line.empty() ? "" : "; ") + verbs + " " + resource + " in " + ns;
    return line;
}

}  // namespace

StepResult checkAuthentication(DoctorState& state) {
    const RestConfig& config = *state.config;
    auto client = std::make_unique<KubeClient>(config, doctorClientOptions(state.options));
    const std::string method = config.authMethod() == "none" ? "no credentials" : config.authMethod();
    try {
        try {
            const Json review =
                client->create("/apis/authentication.k8s.io/v1/selfsubjectreviews",
                               Json{{"apiVersion", "authentication.k8s.io/v1"}, {"kind", "SelfSubjectReview"}});
            state.identity = who(review);
        } catch (const StatusError& e) {
            if (e.status() != 404 && e.status() != 405) throw;
            client->get("/api");  // older servers: any call that needs a known user
        }
    } catch (const StatusError& e) {
        if (e.status() == 401) {
            const std::string what = config.authMethod() == "none" ? "the server wants credentials and we have none"
                                                                   : "the server refused our " + method;
            return {DoctorStep::Authentication, Verdict::Fail, "401 Unauthorized: " + what, unauthorizedHint(config)};
        }
        if (e.status() == 403 && config.authMethod() == "none") {
            return {DoctorStep::Authentication, Verdict::Fail,
                    "403 Forbidden: the server took us as an anonymous user (" + std::string(e.what()) + ")",
                    unauthorizedHint(config)};
        }
        if (e.status() != 403) {
            return {DoctorStep::Authentication, Verdict::Fail,
                    "HTTP " + std::to_string(e.status()) + " " + e.reason() + ": " + e.what(),
                    "is " + config.server + " the Kubernetes API server (not the ingress or a proxy)?"};
        }
        // 403: we are known, just not allowed to ask; the permissions step will tell more.
        state.identity.clear();
    } catch (const ConfigError& e) {
        const std::string hint = config.exec
                                     ? "run `" + execCommandLine(*config.exec) + "` by hand to see what it says" +
                                           (config.exec->installHint.empty() ? "" : "; " + config.exec->installHint)
                                     : "fix the kubeconfig";
        return {DoctorStep::Authentication, Verdict::Fail, e.what(), hint};
    } catch (const TransportError& e) {
        std::string hint = "the server closed the connection: is it the Kubernetes API server?";
        if (state.server->scheme == "http")
            hint = "a TLS server closes plain-HTTP connections like this: try https:// in the server URL";
        if (!config.clientCertPem.empty())
            hint = "the server may have refused the client certificate during the handshake";
        return {DoctorStep::Authentication, Verdict::Fail, e.what(), hint};
    } catch (const DecodeError& e) {
        return {DoctorStep::Authentication, Verdict::Fail, std::string("not a Kubernetes API answer: ") + e.what(),
                "is " + config.server + " the Kubernetes API server (not the ingress or a proxy)?"};
    }
    state.client = std::move(client);
    const std::string as = state.identity.empty() ? "" : " as " + state.identity;
    if (config.authMethod() == "none" && state.identity.empty()) {
        return {DoctorStep::Authentication, Verdict::Ok, "the server accepts requests without credentials", ""};
    }
    return {DoctorStep::Authentication, Verdict::Ok, "accepted" + as + " with " + method, ""};
}

namespace {

// The question could not be asked (the link broke, the server failed or was
// busy): that says nothing about the permissions, so it is a warning, not a
// failure a session would halt for as if a permission were missing.
StepResult notChecked(const std::string& why) {
    return {DoctorStep::Permissions, Verdict::Warn, "permissions not checked: " + why,
            "run `meshlings doctor` again; if it persists, check the API server"};
}

}  // namespace

StepResult checkPermissions(DoctorState& state) {
    KubeClient& client = *state.client;
    std::vector<AccessQuestion> missing;
    std::string errors;
    try {
        for (const auto& question : gameAccessNeeds()) {
            const AccessAnswer answer = reviewAccess(client, question);
            if (!answer.allowed) missing.push_back(question);
            if (!answer.evaluationError.empty() && errors.empty()) errors = answer.evaluationError;
        }
    } catch (const StatusError& e) {
        if (e.status() == 404) {
            return {DoctorStep::Permissions, Verdict::Warn,
                    "the server does not answer SelfSubjectAccessReviews; permissions not checked", ""};
        }
        if (e.status() == 429 || e.status() >= 500) return notChecked(e.what());
        return {DoctorStep::Permissions, Verdict::Fail,
                std::string("cannot ask what we may do (SelfSubjectAccessReview): ") + e.what(),
                "the role system:basic-user normally lets every user ask; ask the cluster's admin"};
    } catch (const TransportError& e) {
        return notChecked(e.what());
    } catch (const std::exception& e) {
        return {DoctorStep::Permissions, Verdict::Fail, e.what(),
                "run `meshlings doctor` again; if it persists, check the API server"};
    }
    const std::string ns = client.nameSpace();
    const std::size_t total = gameAccessNeeds().size();
    if (missing.empty()) {
        return {DoctorStep::Permissions, Verdict::Ok,
                "all " + std::to_string(total) + " verbs the game uses are allowed in namespace " + ns, ""};
    }
    std::string detail = "missing: " + missingLine(missing, ns) + " - apply deploy/rbac.yaml";
    if (!errors.empty()) detail += " (" + errors + ")";
    return {DoctorStep::Permissions, Verdict::Fail, detail,
            "`kubectl apply -n " + ns +
                " -f deploy/rbac.yaml` grants exactly these to the ServiceAccount meshlings; bind the Role to this "
                "user instead (see the file's comments), or use a context that has it"};
}

}  // namespace meshlings::k8s
