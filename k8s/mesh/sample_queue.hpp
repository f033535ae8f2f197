#pragma once
// The hand-over between the probe's thread and the game's: finished
// samples wait here (at most a set number; past it the oldest go and are
// counted as dropped, so a game that stops draining cannot grow memory
// without bound) next to the running counters, all under one lock. Owned by
// the Probe; the ProbeWorker writes, drain() and counters() read, any thread.
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

#include "mesh/probe_counters.hpp"
#include "mesh/probe_sample.hpp"

namespace meshlings::mesh {

class SampleQueue {
public:
    explicit SampleQueue(std::size_t capacity) : m_capacity(capacity == 0 ? 1 : capacity) {}
    SampleQueue(const SampleQueue&) = delete;
    SampleQueue& operator=(const SampleQueue&) = delete;

    // A start came due; `started` false when it was skipped (concurrency exhausted).
    void noteDue(bool started);
    // A started request was abandoned without a sample (the probe stopped).
    void noteCancelled();
    // A request finished: counted by outcome and queued for drain().
    void push(ProbeSample sample);

    std::vector<ProbeSample> drain();
    ProbeCounters counters() const;
    std::size_t size() const;

private:
    mutable std::mutex m_mutex;
    std::size_t m_capacity;
    std::deque<ProbeSample> m_samples;
    ProbeCounters m_counters;
};

}  // namespace meshlings::mesh
