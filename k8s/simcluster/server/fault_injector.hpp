#pragma once
// The faults the built-in API server is told to inject, for tests of client
// robustness. Owned by ClusterServer; tests reach it in-process through
// ClusterServer::faults(), and over HTTP at /meshlings/faults when the
// server was started with fault injection. Rules apply in the order given:
// each request takes the first rule that matches it and has uses left.
// Every request it is asked about is also kept (the last kKeptRequests, as
// "METHOD /path"), so tests can count what really reached the server.
// Thread-safe: every HTTP worker asks it about its request.
#include <deque>
#include <mutex>
#include <optional>
#include <string>
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

    // The rule that applies to this request, with one use taken; nullopt for none. A dropAnswer
    // rule comes back with truncatedBody set too: that is what makes the API server hand its
    // finished answer to FaultEndpoint::truncate, which then drops it (FaultEndpoint::answer
    // marked the response) instead of cutting it in half.
    std::optional<FaultRule> take(const std::string& method, const std::string& path, bool watch);

    static constexpr std::size_t kKeptRequests = 256;
    // The requests take() was asked about, oldest first, as "PATCH /apis/.../reviews" (query cut off).
    std::vector<std::string> requests() const;
    // How many of those had this method and a path containing `pathPart`.
    std::size_t count(const std::string& method, const std::string& pathPart) const;

private:
    mutable std::mutex m_mutex;
    std::vector<FaultRule> m_rules;
    std::deque<std::string> m_requests;
};

}  // namespace meshlings::sim
