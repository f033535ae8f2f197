#include "world/score/steady_state_gate.hpp"

#include "world/model/decimal_text.hpp"

namespace meshlings::world {
namespace {}  // namespace

SteadyStateGate::SteadyStateGate(std::int64_t spanTicks, double minPercent)
    : m_span(spanTicks), m_minPercent(minPercent) {}

void SteadyStateGate::observe(Tick at, bool good) {
    if (!m_firstSeen) m_firstSeen = at;
    m_recent.push_back(Sample{at, good});
    // Keep one span behind the latest sample: a judgement at a later tick
    // never needs anything older.
    while (!m_recent.empty() && at - m_recent.front().at > m_span) m_recent.pop_front();
}

SteadyState SteadyStateGate::judge(Tick chaosStarts) const {
    SteadyState s;
    s.judged = true;
    const Tick from = chaosStarts - m_span;
    for (const Sample& sample : m_recent) {
        if (sample.at < from || sample.at >= chaosStarts) continue;
        ++s.total;
        if (sample.good) ++s.good;
    }
    if (s.total > 0) s.percent = 100.0 * static_cast<double>(s.good) / static_cast<double>(s.total);
    const std::string span = decimalText(Tick{m_span}.seconds()) + " s";
    if (!m_firstSeen || *m_firstSeen >= chaosStarts) {
        s.reason = "the probe saw no request before the first action (needs " + span + " of steady state)";
        return s;
    }
    s.watchedSeconds = Tick{chaosStarts - *m_firstSeen}.seconds();
    if (*m_firstSeen > from) {
        s.reason = "the probe watched only " + decimalText(s.watchedSeconds) + " s before the first action (needs " +
                   span + ")";
        return s;
    }
    if (s.total == 0 || *s.percent < m_minPercent) {
        s.reason = std::to_string(s.good) + " of " + std::to_string(s.total) + " requests good (" +
                   decimalText(s.percent.value_or(0)) + " %) in the " + span +
                   " before the first action (needs >= " + decimalText(m_minPercent) + " %)";
        return s;
    }
    s.met = true;
    return s;
}

}  // namespace meshlings::world
