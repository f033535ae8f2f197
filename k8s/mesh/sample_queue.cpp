#include "mesh/sample_queue.hpp"

#include <algorithm>
#include <iterator>

namespace meshlings::mesh {

void SampleQueue::noteDue(bool started) {
    const std::lock_guard lock(m_mutex);
    ++m_counters.due;
    if (started) {
        ++m_counters.started;
        ++m_counters.inFlight;
        m_counters.peakInFlight = std::max(m_counters.peakInFlight, m_counters.inFlight);
    } else {
        ++m_counters.skipped;
    }
}

void SampleQueue::noteCancelled() {
    const std::lock_guard lock(m_mutex);
    if (m_counters.inFlight > 0) --m_counters.inFlight;
}

void SampleQueue::push(ProbeSample sample) {
    const std::lock_guard lock(m_mutex);
    if (m_counters.inFlight > 0) --m_counters.inFlight;
    ++m_counters.finished;
    switch (sample.verdict.outcome) {
        case common::PageOutcome::Full:
            ++m_counters.full;
            break;
        case common::PageOutcome::Degraded:
            ++m_counters.degraded;
            break;
        case common::PageOutcome::Failed:
            ++m_counters.failed;
            break;
    }
    if (sample.fault != TransportFault::None) ++m_counters.transportErrors;
    m_counters.connectionsOpened += static_cast<std::uint64_t>(sample.connectionsOpened);
    if (m_samples.size() >= m_capacity) {
        m_samples.pop_front();
        ++m_counters.dropped;
    }
    m_samples.push_back(std::move(sample));
}

std::vector<ProbeSample> SampleQueue::drain() {
    std::deque<ProbeSample> taken;
    {
        const std::lock_guard lock(m_mutex);
        taken.swap(m_samples);
    }
    return {std::make_move_iterator(taken.begin()), std::make_move_iterator(taken.end())};
}

ProbeCounters SampleQueue::counters() const {
    const std::lock_guard lock(m_mutex);
    return m_counters;
}

std::size_t SampleQueue::size() const {
    const std::lock_guard lock(m_mutex);
    return m_samples.size();
}

}  // namespace meshlings::mesh
