#include "app/game_session.hpp"

#include <iostream>
#include <sstream>
#include <stdexcept>

#include "app/session_figures.hpp"

namespace meshlings::app {

GameSession::GameSession(const world::Level& level, std::uint64_t seed, ClusterTarget& target,
                         world::EffectSink& effects)
    : m_target(target),
      m_world(level, seed, effects),
      m_safety(target, safetyHooks()),
      m_director(level, target.restConfig(), target.armed(), m_safety.routingGuard()),
      m_sources(target, level.traffic.requestsPerSecond, m_safety.routingGuard()),
      m_router(sender(), target.namespaceRefusal()) {
    if (const auto* guard = m_safety.routingGuard(); guard && !guard->leftover().empty()) {
        note("WARNING: " + guard->leftover() + "; weights will not be changed until `meshlings restore` puts it back");
    }
    if (!namespaceRefusal().empty())
        std::cerr << "meshlings: REFUSED, no change will be made: " << namespaceRefusal() << "\n";
    updateBanner();
}

SafetyController::Hooks GameSession::safetyHooks() {
    SafetyController::Hooks hooks;
    hooks.quiesce = [this] {
        m_director.stop();
        if (auto* bridge = m_sources.bridge()) bridge->stopRouting();
    };
    hooks.arm = [this] {
        if (auto* bridge = m_sources.bridge()) bridge->setArmed(true);
        m_director.setArmed(true);
    };
    return hooks;
}

bridge::RequestRouter::Send GameSession::sender() {
    auto* bridge = m_sources.bridge();
    if (!bridge) return {};
    return [bridge](const world::ClusterRequest& request) { bridge->execute(request); };
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
    m_sources.start();
    if (const std::string problem = m_safety.readRoutingAtStart(); !problem.empty()) note(problem);
    if (namespaceRefusal().empty()) m_director.begin();
}

void GameSession::tick(std::vector<world::Command> player) {
    submitSources();
    const auto* bridge = m_sources.bridge();
    m_safety.watch(m_world.connection(), bridge && bridge->contactLost());
    if (m_safety.halted()) {
        m_router.refuseAll("HALTED: chaos is off for the rest of this session");
        haltChaos();
        updateBanner();
    }
    for (auto& command : player) m_world.submit(std::move(command));
    m_world.step();
    m_router.route(m_world.takeRequests());
    for (auto& refusal : m_router.takeRefusals()) m_world.submit(std::move(refusal));
    steer();
}

void GameSession::submitSources() {
    auto drained = m_sources.drain();
    for (auto& command : drained.commands) m_world.submit(std::move(command));
    for (const auto& text : drained.notes) note(text);
}

void GameSession::steer() {
    const bool halted = m_safety.halted();
    const double levelSeconds = m_world.levelSeconds();
    if (m_world.rules().started() && !halted && namespaceRefusal().empty()) m_director.update(levelSeconds);
    if (m_safety.routingGuard() && m_world.rules().ended() && !m_levelEndSeen && !halted) {
        m_levelEndSeen = true;
        if (auto* bridge = m_sources.bridge()) bridge->restoreRoutingSoon();
    }
    for (const auto& problem : m_director.takeProblems()) note(problem);
    for (const auto& problem : m_world.takeChaosProblems()) note(problem);
    const double rate = m_world.probeRate();
    if (rate != m_rate) {
        m_sources.setProbeRate(rate);
        m_rate = rate;
    }
}

void GameSession::haltChaos() {
    if (m_chaosHalted) return;
    m_chaosHalted = true;
    m_world.submit(world::HaltChaos{});  // the level's chaos plan stops at the next tick, in the recording too
}

void GameSession::note(const std::string& line) {
    std::cerr << "meshlings: " << line << "\n";
    m_note = line;
    updateBanner();
}

void GameSession::updateBanner() {
    std::string text;
    const auto add = [&text](const std::string& part) { text += (text.empty() ? "" : "  |  ") + part; };
    if (m_safety.halted()) add(m_safety.haltLine());
    if (!namespaceRefusal().empty()) add("REFUSED: " + namespaceRefusal());
    if (!m_safety.armed()) add("DRY RUN: not armed, nothing is changed (--armed to make changes)");
    if (!m_sources.probing()) add("no ingress: no probe traffic (--ingress URL)");
    if (!m_note.empty()) add(m_note);
    m_banner = text;
}

void GameSession::finish() {
    if (m_finished) return;
    m_finished = true;
    m_target.refuseCredentialRuns();  // a source waiting for the plugin is let go at once
    m_sources.stop();
    if (!m_interrupted) m_target.allowCredentialRuns();
    m_safety.restoreAtEnd();
    if (m_recorder) {
        m_recorder->finish(m_world);
        m_recordStream.flush();
    }
}

void GameSession::interrupt() {
    m_interrupted = true;
    m_target.refuseCredentialRuns();
}

void GameSession::halt(const std::string& why) {
    if (m_finished || !m_safety.halt(why)) return;
    m_router.refuseAll("HALTED: chaos is off for the rest of this session");
    haltChaos();
    updateBanner();
}

void GameSession::arm() {
    if (m_safety.arm()) note("ARMED in the game: changes are now real");
}

std::vector<std::string> GameSession::armingContext() const {
    const auto& config = m_target.restConfig();
    if (!config) return {"no cluster: " + m_target.configProblem()};
    return {"Context:    " + (config->contextName.empty() ? std::string("in-cluster") : config->contextName),
            "Server:     " + config->server, "Namespace:  " + config->nameSpace};
}

std::string GameSession::summary(double wallSeconds) const {
    const world::HudFigures hud = m_world.hud();
    const mesh::ProbeCounters probe = probeCounters();
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(1);
    out << "session: " << wallSeconds << " s, " << m_world.now().value << " ticks, level " << m_world.level().id
        << " (seed " << m_world.seed() << "), " << m_target.describe(m_safety.armed()) << "\n";
    out << "connection: " << world::connectionStateName(hud.connection)
        << (hud.connectionMessage.empty() ? "" : " (" + hud.connectionMessage + ")")
        << (hud.failedStep.empty() ? "" : " failed step: " + hud.failedStep) << "\n";
    out << "probe requests served: " << hud.saved << " of " << hud.requests << " (degraded " << hud.degraded
        << ", lost " << hud.lost << "; probe sent " << probe.started << ", finished " << probe.finished << ")\n";
    if (m_sources.readingTelemetry()) {
        out << (hud.telemetry.empty() ? "telemetry: no reading yet" : hud.telemetry) << " (meshlings drawn "
            << m_world.telemetry().spawned() << ")\n";
    }
    out << SessionFigures::figuresLine(m_world);
    out << "pods seen: " << podsSeen() << " (on the board " << m_world.pods().all().size() << ", down " << hud.podsDown
        << ", recovering " << hud.podsRecovering << ")\n";
    out << SessionFigures::outcomeLine(m_world);
    if (!m_safety.routingLine().empty()) out << m_safety.routingLine() << "\n";
    return out.str();
}

}  // namespace meshlings::app
