#include "app/connection_doctor.hpp"

#include "client/doctor.hpp"

namespace meshlings::app {

namespace {

bool fatal(k8s::DoctorStep step) {
    return step < k8s::DoctorStep::Bookinfo;
}

std::string lineOf(const k8s::StepResult& result) {
    std::string text = result.detail;
    if (!result.hint.empty()) text += " (" + result.hint + ")";
    return text;
}

}  // namespace

ConnectionDoctor::ConnectionDoctor(k8s::DoctorOptions options) {
    m_thread = std::thread([this, options = std::move(options)] {
        k8s::DoctorReport report;
        try {
            report = k8s::Doctor(options).run();
        } catch (const std::exception& e) {
            report.steps.push_back({k8s::DoctorStep::Kubeconfig, k8s::Verdict::Fail, e.what(), ""});
        }
        const std::lock_guard lock(m_mutex);
        m_failure = failureOf(report);
        m_note = noteOf(report);
        if (!report.ingressUrl.empty()) m_ingress = report.ingressUrl;
        m_finished = true;
    });
}

ConnectionDoctor::~ConnectionDoctor() {
    // The doctor's steps each end within their timeouts; nothing can cut them short.
    if (m_thread.joinable()) m_thread.join();
}

std::optional<world::ConnectionChanged> ConnectionDoctor::takeFailure() {
    const std::lock_guard lock(m_mutex);
    auto failure = std::move(m_failure);
    m_failure.reset();
    return failure;
}

std::optional<std::string> ConnectionDoctor::takeNote() {
    const std::lock_guard lock(m_mutex);
    auto note = std::move(m_note);
    m_note.reset();
    return note;
}

std::optional<std::string> ConnectionDoctor::takeIngress() {
    const std::lock_guard lock(m_mutex);
    auto ingress = std::move(m_ingress);
    m_ingress.reset();
    return ingress;
}

std::optional<world::ConnectionChanged> ConnectionDoctor::failureOf(const k8s::DoctorReport& report) {
    const k8s::StepResult* failed = report.firstFailure();
    if (!failed || !fatal(failed->step)) return std::nullopt;
    return world::ConnectionChanged{world::ConnectionState::Failed, lineOf(*failed), k8s::stepName(failed->step)};
}

std::optional<std::string> ConnectionDoctor::noteOf(const k8s::DoctorReport& report) {
    const k8s::StepResult* failed = report.firstFailure();
    if (!failed || fatal(failed->step)) return std::nullopt;
    return std::string(k8s::stepName(failed->step)) + ": " + lineOf(*failed);
}

}  // namespace meshlings::app
