#include "game_session.hpp"

#include <iostream>
#include <sstream>
#include <stdexcept>

#include "doctor_state.hpp"
#include "probe_translator.hpp"
#include "telemetry_translator.hpp"
#include "world_digest.hpp"

namespace meshlings::app {

GameSession::GameSession(const world::Level& level, std::uint64_t seed, ClusterTarget& target,
                         world::EffectSink& effects)
    : m_target(target),
      m_world(level, seed, effects),
      m_routingGuard(makeRoutingGuard(target)),
      m_director(level, target.restConfig(), target.armed(), m_routingGuard.get()),
      m_armed(target.armed()),
      m_namespaceRefusal(target.namespaceRefusal()) {
    if (target.restConfig()) {
        m_bridge = std::make_unique<bridge::ClusterBridge>(*target.restConfig(), target.armed(), target.namespaces());
    }
    if (m_routingGuard) {
        m_routingExecutor = std::make_unique<bridge::RoutingExecutor>(*m_routingGuard, target.armed());
        if (!m_routingGuard->leftover().empty()) {
            note("WARNING: " + m_routingGuard->leftover() + "; weights will not be changed until `meshlings restore` puts it back");
        }
    }
    if (!target.ingressUrl().empty()) makeProbe(target.ingressUrl());
    if (!target.prometheusUrl().empty()) {
        mesh::TelemetryOptions options;
        options.prometheusUrl = target.prometheusUrl();
        if (target.restConfig() && !target.restConfig()->nameSpace.empty()) options.ns = target.restConfig()->nameSpace;
        m_telemetry = std::make_unique<mesh::TelemetrySource>(options);
    }
    if (!m_namespaceRefusal.empty())
        std::cerr << "meshlings: REFUSED, no change will be made: " << m_namespaceRefusal << "\n";
    updateBanner();
}

void GameSession::makeProbe(const std::string& ingressUrl) {
    auto options = mesh::ProbeOptions::forIngress(ingressUrl);
    options.ratePerSecond = m_world.level().traffic.requestsPerSecond;
    m_probe = std::make_unique<mesh::Probe>(options);
}

std::unique_ptr<bridge::RoutingGuard> GameSession::makeRoutingGuard(const ClusterTarget& target) {
    if (target.builtIn() || !target.restConfig()) return nullptr;  // the in-process cluster ends with the process
    return std::make_unique<bridge::RoutingGuard>(*target.restConfig());
}

GameSession::~GameSession() {
    try {
        finish();
    } catch (const std::exception& e) {
        std::cerr << "meshlings: " << e.what() << "\n";
    }
}

void GameSession::record(const std::string& file) {
    m_recordStream.open(file, std::ios::out | std::ios::trunc);
    if (!m_recordStream) throw std::runtime_error("cannot write the recording " + file);
    world::ReplayHeader header;
    header.levelId = m_world.level().id;
    header.seed = m_world.seed();
    m_recorder = std::make_unique<world::Recorder>(m_recordStream, header);
    m_recorder->comment("recorded by meshlings play against the " + m_target.describe());
    addCommandListener(m_recorder->listener());
}

void GameSession::addCommandListener(world::World::CommandListener listener) {
    m_listeners.push_back(std::move(listener));
    m_world.setCommandListener([this](world::Tick at, const world::Command& command) {
        for (const auto& each : m_listeners) each(at, command);
    });
}

void GameSession::start() {
    if (m_bridge) {
        m_bridge->start();
    } else {
        m_world.submit(world::ConnectionChanged{world::ConnectionState::Failed, m_target.configProblem(), "kubeconfig"});
    }
    if (!m_target.builtIn() && m_target.restConfig()) {
        k8s::DoctorOptions options;
        options.connection = m_target.connection();
        options.ingressUrl = m_target.ingressUrl();
        m_doctor = std::make_unique<ConnectionDoctor>(options);
    }
    if (m_probe) m_probe->start();
    if (m_telemetry) m_telemetry->start();
    if (m_target.builtIn()) {
        try {
            m_routingAtStart = std::make_unique<RoutingAtStart>(*m_target.restConfig());
        } catch (const std::exception& e) {
            note(std::string("cannot read the routing at the start (a halt will not put it back): ") + e.what());
        }
    }
    if (m_namespaceRefusal.empty()) m_director.begin();
}

void GameSession::tick() {
    submitSources();
    deadMansSwitch();
    for (auto& command : m_player) m_world.submit(std::move(command));
    m_player.clear();
    m_world.step();
    for (const auto& request : m_world.takeRequests()) {
        if (m_halted) {
            m_world.submit(world::ApiResult{request.id, world::ApiOutcome::Refused,
                                            "HALTED: chaos is off for the rest of this session"});
        } else if (!m_namespaceRefusal.empty()) {
            m_world.submit(world::ApiResult{request.id, world::ApiOutcome::Refused, m_namespaceRefusal});
        } else if (m_routingExecutor && request.kind == world::ClusterRequestKind::SetWeights) {
            m_routingExecutor->execute(request);
        } else if (m_bridge) {
            m_bridge->execute(request);
        } else {
            m_world.submit(world::ApiResult{request.id, world::ApiOutcome::Refused, "not connected to a cluster"});
        }
    }
    steer();
}

void GameSession::submitSources() {
    if (m_bridge) {
        for (auto& command : m_bridge->drain()) {
            if (const auto* pod = std::get_if<world::PodUpserted>(&command)) m_podsSeen.insert(pod->pod.name);
            m_world.submit(std::move(command));
        }
    }
    if (m_routingExecutor) {
        for (auto& result : m_routingExecutor->takeResults()) m_world.submit(std::move(result));
        for (const auto& text : m_routingExecutor->takeNotes()) note(text);
    }
    if (m_probe) {
        for (auto& command : bridge::ProbeTranslator::commands(m_probe->drain())) m_world.submit(std::move(command));
    }
    if (m_telemetry) {
        for (auto& command : bridge::TelemetryTranslator::commands(m_telemetry->drain())) m_world.submit(std::move(command));
    }
    if (m_doctor) {
        if (auto failure = m_doctor->takeFailure()) m_world.submit(std::move(*failure));
        if (auto text = m_doctor->takeNote()) note(*text);
        // No --ingress: the probe starts at the ingress the doctor found announced.
        if (auto ingress = m_doctor->takeIngress(); ingress && !m_probe && !m_finished) {
            makeProbe(*ingress);
            m_probe->start();
            m_rate = -1;  // the level's current rate is set at the next steer()
            std::cerr << "meshlings: probe: the ingress at " << *ingress << " (announced by the cluster)\n";
        }
    }
}

void GameSession::steer() {
    const double levelSeconds =
        static_cast<double>(m_world.rules().elapsedTicks()) / static_cast<double>(world::kTicksPerSecond);
    if (m_world.rules().started() && !m_halted && m_namespaceRefusal.empty()) m_director.update(levelSeconds);
    if (m_world.rules().started() && !m_world.rules().ended() && !m_halted) {
        for (auto& command : m_director.chaosDue(levelSeconds, m_world.pods())) m_world.submit(std::move(command));
    }
    if (m_routingExecutor && m_world.rules().ended() && !m_levelEndSeen && !m_halted) {
        m_levelEndSeen = true;
        m_routingExecutor->restoreSoon();
    }
    for (const auto& problem : m_director.takeProblems()) note(problem);
    const double rate = m_director.rateAt(levelSeconds);
    if (m_probe && rate != m_rate) {
        m_probe->setRate(rate);
        m_rate = rate;
    }
}

void GameSession::note(const std::string& line) {
    std::cerr << "meshlings: " << line << "\n";
    m_note = line;
    updateBanner();
}

void GameSession::updateBanner() {
    std::string text;
    const auto add = [&text](const std::string& part) { text += (text.empty() ? "" : "  |  ") + part; };
    if (m_halted) {
        std::string routing = "routing restored";
        if (!m_rescue->finished()) {
            routing = "restoring the routing";
            if (m_rescue->attempts() > 0) routing += " (retrying: " + m_rescue->lastText() + ")";
        } else if (!m_rescue->lastText().empty()) {
            routing = m_rescue->lastText();
        }
        add("HALTED by " + m_haltReason + ": chaos is off for the rest of this session; " + routing);
    }
    if (!m_namespaceRefusal.empty()) add("REFUSED: " + m_namespaceRefusal);
    if (!m_armed) add("DRY RUN: not armed, nothing is changed (--armed to make changes)");
    if (!m_probe) add("no ingress: no probe traffic (--ingress URL)");
    if (!m_note.empty()) add(m_note);
    m_banner = text;
}

void GameSession::finish() {
    if (m_finished) return;
    m_finished = true;
    if (m_probe) m_probe->stop();
    if (m_telemetry) m_telemetry->stop();
    if (m_bridge) m_bridge->stop();
    m_rescue.reset();
    restoreRouting();
    if (m_recorder) {
        m_recorder->finish(m_world);
        m_recordStream.flush();
    }
}

void GameSession::restoreRouting() {
    if (!m_routingGuard) return;
    m_director.stop();  // no routing change may follow the restore
    m_routingExecutor->stop();
    const bridge::RestoreReport report = m_routingGuard->restore();
    if (report.steps.empty() && report.problem.empty()) {
        m_routingLine = m_routingGuard->leftover().empty() ? "routing: as before the session (nothing left to restore)"
                                                           : "routing: NOT changed; " + m_routingGuard->leftover();
        return;
    }
    std::cerr << "meshlings: restoring the routing:\n" << report.text();
    if (report.ok()) {
        m_routingLine = "routing: restored as it was before the session";
        return;
    }
    m_routingLine = "routing: NOT fully restored (see above); the saved state stays in " + m_routingGuard->statePath() +
                    " for `meshlings restore`";
    std::cerr << "meshlings: " << m_routingLine << "\n";
}

void GameSession::halt(const std::string& why) {
    if (m_halted || m_finished) return;
    m_halted = true;
    m_haltReason = why;
    std::cerr << "meshlings: HALTED by " << why << ": automatic chaos stopped, restoring the routing\n";
    auto quiesce = [this] {
        m_director.stop();
        if (m_routingExecutor) m_routingExecutor->stop();
    };
    m_rescue = std::make_unique<RoutingRescue>(quiesce, [this] { return rescueOnce(); });
    updateBanner();
}

// Runs on the rescue's thread, after the director and the executor have stopped.
RescueAttempt GameSession::rescueOnce() {
    if (m_routingGuard) {
        const bridge::RestoreReport report = m_routingGuard->restore();
        if (report.ok()) return {true, report.steps.empty() ? "routing untouched" : "routing restored"};
        for (const auto& step : report.steps) {
            if (step.result == bridge::RestoreResult::Conflict) {
                return {true, "routing NOT restored: changed by someone else meanwhile (`meshlings restore` reports it)"};
            }
        }
        return {false, report.problem.empty() ? report.text() : report.problem};
    }
    if (m_routingAtStart) {
        m_routingAtStart->restore();
        return {true, "routing restored"};
    }
    return {true, "no routing to restore"};
}

void GameSession::deadMansSwitch() {
    const auto state = m_world.connection().state;
    if (state == world::ConnectionState::Connected) m_hadContact = true;
    // A watch cut and resumed shows as Lost until its next event: contact is
    // lost only when the link failed again after that (contactLost()).
    const bool lost = state == world::ConnectionState::Failed ||
                      (state == world::ConnectionState::Lost && m_bridge && m_bridge->contactLost());
    if (lost && m_hadContact && !m_halted) halt("the dead man's switch (lost contact with the API server)");
    if (m_halted) updateBanner();
}

void GameSession::arm() {
    if (m_armed || !m_target.restConfig()) return;
    m_armed = true;
    if (m_bridge) m_bridge->setArmed(true);
    if (m_routingExecutor) m_routingExecutor->setArmed(true);
    m_director.setArmed(true);
    note("ARMED in the game: changes are now real");
}

std::vector<std::string> GameSession::armingContext() const {
    const auto& config = m_target.restConfig();
    if (!config) return {"no cluster: " + m_target.configProblem()};
    return {"Context:    " + (config->contextName.empty() ? std::string("in-cluster") : config->contextName),
            "Server:     " + config->server, "Namespace:  " + config->nameSpace};
}

mesh::ProbeCounters GameSession::probeCounters() const { return m_probe ? m_probe->counters() : mesh::ProbeCounters{}; }

std::string GameSession::summary(double wallSeconds) const {
    const world::HudFigures hud = m_world.hud();
    const mesh::ProbeCounters probe = probeCounters();
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(1);
    out << "session: " << wallSeconds << " s, " << m_world.now().value << " ticks, level " << m_world.level().id
        << " (seed " << m_world.seed() << "), " << m_target.describe() << "\n";
    out << "connection: " << world::connectionStateName(hud.connection)
        << (hud.connectionMessage.empty() ? "" : " (" + hud.connectionMessage + ")")
        << (hud.failedStep.empty() ? "" : " failed step: " + hud.failedStep) << "\n";
    out << "probe requests served: " << hud.saved << " of " << hud.requests << " (degraded " << hud.degraded
        << ", lost " << hud.lost << "; probe sent " << probe.started << ", finished " << probe.finished << ")\n";
    if (m_telemetry) {
        out << (hud.telemetry.empty() ? "telemetry: no reading yet" : hud.telemetry) << " (meshlings drawn "
            << m_world.telemetry().spawned() << ")\n";
    }
    out << "success: ";
    if (hud.sessionSuccessPercent) {
        out << *hud.sessionSuccessPercent << " %";
    } else {
        out << "-";
    }
    out << ", p50 " << (hud.p50Ms ? std::to_string(*hud.p50Ms) + " ms" : "-") << ", p99 "
        << (hud.p99Ms ? std::to_string(*hud.p99Ms) + " ms" : "-") << ", weights " << hud.weights.text() << "\n";
    out << "pods seen: " << podsSeen() << " (on the board " << m_world.pods().all().size() << ", down " << hud.podsDown
        << ", recovering " << hud.podsRecovering << ")\n";
    out << "outcome: " << world::WorldDigest::outcomeLine(m_world) << "\n";
    if (!m_routingLine.empty()) out << m_routingLine << "\n";
    return out.str();
}

}  // namespace meshlings::app
