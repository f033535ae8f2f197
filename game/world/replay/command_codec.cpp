#include "world/replay/command_codec.hpp"

#include <charconv>
#include <functional>
#include <map>

#include "world/model/overloaded.hpp"
#include "world/replay/replay_text.hpp"

namespace meshlings::world {
namespace {

std::string q(std::string_view word) {
    return ReplayText::quote(word);
}
std::string orDash(std::string_view name) {
    return name.empty() ? "-" : std::string{name};
}

std::string weightsText(const ReviewsWeights& w) {
    return std::to_string(w.percent[0]) + " " + std::to_string(w.percent[1]) + " " + std::to_string(w.percent[2]);
}

// Reads the arguments of one line, field by field, keeping the first error.
class Args {
public:
    Args(const std::vector<std::string>& words, std::string& error) : m_words(words), m_error(error) {}

    bool count(std::size_t expected) {
        if (m_words.size() == expected + 1) return true;
        return fail(m_words[0] + " takes " + std::to_string(expected) + " arguments, got " +
                    std::to_string(m_words.size() - 1));
    }
    const std::string& text(std::size_t i) const { return m_words[i]; }

    template <typename Int>
    Int number(std::size_t i, const char* field, Int lo, Int hi) {
        const std::string& w = m_words[i];
        Int value{};
        const auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), value);
        if (ec != std::errc{} || end != w.data() + w.size() || value < lo || value > hi) {
            fail(std::string{field} + ": expected a number in " + std::to_string(lo) + ".." + std::to_string(hi) +
                 ", got \"" + w + "\"");
            return lo;
        }
        return value;
    }

    template <typename E>
    E named(std::size_t i, const char* field, std::optional<E> (*parse)(std::string_view)) {
        const std::string& w = m_words[i];
        const auto value = parse(w == "-" ? std::string_view{} : std::string_view{w});
        if (!value) {
            fail(std::string{field} + ": unknown value \"" + w + "\"");
            return E{};
        }
        return *value;
    }

    bool ok() const { return m_error.empty(); }
    bool fail(std::string message) {
        if (m_error.empty()) m_error = std::move(message);
        return false;
    }

private:
    const std::vector<std::string>& m_words;
    std::string& m_error;
};

constexpr int kMaxInt = 1'000'000'000;

ReviewsWeights weightsFrom(Args& a, std::size_t first) {
    return ReviewsWeights::of(a.number<int>(first, "v1", 0, 100), a.number<int>(first + 1, "v2", 0, 100),
                              a.number<int>(first + 2, "v3", 0, 100));
}

std::optional<PodState> stateFromName(std::string_view name) {
    return podStateFromName(name);
}

PodObservation podFrom(Args& a) {
    PodObservation p;
    p.name = a.text(1);
    p.deployment = a.text(2);
    p.app = a.text(3);
    p.version = a.text(4);
    p.state = a.named<PodState>(5, "state", &stateFromName);
    const std::string& containers = a.text(6);
    const auto slash = containers.find('/');
    if (slash == std::string::npos) {
        a.fail("containers: expected <ready>/<total>, got \"" + containers + "\"");
    } else {
        const std::vector<std::string> parts{"containers", containers.substr(0, slash), containers.substr(slash + 1)};
        std::string subError;
        Args inner(parts, subError);
        p.readyContainers = inner.number<int>(1, "ready containers", 0, 1000);
        p.totalContainers = inner.number<int>(2, "total containers", 0, 1000);
        if (!subError.empty()) a.fail(subError);
    }
    p.restarts = a.number<int>(7, "restarts", 0, kMaxInt);
    p.createdAtSeconds = a.number<std::int64_t>(8, "createdAtSeconds", 0, INT64_C(1) << 40);
    return p;
}

// telemetry up|down <step> <message> <edges> then per edge: <from> <to> <milliPerSecond> <failurePermille>
std::string telemetryText(const TelemetryObserved& c) {
    std::string out = std::string{c.connected ? "up" : "down"} + " " + q(c.failedStep) + " " + q(c.message) + " " +
                      std::to_string(c.edges.size());
    for (const TelemetryEdge& e : c.edges) {
        out += " " + std::string{telemetryNodeName(e.from)} + " " + std::string{telemetryNodeName(e.to)} + " " +
               std::to_string(e.milliPerSecond) + " " + std::to_string(e.failurePermille);
    }
    return out;
}

std::optional<Command> telemetryFrom(const std::vector<std::string>& words, std::string& error) {
    Args a(words, error);
    if (words.size() < 5) {
        a.fail("telemetry takes at least 4 arguments, got " + std::to_string(words.size() - 1));
        return std::nullopt;
    }
    TelemetryObserved c;
    if (words[1] != "up" && words[1] != "down") a.fail("telemetry: expected up or down, got \"" + words[1] + "\"");
    c.connected = words[1] == "up";
    c.failedStep = words[2];
    c.message = words[3];
    const auto edges = a.number<std::size_t>(4, "edges", 0, 1000);
    if (a.ok() && words.size() != 5 + 4 * edges) {
        a.fail("telemetry with " + std::to_string(edges) + " edges takes " + std::to_string(4 + 4 * edges) +
               " arguments, got " + std::to_string(words.size() - 1));
    }
    for (std::size_t i = 0; a.ok() && i < edges; ++i) {
        const std::size_t at = 5 + 4 * i;
        TelemetryEdge e;
        e.from = a.named<MapNode>(at, "from", &telemetryNodeFromName);
        e.to = a.named<MapNode>(at + 1, "to", &telemetryNodeFromName);
        e.milliPerSecond = a.number<int>(at + 2, "milliPerSecond", 0, kMaxInt);
        e.failurePermille = a.number<int>(at + 3, "failurePermille", 0, 1000);
        c.edges.push_back(e);
    }
    return a.ok() ? std::optional<Command>{c} : std::nullopt;
}

using Decoder = std::function<std::optional<Command>(Args&)>;

template <typename C>
std::string verbOf() {
    return std::string{commandVerbOf<C>()};
}

const std::map<std::string, std::pair<std::size_t, Decoder>, std::less<>>& decoders() {
    static const std::map<std::string, std::pair<std::size_t, Decoder>, std::less<>> kDecoders{
        {verbOf<SelectPod>(), {1, [](Args& a) -> std::optional<Command> { return SelectPod{a.text(1)}; }}},
        {verbOf<CycleSelection>(),
         {1,
          [](Args& a) -> std::optional<Command> {
              if (a.text(1) != "+1" && a.text(1) != "-1") {
                  a.fail("direction: expected +1 or -1, got \"" + a.text(1) + "\"");
              }
              return CycleSelection{a.text(1) == "-1" ? -1 : 1};
          }}},
        {verbOf<RequestDeletePod>(),
         {1, [](Args& a) -> std::optional<Command> { return RequestDeletePod{a.text(1)}; }}},
        {verbOf<RequestWeights>(),
         {3, [](Args& a) -> std::optional<Command> { return RequestWeights{weightsFrom(a, 1)}; }}},
        {verbOf<HaltChaos>(), {0, [](Args&) -> std::optional<Command> { return HaltChaos{}; }}},
        {verbOf<RequestScale>(),
         {2,
          [](Args& a) -> std::optional<Command> {
              return RequestScale{a.text(1), a.number<int>(2, "replicas", 0, 1000)};
          }}},
        {verbOf<RequestRetry>(),
         {4,
          [](Args& a) -> std::optional<Command> {
              return RequestRetry{a.text(1), RetrySettings{a.number<int>(2, "attempts", 0, kMaxInt),
                                                           a.number<int>(3, "perTryTimeoutMs", 0, kMaxInt), a.text(4)}};
          }}},
        {verbOf<RequestTimeout>(),
         {2,
          [](Args& a) -> std::optional<Command> {
              return RequestTimeout{a.text(1), TimeoutSettings{a.number<int>(2, "timeoutMs", 0, kMaxInt)}};
          }}},
        {verbOf<RequestCircuitBreaker>(),
         {3,
          [](Args& a) -> std::optional<Command> {
              return RequestCircuitBreaker{a.text(1),
                                           BreakerSettings{a.number<int>(2, "maxConnections", 0, kMaxInt),
                                                           a.number<int>(3, "maxPendingRequests", 0, kMaxInt)}};
          }}},
        {verbOf<RequestEject>(),
         {3,
          [](Args& a) -> std::optional<Command> {
              return RequestEject{a.text(1), EjectSettings{a.number<int>(2, "consecutive5xxErrors", 0, kMaxInt),
                                                           a.number<int>(3, "baseEjectionSeconds", 0, kMaxInt)}};
          }}},
        {verbOf<RequestNodeKubelet>(),
         {2,
          [](Args& a) -> std::optional<Command> {
              if (a.text(2) != "stopped" && a.text(2) != "running") {
                  a.fail("the kubelet is `stopped` or `running`, not \"" + a.text(2) + "\"");
              }
              return RequestNodeKubelet{a.text(1), a.text(2) == "stopped"};
          }}},
        {verbOf<SetPaused>(),
         {1,
          [](Args& a) -> std::optional<Command> {
              if (a.text(1) != "on" && a.text(1) != "off") {
                  a.fail("pause: expected on or off, got \"" + a.text(1) + "\"");
              }
              return SetPaused{a.text(1) == "on"};
          }}},
        {verbOf<PodUpserted>(), {8, [](Args& a) -> std::optional<Command> { return PodUpserted{podFrom(a)}; }}},
        {verbOf<PodDeleted>(), {1, [](Args& a) -> std::optional<Command> { return PodDeleted{a.text(1)}; }}},
        {verbOf<ReplicasObserved>(),
         {3,
          [](Args& a) -> std::optional<Command> {
              return ReplicasObserved{a.text(1), a.number<int>(2, "desired", 0, kMaxInt),
                                      a.number<int>(3, "ready", 0, kMaxInt)};
          }}},
        {verbOf<ConnectionChanged>(),
         {3,
          [](Args& a) -> std::optional<Command> {
              return ConnectionChanged{a.named<ConnectionState>(1, "state", &connectionStateFromName), a.text(2),
                                       a.text(3)};
          }}},
        {verbOf<ApiResult>(),
         {3,
          [](Args& a) -> std::optional<Command> {
              return ApiResult{a.number<std::uint64_t>(1, "requestId", 1, UINT64_C(1) << 62),
                               a.named<ApiOutcome>(2, "outcome", &apiOutcomeFromName), a.text(3)};
          }}},
        {verbOf<ProbeObserved>(),
         {5,
          [](Args& a) -> std::optional<Command> {
              ProbeResult p;
              p.outcome = a.named<common::PageOutcome>(1, "outcome", &common::pageOutcomeFromName);
              p.latencyMs = a.number<int>(2, "latencyMs", 0, kMaxInt);
              p.reviewsVersion = a.named<common::ReviewsVersion>(3, "version", &common::reviewsVersionFromName);
              p.failedAt = a.named<common::PagePart>(4, "failedAt", &common::pagePartFromName);
              p.reviewsPod = a.text(5);
              return ProbeObserved{p};
          }}},
    };
    return kDecoders;
}

}  // namespace

std::string CommandCodec::encode(const Command& command) {
    const std::string verb{commandVerb(command)};
    const std::string args = std::visit(
        Overloaded{
            [](const SelectPod& c) { return q(c.pod); },
            [](const CycleSelection& c) { return std::string{c.direction >= 0 ? "+1" : "-1"}; },
            [](const RequestDeletePod& c) { return q(c.pod); },
            [](const RequestWeights& c) { return weightsText(c.weights); },
            [](const RequestScale& c) { return q(c.deployment) + " " + std::to_string(c.replicas); },
            [](const SetPaused& c) { return std::string{c.paused ? "on" : "off"}; },
            [](const RequestRetry& c) {
                return q(c.service) + " " + std::to_string(c.settings.attempts) + " " +
                       std::to_string(c.settings.perTryTimeoutMs) + " " + q(c.settings.retryOn);
            },
            [](const RequestTimeout& c) { return q(c.service) + " " + std::to_string(c.settings.timeoutMs); },
            [](const RequestCircuitBreaker& c) {
                return q(c.service) + " " + std::to_string(c.settings.maxConnections) + " " +
                       std::to_string(c.settings.maxPendingRequests);
            },
            [](const RequestEject& c) {
                return q(c.service) + " " + std::to_string(c.settings.consecutiveErrors) + " " +
                       std::to_string(c.settings.ejectionSeconds);
            },
            [](const RequestNodeKubelet& c) { return q(c.node) + " " + (c.stopped ? "stopped" : "running"); },
            [](const HaltChaos&) { return std::string{}; },
            [](const PodUpserted& c) {
                const PodObservation& p = c.pod;
                return q(p.name) + " " + q(p.deployment) + " " + q(p.app) + " " + q(p.version) + " " +
                       std::string{podStateName(p.state)} + " " + std::to_string(p.readyContainers) + "/" +
                       std::to_string(p.totalContainers) + " " + std::to_string(p.restarts) + " " +
                       std::to_string(p.createdAtSeconds);
            },
            [](const PodDeleted& c) { return q(c.pod); },
            [](const WeightsObserved& c) { return c.weights.defined ? weightsText(c.weights) : std::string{"none"}; },
            [](const ReplicasObserved& c) {
                return q(c.deployment) + " " + std::to_string(c.desired) + " " + std::to_string(c.ready);
            },
            [](const ConnectionChanged& c) {
                return std::string{connectionStateName(c.state)} + " " + q(c.message) + " " + q(c.failedStep);
            },
            [](const ApiResult& c) {
                return std::to_string(c.requestId) + " " + std::string{apiOutcomeName(c.outcome)} + " " + q(c.message);
            },
            [](const TelemetryObserved& c) { return telemetryText(c); },
            [](const ProbeObserved& c) {
                const ProbeResult& p = c.probe;
                return std::string{common::pageOutcomeName(p.outcome)} + " " + std::to_string(p.latencyMs) + " " +
                       orDash(common::reviewsVersionName(p.reviewsVersion)) + " " +
                       orDash(common::pagePartName(p.failedAt)) + " " + q(p.reviewsPod);
            },
        },
        command);
    return args.empty() ? verb : verb + " " + args;
}

std::optional<Command> CommandCodec::decode(const std::vector<std::string>& words, std::string& error) {
    if (words.empty()) {
        error = "empty command";
        return std::nullopt;
    }
    if (words[0] == commandVerbOf<WeightsObserved>()) {
        if (words.size() == 2 && words[1] == "none") return WeightsObserved{};
        Args a(words, error);
        if (!a.count(3)) return std::nullopt;
        Command c = WeightsObserved{weightsFrom(a, 1)};
        return a.ok() ? std::optional<Command>{c} : std::nullopt;
    }
    if (words[0] == commandVerbOf<TelemetryObserved>()) return telemetryFrom(words, error);
    const auto it = decoders().find(words[0]);
    if (it == decoders().end()) {
        error = "unknown command \"" + words[0] + "\"";
        return std::nullopt;
    }
    Args a(words, error);
    if (!a.count(it->second.first)) return std::nullopt;
    std::optional<Command> command = it->second.second(a);
    if (!a.ok()) return std::nullopt;
    return command;
}

}  // namespace meshlings::world
