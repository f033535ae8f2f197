#include "client/doctor.hpp"

#include <optional>

#include "client/doctor_api_checks.hpp"
#include "client/doctor_cluster_checks.hpp"
#include "client/doctor_config_checks.hpp"
#include "client/doctor_endpoint_checks.hpp"
#include "client/doctor_network_checks.hpp"
#include "client/doctor_tls_check.hpp"

namespace meshlings::k8s {

namespace {

using Check = StepResult (*)(DoctorState&);

struct StepEntry {
    DoctorStep step;
    Check check;
    bool needsServer;  // meaningless once a step on the way to the API server failed
    bool onTheWay;     // a failure here blocks the steps that need the server
};

const std::vector<StepEntry>& entries() {
    static const std::vector<StepEntry> table{
        {DoctorStep::Kubeconfig, checkKubeconfig, true, true},
        {DoctorStep::Context, checkContext, true, true},
        {DoctorStep::Resolve, checkResolve, true, true},
        {DoctorStep::TcpConnect, checkTcpConnect, true, true},
        {DoctorStep::TlsHandshake, checkTlsHandshake, true, true},
        {DoctorStep::Authentication, checkAuthentication, true, true},
        {DoctorStep::Permissions, checkPermissions, true, false},
        {DoctorStep::Bookinfo, checkBookinfo, true, false},
        {DoctorStep::IstioCrds, checkIstioCrds, true, false},
        // Their URLs may come from the command line, so they run anyway.
        {DoctorStep::Ingress, checkIngress, false, false},
        {DoctorStep::Prometheus, checkPrometheus, false, false},
    };
    return table;
}

StepResult runGuarded(const StepEntry& entry, DoctorState& state) {
    try {
        StepResult result = entry.check(state);
        result.step = entry.step;
        return result;
    } catch (const std::exception& e) {
        return {entry.step, Verdict::Fail, std::string("unexpected error: ") + e.what(),
                "please report this with the output above"};
    }
}

}  // namespace

const std::vector<DoctorStep>& Doctor::steps() {
    static const std::vector<DoctorStep> order = [] {
        std::vector<DoctorStep> list;
        for (const auto& entry : entries()) list.push_back(entry.step);
        return list;
    }();
    return order;
}

DoctorReport Doctor::run(const StepListener& onStep) const {
    DoctorState state;
    state.options = m_options;
    DoctorReport report;
    std::optional<DoctorStep> blocker;  // the first failed step on the way to the server
    for (const auto& entry : entries()) {
        StepResult result;
        if (entry.needsServer && blocker) {
            result = {entry.step, Verdict::Skip, std::string("not checked: ") + stepName(*blocker) + " failed", ""};
        } else {
            result = runGuarded(entry, state);
        }
        report.steps.push_back(std::move(result));
        if (onStep) onStep(report.steps.back());
        if (entry.onTheWay && !blocker && report.steps.back().verdict == Verdict::Fail) blocker = entry.step;
    }
    report.ingressUrl = state.ingressUrl;
    return report;
}

}  // namespace meshlings::k8s
