#pragma once
// One exec plugin's credential, shared by every client in the process that
// uses the same plugin for the same server: client-go keeps one Authenticator
// per exec config in a process-wide cache for the same reason (exec.go,
// "keep a cache of initialized authenticators keyed by a hash of their
// config"), and its mutex makes the plugin run once for all callers. Here too
// one run at a time: a caller that finds a run going waits for it and takes
// its outcome, error included, instead of starting another. The credential is
// kept until its expirationTimestamp (less a little slack) or a 401.
// The owner of a session stops runs with refuseRuns(): the run in progress is
// killed (its whole process group), its waiters fail at once, and so does
// every later call that would need a run, until allowRuns().
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "client/cancel_flag.hpp"
#include "client/exec_plugin.hpp"

namespace meshlings::k8s {

class ExecCredentialCache {
public:
    // The process's one cache for this plugin and server, made on first use; it lives while someone holds it.
    static std::shared_ptr<ExecCredentialCache> forConfig(const ExecConfig& config, const std::string& server);

    explicit ExecCredentialCache(ExecPlugin plugin) : m_plugin(std::move(plugin)) {}
    ExecCredentialCache(const ExecCredentialCache&) = delete;
    ExecCredentialCache& operator=(const ExecCredentialCache&) = delete;

    struct Current {
        ExecCredential credential;
        std::uint64_t generation = 0;  // which answer of the plugin it is, for invalidate()
    };
    // The credential to present now, running the plugin when there is none or it expired.
    // Throws ConfigError (the plugin's failure, or the refusal) naming the plugin.
    Current current();
    // After a 401 with the credential of `generation`: forget it, unless a newer one has come meanwhile.
    void invalidate(std::uint64_t generation);

    // Kills the run in progress; its waiters and every later call needing a run fail at once. Any thread.
    void refuseRuns();
    // Runs are allowed again (after refuseRuns()).
    void allowRuns();

    const std::string& command() const { return m_plugin.config().command; }

private:
    bool fresh() const;

    const ExecPlugin m_plugin;
    CancelFlag m_cancel;  // the run in progress's
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<ExecCredential> m_cached;
    std::uint64_t m_generation = 0;
    bool m_running = false;
    std::uint64_t m_runsEnded = 0;
    std::string m_lastFailure;  // of the last run that ended; empty when it succeeded
    bool m_refused = false;
};

}  // namespace meshlings::k8s
