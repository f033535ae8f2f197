#include "world/model/world.hpp"

#include <algorithm>
#include <utility>

#include "world/model/overloaded.hpp"

namespace meshlings::world {
namespace {

std::string describe(const ClusterRequest& r) {
    switch (r.kind) {
        case ClusterRequestKind::DeletePod:
            return "delete " + r.pod;
        case ClusterRequestKind::SetWeights:
            return "weights " + r.weights.text();
        case ClusterRequestKind::ScaleDeployment:
            return "scale " + r.deployment + " to " + std::to_string(r.replicas);
        case ClusterRequestKind::SetRetries:
            return "retry " + r.service + ": " + std::to_string(r.retry.attempts) + " attempts on " + r.retry.retryOn;
        case ClusterRequestKind::SetTimeout:
            return "timeout " + r.service + ": " + std::to_string(r.timeout.timeoutMs) + " ms";
        case ClusterRequestKind::SetConnectionPool:
            return "circuit breaker " + r.service + ": " + std::to_string(r.breaker.maxConnections) + " connections, " +
                   std::to_string(r.breaker.maxPendingRequests) + " pending";
        case ClusterRequestKind::SetOutlierDetection:
            return "eject " + r.service + ": after " + std::to_string(r.eject.consecutiveErrors) + " 5xx for " +
                   std::to_string(r.eject.ejectionSeconds) + " s";
        case ClusterRequestKind::SetNodeKubelet:
            return (r.kubeletStopped ? "node-down " : "node-up ") + r.node;
    }
    return "?";
}

// The request a skill command makes, for the ActionDesk to check.
ClusterRequest skillRequest(const Command& command) {
    ClusterRequest r;
    std::visit(Overloaded{
                   [&r](const RequestRetry& c) {
                       r.kind = ClusterRequestKind::SetRetries;
                       r.service = c.service;
                       r.retry = c.settings;
                   },
                   [&r](const RequestTimeout& c) {
                       r.kind = ClusterRequestKind::SetTimeout;
                       r.service = c.service;
                       r.timeout = c.settings;
                   },
                   [&r](const RequestCircuitBreaker& c) {
                       r.kind = ClusterRequestKind::SetConnectionPool;
                       r.service = c.service;
                       r.breaker = c.settings;
                   },
                   [&r](const RequestEject& c) {
                       r.kind = ClusterRequestKind::SetOutlierDetection;
                       r.service = c.service;
                       r.eject = c.settings;
                   },
                   [](const auto&) {},
               },
               command);
    return r;
}

// The service a skill command names, or nullptr for any other command.
std::string* skillService(Command& command) {
    return std::visit(Overloaded{
                          [](RequestRetry& c) -> std::string* { return &c.service; },
                          [](RequestTimeout& c) -> std::string* { return &c.service; },
                          [](RequestCircuitBreaker& c) -> std::string* { return &c.service; },
                          [](RequestEject& c) -> std::string* { return &c.service; },
                          [](auto&) -> std::string* { return nullptr; },
                      },
                      command);
}

ResilienceConfig resilienceConfig(const Level& level) {
    ResilienceConfig config;
    config.sloPercent = level.sloPercent;
    config.weights = level.scoring.weights;
    if (level.scoring.steadySeconds) config.steadyTicks = *level.scoring.steadySeconds * kTicksPerSecond;
    if (level.scoring.windowSeconds) config.windowTicks = *level.scoring.windowSeconds * kTicksPerSecond;
    if (level.scoring.passScore) config.passScore = *level.scoring.passScore;
    return config;
}

}  // namespace

World::World(Level level, std::uint64_t seed, EffectSink& effects)
    : m_level(std::move(level)),
      m_seed(seed),
      m_effects(effects),
      m_rng(seed),
      m_pods(m_map),
      m_planner(m_map),
      m_score(resilienceConfig(m_level)),
      m_desk(m_level.budget),
      m_cap(m_level.safety),
      m_rules(m_level),
      m_chaos(m_level) {}

void World::submit(Command command) {
    m_pending.push_back(std::move(command));
}

void World::step() {
    levelChaos();
    std::vector<Command> commands = std::exchange(m_pending, {});
    for (Command& command : commands) {
        if (!resolveSelection(command)) continue;
        if (m_listener) m_listener(m_now, command);
        apply(command);
    }
    m_pods.step(m_now);
    if (!m_paused) {
        m_telemetry.step(m_crowd, m_planner, m_rng);
        m_crowd.step(m_effects, m_map);
    }
    m_stats.step(m_now);
    m_health.step(m_now);
    const bool clockRuns = m_connection.state == ConnectionState::Connected && !m_paused;
    if (m_rules.step(clockRuns, m_stats, m_effects)) {
        m_desk.close("the level is over");
        m_score.finish(m_now);
        m_finalHud = hud();
        m_finalHud->sessionP99Ms = m_stats.sessionPercentileMs(99);  // not in every frame's figures: costly
    }
    ++m_now;
}

EdgeHealth World::healthOf(const Pod& pod) const {
    if (!pod.node) return {};
    return m_health.into(*pod.node);
}

bool World::sick(const Pod& pod) const {
    if (pod.gone || pod.observed.state != PodState::Ready) return false;
    const std::optional<double> share = healthOf(pod).failureShare();
    return share && *share >= kFailureShare;
}

double World::levelSeconds() const {
    return static_cast<double>(m_rules.elapsedTicks()) / static_cast<double>(kTicksPerSecond);
}

// Decided before the step's commands, from the rules' clock and the pods as the last step left them.
void World::levelChaos() {
    if (m_chaosHalted || !m_rules.started() || m_rules.ended()) return;
    for (std::string& line : m_announcer.due(levelSeconds())) m_effects.emit(Message{MessageKind::Event, line});
    ChaosSchedule::Due due = m_chaos.due(levelSeconds(), m_pods);
    for (std::string& problem : due.problems) {
        m_effects.emit(Message{MessageKind::Warning, problem});
        m_chaosProblems.push_back(std::move(problem));
    }
    for (const Command& command : due.commands) apply(command);
}

bool World::resolveSelection(Command& command) const {
    if (auto* scale = std::get_if<RequestScale>(&command)) return resolveScale(*scale);
    if (std::string* service = skillService(command)) {
        if (!service->empty()) return true;
        const Pod* pod = m_pods.find(m_pods.selected());
        if (pod == nullptr || pod->observed.app.empty()) return false;
        *service = pod->observed.app;
        return true;
    }
    auto* remove = std::get_if<RequestDeletePod>(&command);
    if (remove == nullptr || !remove->pod.empty()) return true;
    remove->pod = m_pods.selected();
    return !remove->pod.empty();
}

bool World::resolveScale(RequestScale& scale) const {
    if (scale.step == 0) return true;
    const Pod* pod = m_pods.find(m_pods.selected());
    if (pod == nullptr || pod->observed.deployment.empty()) return false;
    const auto found = m_deployments.find(pod->observed.deployment);
    const int desired = found == m_deployments.end() ? 1 : found->second.desired;
    const int wanted = std::clamp(desired + scale.step, 0, kMaxReplicas);
    if (wanted == desired) return false;
    scale = RequestScale{pod->observed.deployment, wanted};
    return true;
}

void World::apply(const Command& command) {
    std::visit(
        Overloaded{
            [this](const SelectPod& c) { m_pods.select(c.pod); },
            [this](const CycleSelection& c) { m_pods.cycle(c.direction); },
            [this](const RequestDeletePod& c) { deletePod(c); },
            [this](const RequestWeights& c) { decided(m_desk.requestWeights(c.weights, m_now)); },
            [this](const RequestScale& c) { requestScale(c); },
            [this](const SetPaused& c) { m_paused = c.paused; },
            [this](const HaltChaos&) { m_chaosHalted = true; },
            [this](const PodUpserted& c) {
                m_pods.upsert(c.pod, m_now, m_effects);
                m_rules.onPodObserved(c.pod);
                m_score.observePod(m_now, c.pod);
            },
            [this](const PodDeleted& c) {
                m_pods.markGone(c.pod, m_now);
                m_score.podGone(m_now, c.pod);
            },
            [this](const WeightsObserved& c) { weightsObserved(c); },
            [this](const ReplicasObserved& c) {
                m_deployments[c.deployment] = DeploymentReplicas{c.desired, c.ready};
            },
            [this](const ConnectionChanged& c) { connectionChanged(c); },
            [this](const ApiResult& c) { apiResult(c); },
            [this](const ProbeObserved& c) { probe(c.probe); },
            [this](const RequestRetry& c) { decided(m_desk.requestSkill(skillRequest(c), m_now)); },
            [this](const RequestTimeout& c) { decided(m_desk.requestSkill(skillRequest(c), m_now)); },
            [this](const RequestCircuitBreaker& c) { decided(m_desk.requestSkill(skillRequest(c), m_now)); },
            [this](const RequestEject& c) { decided(m_desk.requestSkill(skillRequest(c), m_now)); },
            [this](const RequestNodeKubelet& c) { decided(m_desk.requestNodeKubelet(c.node, c.stopped, m_now)); },
            [this](const TelemetryObserved& c) {
                m_health.observe(c);
                if (auto text = m_telemetry.observe(c)) {
                    m_effects.emit(Message{c.connected ? MessageKind::Info : MessageKind::Warning, *text});
                }
            },
        },
        command);
}

void World::decided(const ActionDesk::Decision& decision) {
    if (!decision.id) m_effects.emit(Message{MessageKind::Refusal, decision.refusal});
}

void World::deletePod(const RequestDeletePod& c) {
    Pod* pod = m_pods.find(c.pod);
    ActionDesk::Decision decision = m_desk.check(c.pod, pod);
    if (decision.refusal.empty() && pod != nullptr) decision.refusal = m_cap.checkDelete(*pod, m_pods, m_now);
    if (decision.refusal.empty()) decision = m_desk.requestDelete(c.pod, pod, m_now);
    decided(decision);
    if (!decision.id || pod == nullptr) return;
    pod->requestInFlight = decision.id;
    m_cap.deleteSent(m_now);
}

void World::requestScale(const RequestScale& c) {
    ActionDesk::Decision decision = m_desk.checkScale(c.deployment, c.replicas);
    if (decision.refusal.empty()) decision.refusal = m_cap.checkScale(c.deployment, c.replicas, m_pods);
    if (decision.refusal.empty()) decision = m_desk.requestScale(c.deployment, c.replicas, m_now);
    decided(decision);
    if (!decision.id) return;
    const auto known = m_deployments.find(c.deployment);
    const int before =
        std::max(known == m_deployments.end() ? 0 : known->second.desired, m_pods.readyCount(c.deployment));
    m_scaleDowns[*decision.id] = c.replicas < before;
}

// What a request does to the system as the resilience score sees it: every
// delete and shift, a scale to fewer replicas; nullopt for a scale up.
std::optional<Disruption> World::disruptionOf(const ClusterRequest& request) const {
    switch (request.kind) {
        case ClusterRequestKind::DeletePod:
            return Disruption{DisruptionKind::PodDelete, request.deployment, request.pod};
        case ClusterRequestKind::SetWeights:
            return Disruption{DisruptionKind::WeightShift, "reviews", ""};
        case ClusterRequestKind::ScaleDeployment:
            if (const auto down = m_scaleDowns.find(request.id); down != m_scaleDowns.end() && down->second) {
                return Disruption{DisruptionKind::ScaleDown, request.deployment, ""};
            }
            return std::nullopt;
        case ClusterRequestKind::SetRetries:
        case ClusterRequestKind::SetTimeout:
        case ClusterRequestKind::SetConnectionPool:
        case ClusterRequestKind::SetOutlierDetection:
            return std::nullopt;  // a resilience setting protects; it opens no window
        case ClusterRequestKind::SetNodeKubelet:
            return std::nullopt;  // its pods' evictions are scored as the probe sees them, not as an action's window
    }
    return std::nullopt;
}

void World::apiResult(const ApiResult& c) {
    const std::optional<ClusterRequest> request = m_desk.resolve(c);
    if (!request) return;  // not ours (or answered twice): nothing waits for it
    Pod* pod = request->kind == ClusterRequestKind::DeletePod ? m_pods.find(request->pod) : nullptr;
    if (pod != nullptr && pod->requestInFlight == request->id) pod->requestInFlight.reset();
    switch (c.outcome) {
        case ApiOutcome::Refused:
            m_effects.emit(Message{MessageKind::Refusal, describe(*request) + " refused: " + c.message});
            break;
        case ApiOutcome::DryRun:
            if (pod != nullptr) pod->ghostUntil = m_now + kGhostTicks;
            if (auto disruption = disruptionOf(*request)) m_score.dryRunTaken(m_now, std::move(*disruption));
            m_effects.emit(Message{MessageKind::Warning, "dry run: " + describe(*request) + " (not armed)"});
            break;
        case ApiOutcome::Accepted:
            // A change the cluster made: the resilience score opens a window for a disruptive one.
            if (request->kind == ClusterRequestKind::DeletePod) m_rules.onDeleteAccepted(request->deployment);
            if (auto disruption = disruptionOf(*request)) m_score.actionTaken(m_now, std::move(*disruption));
            m_effects.emit(Message{MessageKind::Info, describe(*request)});
            break;
    }
    m_scaleDowns.erase(request->id);
}

void World::probe(const ProbeResult& p) {
    m_stats.add(p, m_now);
    m_health.addProbe(p, m_now, m_weights);
    m_score.observeProbe(m_now, p);
    m_rules.onProbe(p);
    if (m_paused) return;
    std::optional<float> podX;
    if (const Pod* pod = m_pods.find(p.reviewsPod);
        pod != nullptr && pod->node && *pod->node == BookinfoMap::nodeForVersion(p.reviewsVersion)) {
        podX = pod->at.x;
    }
    m_crowd.spawn(p, m_planner.plan(p, podX), m_rng, m_density.admit(m_now));
}

void World::connectionChanged(const ConnectionChanged& c) {
    const bool changed = c.state != m_connection.state;
    m_connection = c;
    if (!changed) return;
    std::string text{connectionStateName(c.state)};
    if (!c.failedStep.empty()) text += " at " + c.failedStep;
    if (!c.message.empty()) text += ": " + c.message;
    const bool bad = c.state == ConnectionState::Lost || c.state == ConnectionState::Failed;
    m_effects.emit(Message{bad ? MessageKind::Warning : MessageKind::Info, "cluster " + text});
}

void World::weightsObserved(const WeightsObserved& c) {
    m_weights = c.weights;
    m_score.observeWeights(m_now, c.weights);
    m_rules.onWeightsObserved(c.weights);
}

HudFigures World::hud() const {
    HudFigures h;
    h.successPercent = m_stats.windowSuccessPercent();
    h.p50Ms = m_stats.windowPercentileMs(50);
    h.p99Ms = m_stats.windowPercentileMs(99);
    h.requests = m_stats.total();
    h.saved = m_stats.saved();
    h.degraded = m_stats.degraded();
    h.lost = m_stats.lost();
    h.sessionSuccessPercent = m_stats.sessionSuccessPercent();
    h.podsDown = m_pods.downCount();
    h.podsRecovering = m_pods.recoveringCount();
    h.weights = m_weights;
    h.connection = m_connection.state;
    h.connectionMessage = m_connection.message;
    h.failedStep = m_connection.failedStep;
    h.levelTitle = m_level.title;
    h.objectives = m_rules.objectives(m_stats);
    if (const auto left = m_rules.ticksLeft()) {
        h.secondsLeft = static_cast<int>((*left + kTicksPerSecond - 1) / kTicksPerSecond);
    }
    h.secondsElapsed = static_cast<int>(m_rules.elapsedTicks() / kTicksPerSecond);
    h.budget = m_desk.left();
    h.requestsInFlight = m_desk.inFlight().size();
    h.paused = m_paused;
    h.result = m_rules.result();
    h.lastMessage = m_effects.lastMessage();
    h.meshlings = m_crowd.size();
    h.requestsPerMeshling = m_density.requestsPerMeshling();
    h.telemetry = m_telemetry.hudText();
    h.resilience = m_score.summary();
    return h;
}

}  // namespace meshlings::world
