#include "client/doctor_config_checks.hpp"

#include <algorithm>

#include "client/config_error.hpp"

namespace meshlings::k8s {

namespace {

StepResult ok(DoctorStep step, std::string detail) {
    return {step, Verdict::Ok, std::move(detail), ""};
}
StepResult fail(DoctorStep step, std::string detail, std::string hint) {
    return {step, Verdict::Fail, std::move(detail), std::move(hint)};
}

const char* const kWriteOneHint =
    "pass --kubeconfig FILE or set KUBECONFIG; for the built-in cluster, `meshlings cluster --kubeconfig-out FILE` "
    "writes one";

StepResult inCluster(DoctorState& state, const std::vector<std::string>& looked) {
    try {
        if (auto config = inClusterConfig()) {
            if (!state.options.connection.nameSpace.empty()) config->nameSpace = state.options.connection.nameSpace;
            const std::string source = config->source;
            state.config = std::move(config);
            return ok(DoctorStep::Kubeconfig, "no kubeconfig file; using the " + source);
        }
    } catch (const ConfigError& e) {
        return fail(DoctorStep::Kubeconfig, e.what(),
                    "the pod's service account token and CA should be mounted; is automountServiceAccountToken off?");
    }
    const std::string where = looked.empty() ? "KUBECONFIG and HOME are not set" : "looked in " + commaList(looked);
    return fail(DoctorStep::Kubeconfig, "no kubeconfig found (" + where + ") and not running in a pod", kWriteOneHint);
}

std::string describeIdentity(const RestConfig& config) {
    std::string method = config.authMethod();
    if (!config.tokenFile.empty() && !config.exec) method += " from " + config.tokenFile;
    if (method == "none") method = "no credentials";
    return method;
}

}  // namespace

StepResult checkKubeconfig(DoctorState& state) {
    bool mustExist = false;
    const auto files = kubeconfigFiles(state.options.connection, mustExist);
    try {
        Kubeconfig kubeconfig = Kubeconfig::load(files, mustExist);
        if (kubeconfig.files().empty()) return inCluster(state, files);
        std::vector<std::string> missing;
        for (const auto& file : files) {
            if (std::find(kubeconfig.files().begin(), kubeconfig.files().end(), file) == kubeconfig.files().end())
                missing.push_back(file);
        }
        std::string detail = commaList(kubeconfig.files());
        if (kubeconfig.files().size() > 1) detail += " (merged)";
        detail += ": " + std::to_string(kubeconfig.contexts().size()) + " context" +
                  (kubeconfig.contexts().size() == 1 ? "" : "s");
        if (!missing.empty()) detail += "; not found, ignored: " + commaList(missing);
        state.kubeconfig = std::move(kubeconfig);
        return ok(DoctorStep::Kubeconfig, detail);
    } catch (const ConfigError& e) {
        const std::string message = e.what();
        const bool notThere = message.find("no such kubeconfig file") != std::string::npos;
        const bool unreadable = message.find("cannot be read") != std::string::npos;
        if (notThere || unreadable)
            return fail(DoctorStep::Kubeconfig, message, notThere ? kWriteOneHint : "check the file's permissions");
        return fail(
            DoctorStep::Kubeconfig, message,
            "fix the file at that line and field (`kubectl config view --kubeconfig FILE` shows how kubectl reads it)");
    }
}

StepResult checkContext(DoctorState& state) {
    if (!state.config) {
        try {
            state.config = restConfigFor(*state.kubeconfig, state.options.connection);
        } catch (const ConfigError& e) {
            std::vector<std::string> names;
            for (const auto& [name, entry] : state.kubeconfig->contexts()) names.push_back(name);
            const std::string message = e.what();
            std::string hint = "fix the kubeconfig as the message says";
            if (message.find("context") != std::string::npos && !names.empty())
                hint += ", or pick a context with --context (" + commaList(names) + ")";
            if (message.find("tokenFile") != std::string::npos || message.find("certificate") != std::string::npos) {
                hint =
                    "the file the kubeconfig points to must exist and be readable; relative paths are taken from the "
                    "kubeconfig's directory";
            }
            return fail(DoctorStep::Context, message, hint);
        }
    }
    const RestConfig& config = *state.config;
    state.server = ServerAddress::parse(config.server);
    if (!state.server || (state.server->scheme != "https" && state.server->scheme != "http")) {
        state.server.reset();
        return fail(DoctorStep::Context, "server \"" + config.server + "\" is not an http:// or https:// URL",
                    "set clusters[].cluster.server to the API server's URL, e.g. https://host:6443");
    }
    state.dial = state.server;
    std::string proxyNote;
    if (!config.proxyUrl.empty()) {  // used for every request, loopback included, as Go's http.ProxyURL
        state.dial = ServerAddress::parse(config.proxyUrl);
        if (!state.dial) {
            return fail(DoctorStep::Context, "proxy-url \"" + config.proxyUrl + "\" is not a URL",
                        "set proxy-url to http://, https:// or socks5://host:port, or remove it");
        }
        proxyNote = " via proxy " + state.dial->url();
    }
    const std::string which = config.inCluster ? "in-cluster" : "\"" + config.contextName + "\"";
    std::string detail = which + ": server " + state.server->url() + proxyNote;
    if (!config.inCluster)
        detail +=
            ", cluster " + config.clusterName + ", user " + (config.userName.empty() ? "(none)" : config.userName);
    detail += ", namespace " + config.nameSpace + ", " + describeIdentity(config);
    return ok(DoctorStep::Context, detail);
}

}  // namespace meshlings::k8s
