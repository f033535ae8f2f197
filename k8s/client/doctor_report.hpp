#pragma once
// What `meshlings doctor` found, step by step: for each step on the way from
// the kubeconfig to the Bookinfo ingress a verdict, one line of detail and,
// when something is wrong, a hint saying what to do next. Plain data, so the
// command prints it and the game can show why a connection failed.
#include <string>
#include <vector>

namespace meshlings::k8s {

// Items as the detail lines list them: "a, b, c".
inline std::string commaList(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

// The checks, in the order they run.
enum class DoctorStep {
    Kubeconfig,
    Context,
    Resolve,
    TcpConnect,
    TlsHandshake,
    Authentication,
    Permissions,
    Bookinfo,
    IstioCrds,
    Ingress,
    Prometheus,
};

// Ok and Warn and Skip pass; only Fail makes the doctor's answer "no".
enum class Verdict { Ok, Warn, Skip, Fail };

struct StepResult {
    DoctorStep step = DoctorStep::Kubeconfig;
    Verdict verdict = Verdict::Skip;
    std::string detail;  // one line; never holds a secret
    std::string hint;    // what to do next; empty when there is nothing to do
};

// "kubeconfig", "TLS handshake", ... (the names printed in the first column).
const char* stepName(DoctorStep step);
// "ok", "warn", "skip", "FAIL".
const char* verdictName(Verdict verdict);

struct DoctorReport {
    std::vector<StepResult> steps;
    // The ingress base URL that served a Bookinfo page (--ingress, or the one the
    // built-in cluster announces); empty when the ingress step did not pass.
    std::string ingressUrl;

    // True when no step failed (warnings and skipped steps are fine).
    bool passed() const;
    // The first failed step, or nullptr.
    const StepResult* firstFailure() const;
    // The result of one step, or nullptr when it is not in the report.
    const StepResult* find(DoctorStep step) const;
};

}  // namespace meshlings::k8s
