#include "client/doctor_report.hpp"

#include <algorithm>

namespace meshlings::k8s {

const char* stepName(DoctorStep step) {
    switch (step) {
        case DoctorStep::Kubeconfig:
            return "kubeconfig";
        case DoctorStep::Context:
            return "context";
        case DoctorStep::Resolve:
            return "resolve";
        case DoctorStep::TcpConnect:
            return "TCP connect";
        case DoctorStep::TlsHandshake:
            return "TLS handshake";
        case DoctorStep::Authentication:
            return "authentication";
        case DoctorStep::Permissions:
            return "permissions";
        case DoctorStep::Bookinfo:
            return "Bookinfo";
        case DoctorStep::IstioCrds:
            return "Istio CRDs";
        case DoctorStep::Ingress:
            return "ingress";
        case DoctorStep::Prometheus:
            return "Prometheus";
    }
    return "?";
}

const char* verdictName(Verdict verdict) {
    switch (verdict) {
        case Verdict::Ok:
            return "ok";
        case Verdict::Warn:
            return "warn";
        case Verdict::Skip:
            return "skip";
        case Verdict::Fail:
            return "FAIL";
    }
    return "?";
}

bool DoctorReport::passed() const {
    return firstFailure() == nullptr;
}

const StepResult* DoctorReport::firstFailure() const {
    const auto it =
        std::find_if(steps.begin(), steps.end(), [](const StepResult& r) { return r.verdict == Verdict::Fail; });
    return it == steps.end() ? nullptr : &*it;
}

const StepResult* DoctorReport::find(DoctorStep step) const {
    const auto it = std::find_if(steps.begin(), steps.end(), [&](const StepResult& r) { return r.step == step; });
    return it == steps.end() ? nullptr : &*it;
}

}  // namespace meshlings::k8s
