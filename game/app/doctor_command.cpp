#include "app/doctor_command.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "client/doctor.hpp"

namespace meshlings::app {

namespace {

constexpr int kNameWidth = 16;

const char* colorOf(k8s::Verdict verdict) {
    switch (verdict) {
        case k8s::Verdict::Ok:
            return "\033[32m";
        case k8s::Verdict::Warn:
            return "\033[33m";
        case k8s::Verdict::Skip:
            return "\033[2m";
        case k8s::Verdict::Fail:
            return "\033[1;31m";
    }
    return "";
}

bool colorWanted() {
    const char* term = std::getenv("TERM");
    return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") && !(term && std::string(term) == "dumb");
}

}  // namespace

DoctorCommand::DoctorCommand(CLI::App& parent) {
    m_command = parent.add_subcommand("doctor", "Check the way to a cluster step by step and name the step that fails");
    m_command->add_option("--kubeconfig", m_kubeconfig,
                          "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config, else in-cluster)");
    m_command->add_option("--context", m_context, "Context to use (default: the kubeconfig's current-context)");
    m_command->add_option("-n,--namespace", m_namespace,
                          "Namespace where Bookinfo runs (default: the context's, else default)");
    m_command->add_option("--ingress", m_ingress,
                          "Bookinfo ingress URL, e.g. http://127.0.0.1:8080 (checks GET /productpage)");
    m_command->add_option("--prometheus", m_prometheus, "Prometheus URL, e.g. http://127.0.0.1:9090 (checks a query)");
    m_command->add_option("--timeout", m_timeoutSeconds, "Seconds to wait for DNS, a TCP connection or a TLS handshake")
        ->check(CLI::Range(1, 120))
        ->capture_default_str();
}

std::string DoctorCommand::paint(const std::string& text, const char* color) const {
    return m_color ? std::string(color) + text + "\033[0m" : text;
}

void DoctorCommand::printStep(const k8s::StepResult& result) const {
    std::string verdict = k8s::verdictName(result.verdict);
    verdict.resize(4, ' ');
    std::string name = k8s::stepName(result.step);
    if (name.size() < kNameWidth) name.resize(kNameWidth, ' ');
    std::cout << "  " << paint(verdict, colorOf(result.verdict)) << " " << name << " " << result.detail << "\n";
    if (!result.hint.empty() && result.verdict != k8s::Verdict::Ok) {
        std::cout << std::string(2 + 4 + 1 + kNameWidth + 1, ' ') << "-> " << result.hint << "\n";
    }
    std::cout.flush();
}

void DoctorCommand::printSummary(const k8s::DoctorReport& report) const {
    int warnings = 0;
    int skipped = 0;
    for (const auto& step : report.steps) {
        warnings += step.verdict == k8s::Verdict::Warn;
        skipped += step.verdict == k8s::Verdict::Skip;
    }
    std::string notes;
    if (warnings) notes += std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
    if (skipped) notes += (notes.empty() ? "" : ", ") + std::to_string(skipped) + " skipped";
    notes = notes.empty() ? "" : " (" + notes + ")";
    if (const auto* failure = report.firstFailure()) {
        std::cout << "\n"
                  << paint("Failed at " + std::string(k8s::stepName(failure->step)), colorOf(k8s::Verdict::Fail))
                  << notes << ": fix it as the hint says and run `meshlings doctor` again.\n";
    } else {
        std::cout << "\n" << paint("All checks passed", colorOf(k8s::Verdict::Ok)) << notes << ".\n";
    }
}

int DoctorCommand::run() {
    m_color = colorWanted();
    k8s::DoctorOptions options;
    options.connection.kubeconfig = m_kubeconfig;
    options.connection.context = m_context;
    options.connection.nameSpace = m_namespace;
    options.ingressUrl = m_ingress;
    options.prometheusUrl = m_prometheus;
    options.networkTimeout = std::chrono::seconds(m_timeoutSeconds);
    std::cout << "meshlings doctor: checking the way to the cluster, step by step\n";
    const k8s::Doctor doctor(options);
    const k8s::DoctorReport report = doctor.run([this](const k8s::StepResult& result) { printStep(result); });
    printSummary(report);
    return report.passed() ? 0 : 1;
}

}  // namespace meshlings::app
