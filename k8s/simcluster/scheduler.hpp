#pragma once
// Timed work of the cluster model (a pod becoming Ready, a container
// stopping). Tasks run in time order, ties in the order they were added, so a
// run is deterministic for a given seed and sequence of calls.
#include <cstdio>
#include <exception>
#include <functional>
#include <map>

#include "simcluster/sim_time.hpp"

namespace meshlings::sim {

class Scheduler {
public:
    using Task = std::function<void()>;

    void at(Millis when, Task task) { m_tasks.emplace(when, std::move(task)); }

    // Runs every task due at or before `until`, setting `now` to each task's
    // time before it runs, then to `until`.
    void runUntil(Millis until, Millis& now) {
        while (!m_tasks.empty() && m_tasks.begin()->first <= until) {
            auto node = m_tasks.extract(m_tasks.begin());
            if (node.key() > now) now = node.key();
            try {
                node.mapped()();
            } catch (const std::exception& e) {
                std::fprintf(stderr, "meshlings cluster: scheduled work failed: %s\n", e.what());
            }
        }
        if (until > now) now = until;
    }

    std::size_t pending() const { return m_tasks.size(); }

private:
    std::multimap<Millis, Task> m_tasks;
};

}  // namespace meshlings::sim
