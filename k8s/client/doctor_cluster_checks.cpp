#include "client/doctor_cluster_checks.hpp"

#include <algorithm>

#include "client/core_calls.hpp"
#include "client/istio_routing.hpp"
#include "client/status_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::k8s {

namespace {

// Ready when every wanted replica is ready, and at least one is wanted.
bool deploymentReady(const Json& deployment) {
    const auto wanted = json_access::integer(json_access::object(deployment, "spec"), "replicas", 1);
    const auto ready = json_access::integer(json_access::object(deployment, "status"), "readyReplicas", 0);
    return wanted > 0 && ready >= wanted;
}

StepResult apiFailure(DoctorStep step, const std::string& what, const std::exception& e) {
    const auto* api = dynamic_cast<const StatusError*>(&e);
    if (api && api->status() == 403) {
        return {step, Verdict::Fail, "not allowed to " + what + ": " + e.what(),
                "the game needs to read this: see deploy/rbac.yaml"};
    }
    return {step, Verdict::Fail, "could not " + what + ": " + e.what(),
            "run `meshlings doctor` again; if it persists, check the API server"};
}

}  // namespace

const std::vector<std::string>& bookinfoDeployments() {
    static const std::vector<std::string> names{"productpage-v1", "details-v1", "ratings-v1",
                                                "reviews-v1",     "reviews-v2", "reviews-v3"};
    return names;
}

StepResult checkBookinfo(DoctorState& state) {
    KubeClient& client = *state.client;
    const std::string ns = client.nameSpace();
    Json list;
    try {
        list = listDeployments(client);
    } catch (const std::exception& e) {
        return apiFailure(DoctorStep::Bookinfo, "list deployments in namespace " + ns, e);
    }
    std::vector<std::string> missing;
    std::vector<std::string> notReady;
    const auto& items = json_access::array(list, "items");
    for (const auto& name : bookinfoDeployments()) {
        const auto found = std::find_if(items.begin(), items.end(), [&](const Json& item) {
            return json_access::text(json_access::object(item, "metadata"), "name") == name;
        });
        if (found == items.end())
            missing.push_back(name);
        else if (!deploymentReady(*found))
            notReady.push_back(name);
    }
    const std::size_t total = bookinfoDeployments().size();
    const std::size_t present = total - missing.size();
    const std::size_t ready = present - notReady.size();
    const std::string counts = std::to_string(present) + " of " + std::to_string(total) + " deployments present, " +
                               std::to_string(ready) + " ready";
    if (!missing.empty()) {
        return {DoctorStep::Bookinfo, Verdict::Fail,
                "missing in namespace " + ns + ": " + commaList(missing) + " (" + counts + ")",
                "`kubectl apply -n " + ns +
                    " -f samples/bookinfo/platform/kube/bookinfo.yaml` (from the Istio release), "
                    "or pass --namespace where Bookinfo runs"};
    }
    if (!notReady.empty()) {
        return {DoctorStep::Bookinfo, Verdict::Warn,
                counts + " in namespace " + ns + " (not ready: " + commaList(notReady) + ")",
                "wait for the pods: `kubectl -n " + ns + " rollout status deploy/" + notReady.front() + "`"};
    }
    return {DoctorStep::Bookinfo, Verdict::Ok, counts + " in namespace " + ns, ""};
}

StepResult checkIstioCrds(DoctorState& state) {
    KubeClient& client = *state.client;
    std::vector<std::string> served;
    std::string used;
    try {
        const Json groups = client.get("/apis");  // kept: the loop below reads into it
        for (const auto& group : json_access::array(groups, "groups")) {
            if (json_access::text(group, "name") != "networking.istio.io") continue;
            for (const auto& version : json_access::array(group, "versions"))
                served.push_back(json_access::text(version, "version"));
        }
        IstioRouting routing(client);
        used = routing.apiVersion();
        const Json resources = client.get("/apis/" + used);
        std::vector<std::string> lacking{"virtualservices", "destinationrules"};
        for (const auto& resource : json_access::array(resources, "resources")) {
            const std::string name = json_access::text(resource, "name");
            lacking.erase(std::remove(lacking.begin(), lacking.end(), name), lacking.end());
        }
        if (!lacking.empty()) {
            return {DoctorStep::IstioCrds, Verdict::Fail, used + " is served but without " + commaList(lacking),
                    "reinstall Istio's CRDs (`istioctl install`, or the base Helm chart)"};
        }
    } catch (const StatusError& e) {
        if (e.status() == 404) {
            return {DoctorStep::IstioCrds, Verdict::Fail, "networking.istio.io is not served: Istio is not installed",
                    "install Istio (`istioctl install --set profile=demo -y`) and label the namespace "
                    "istio-injection=enabled"};
        }
        return apiFailure(DoctorStep::IstioCrds, "read the API groups", e);
    } catch (const std::exception& e) {
        return apiFailure(DoctorStep::IstioCrds, "read the API groups", e);
    }
    return {DoctorStep::IstioCrds, Verdict::Ok,
            "networking.istio.io served (" + commaList(served) + "); the game uses " + used +
                " VirtualServices and DestinationRules",
            ""};
}

}  // namespace meshlings::k8s
