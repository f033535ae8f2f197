#include "app/source_drain.hpp"

#include <iostream>

#include "bridge/probe_translator.hpp"
#include "bridge/telemetry_translator.hpp"
#include "client/doctor_state.hpp"

namespace meshlings::app {

SourceDrain::SourceDrain(const ClusterTarget& target, double probeRate, bridge::RoutingGuard* routing)
    : m_target(target), m_rate(probeRate * target.timeScale()) {
    if (target.restConfig()) {
        m_bridge = std::make_unique<bridge::ClusterBridge>(*target.restConfig(), target.armed(), routing);
    }
    if (!target.ingressUrl().empty()) makeProbe(target.ingressUrl());
    if (!target.prometheusUrl().empty()) {
        mesh::TelemetryOptions options;
        options.prometheusUrl = target.prometheusUrl();
        if (target.restConfig() && !target.restConfig()->nameSpace.empty()) options.ns = target.restConfig()->nameSpace;
        m_telemetry = std::make_unique<mesh::TelemetrySource>(options);
    }
}

SourceDrain::~SourceDrain() {
    stop();
}

void SourceDrain::makeProbe(const std::string& ingressUrl) {
    auto options = mesh::ProbeOptions::forIngress(ingressUrl);
    options.ratePerSecond = m_rate;
    m_probe = std::make_unique<mesh::Probe>(options);
}

void SourceDrain::start() {
    if (m_bridge) {
        m_bridge->start();
    } else {
        m_pending.emplace_back(
            world::ConnectionChanged{world::ConnectionState::Failed, m_target.configProblem(), "kubeconfig"});
    }
    if (!m_target.builtIn() && m_target.restConfig()) {
        k8s::DoctorOptions options;
        options.connection = m_target.connection();
        options.ingressUrl = m_target.ingressUrl();
        m_doctor = std::make_unique<ConnectionDoctor>(options);
    }
    if (m_probe) m_probe->start();
    if (m_telemetry) m_telemetry->start();
}

SourceDrain::Drained SourceDrain::drain() {
    Drained out;
    out.commands = std::exchange(m_pending, {});
    if (m_bridge) {
        for (auto& command : m_bridge->drain()) {
            if (const auto* pod = std::get_if<world::PodUpserted>(&command)) m_podsSeen.insert(pod->pod.name);
            out.commands.push_back(std::move(command));
        }
        for (auto& text : m_bridge->takeNotes()) out.notes.push_back(std::move(text));
    }
    if (m_probe) {
        for (auto& command : bridge::ProbeTranslator::commands(m_probe->drain()))
            out.commands.push_back(std::move(command));
    }
    if (m_telemetry) {
        for (auto& command : bridge::TelemetryTranslator::commands(m_telemetry->drain())) {
            out.commands.push_back(std::move(command));
        }
    }
    if (m_doctor) drainDoctor(out);
    return out;
}

void SourceDrain::drainDoctor(Drained& out) {
    if (auto failure = m_doctor->takeFailure()) out.commands.push_back(std::move(*failure));
    if (auto text = m_doctor->takeNote()) out.notes.push_back(std::move(*text));
    // No --ingress: the probe starts at the ingress the doctor found announced.
    if (auto ingress = m_doctor->takeIngress(); ingress && !m_probe && !m_stopped) {
        makeProbe(*ingress);
        m_probe->start();
        std::cerr << "meshlings: probe: the ingress at " << *ingress << " (announced by the cluster)\n";
    }
}

void SourceDrain::setProbeRate(double rate) {
    // A compressed built-in cluster (--time-scale) gets the level's rate per model second.
    m_rate = rate * m_target.timeScale();
    if (m_probe) m_probe->setRate(m_rate);
}

void SourceDrain::stop() {
    if (m_stopped) return;
    m_stopped = true;
    if (m_probe) m_probe->stop();
    if (m_telemetry) m_telemetry->stop();
    if (m_bridge) m_bridge->stop();
}

mesh::ProbeCounters SourceDrain::probeCounters() const {
    return m_probe ? m_probe->counters() : mesh::ProbeCounters{};
}

}  // namespace meshlings::app
