#include "probe_result.hpp"

#include <array>
#include <utility>

namespace meshlings::world {
namespace {

constexpr std::array<std::pair<ProbeOutcome, std::string_view>, 3> kOutcomes{{
    {ProbeOutcome::Full, "full"},
    {ProbeOutcome::Degraded, "degraded"},
    {ProbeOutcome::Failed, "failed"},
}};

constexpr std::array<std::pair<Hop, std::string_view>, 6> kHops{{
    {Hop::None, ""},
    {Hop::Ingress, "ingress"},
    {Hop::ProductPage, "productpage"},
    {Hop::Details, "details"},
    {Hop::Reviews, "reviews"},
    {Hop::Ratings, "ratings"},
}};

template <typename E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [v, name] : table) {
        if (v == value) return name;
    }
    return "?";
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view name) {
    for (const auto& [v, n] : table) {
        if (n == name) return v;
    }
    return std::nullopt;
}

}  // namespace

bool isGood(const ProbeResult& probe) {
    return probe.outcome == ProbeOutcome::Full && probe.latencyMs <= kGoodLatencyMs;
}

std::string_view probeOutcomeName(ProbeOutcome outcome) {
    return nameOf(kOutcomes, outcome);
}
std::optional<ProbeOutcome> probeOutcomeFromName(std::string_view name) {
    return valueOf(kOutcomes, name);
}
std::string_view hopName(Hop hop) {
    return nameOf(kHops, hop);
}
std::optional<Hop> hopFromName(std::string_view name) {
    return valueOf(kHops, name);
}

}  // namespace meshlings::world
