#pragma once
// The faults the built-in API server is told to inject, for tests of client
// robustness. Owned by ClusterServer; tests reach it in-process through
// ClusterServer::faults(), and over HTTP at /meshlings/faults when the
// server was started with fault injection. Rules apply in the order given:
// each request takes the first rule that matches it and has uses left.
// Thread-safe: every HTTP worker asks it about its request.
#include <mutex>
#include <optional>
#include <vector>

#include "simcluster/server/fault_rule.hpp"

namespace meshlings::sim {

class FaultInjector {
public:
    void add(FaultRule rule);
    void add(const std::vector<FaultRule>& rules);
    void clear();
    // The rules still in force, with the uses they have left.
    std::vector<FaultRule> rules() const;

    // The rule that applies to this request, with one use taken; nullopt for none.
    std::optional<FaultRule> take(const std::string& method, const std::string& path, bool watch);

private:
    mutable std::mutex m_mutex;
    std::vector<FaultRule> m_rules;
};

}  // namespace meshlings::sim
