#include "world/model/world_digest.hpp"

#include <cstdio>
#include <string_view>

#include "world/model/decimal_text.hpp"
#include "world/model/world.hpp"

namespace meshlings::world {
namespace {

class Fnv1a {
public:
    void add(std::uint64_t value) {
        for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(value >> (8 * i)));
    }
    void add(std::string_view text) {
        add(text.size());
        for (char c : text) byte(static_cast<unsigned char>(c));
    }
    std::uint64_t value() const { return m_hash; }

private:
    void byte(unsigned char b) {
        m_hash ^= b;
        m_hash *= 0x100000001B3ULL;
    }
    std::uint64_t m_hash = 0xCBF29CE484222325ULL;
};

std::uint64_t u(std::int64_t v) {
    return static_cast<std::uint64_t>(v);
}

void addPods(Fnv1a& h, const PodBoard& pods) {
    h.add(pods.all().size());
    for (const auto& [name, pod] : pods.all()) {
        h.add(name);
        h.add(static_cast<std::uint64_t>(pod.observed.state));
        h.add(u(pod.observed.readyContainers * 1000 + pod.observed.totalContainers));
        h.add(u(pod.observed.restarts));
        h.add(u(pod.slot));
        h.add(u(pod.stateSince.value));
        h.add(pod.gone ? 1U : 0U);
        h.add(pod.requestInFlight.value_or(0));
        h.add(u(pod.ghostUntil.value));
    }
    h.add(pods.selected());
}

void addMeshlings(Fnv1a& h, const Crowd& crowd) {
    h.add(crowd.size());
    h.add(crowd.spawned());
    h.add(crowd.exited());
    h.add(crowd.died());
    for (const Meshling& m : crowd.all()) {
        h.add(m.id());
        h.add(static_cast<std::uint64_t>(m.state()));
        h.add(u(m.walkTicks()));
        h.add(u(m.dyingTicks()));
        h.add(u(m.waitingTicks()));
        h.add(u(m.route().duration()));
    }
}

}  // namespace

std::uint64_t WorldDigest::of(const World& world) {
    Fnv1a h;
    h.add(u(world.now().value));
    for (std::uint64_t word : world.rng().state()) h.add(word);
    addPods(h, world.pods());
    addMeshlings(h, world.meshlings());
    const RequestStats& s = world.stats();
    for (std::uint64_t v : {s.total(), s.good(), s.saved(), s.degraded(), s.lost(), std::uint64_t{s.windowSize()}}) {
        h.add(v);
    }
    h.add(world.actions().nextId());
    h.add(world.actions().inFlight().size());
    const ReviewsWeights& w = world.observedWeights();
    h.add(w.defined ? 1U : 0U);
    for (int p : w.percent) h.add(u(p));
    for (const auto& [name, replicas] : world.deployments()) {
        h.add(name);
        h.add(u(replicas.desired * 100000 + replicas.ready));
    }
    h.add(static_cast<std::uint64_t>(world.connection().state));
    h.add(world.paused() ? 1U : 0U);
    h.add(u(world.rules().elapsedTicks()));
    h.add(static_cast<std::uint64_t>(world.rules().result()));
    for (const ObjectiveTracker& t : world.rules().trackers()) h.add(static_cast<std::uint64_t>(t.status()));
    return h.value();
}

std::string WorldDigest::outcomeLine(const World& world) {
    const RequestStats& s = world.stats();
    std::string line = "result=" + std::string{levelResultName(world.rules().result())};
    line += " requests=" + std::to_string(s.total()) + " saved=" + std::to_string(s.saved()) +
            " degraded=" + std::to_string(s.degraded()) + " lost=" + std::to_string(s.lost());
    const auto success = s.sessionSuccessPercent();
    line += " success=" + (success ? decimalText(*success) : std::string{"-"});
    const auto p99 = s.sessionPercentileMs(99);
    line += " p99=" + (p99 ? std::to_string(*p99) : std::string{"-"});
    std::string objectives;
    for (const ObjectiveTracker& t : world.rules().trackers()) {
        objectives += (objectives.empty() ? "" : ",") + std::string{objectiveStatusName(t.status())};
    }
    line += " objectives=" + (objectives.empty() ? std::string{"-"} : objectives);
    char digest[20];
    std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(of(world)));
    line += " digest=";
    line += digest;
    return line;
}

}  // namespace meshlings::world
