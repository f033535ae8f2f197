#pragma once
// The first answer of the target's exec credential plugin, fetched on a
// thread of its own before the session starts, so that the game thread keeps
// pumping events while the plugin runs: the window shows waitingLine() and
// Ctrl-C or closing it still works. cancel() (and the destructor) kill the
// plugin's process group at once through the target's ExecCredentialCache.
// On the game thread, conclude() hands a failure to the target: the session
// then runs with no cluster and says why. With no plugin it is finished at once.
#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "app/cluster_target.hpp"

namespace meshlings::app {

class StopSignal;

class CredentialWait {
public:
    // `target` must outlive the wait.
    explicit CredentialWait(ClusterTarget& target);
    ~CredentialWait();
    CredentialWait(const CredentialWait&) = delete;
    CredentialWait& operator=(const CredentialWait&) = delete;

    bool finished() const { return m_finished.load(); }
    // Kills the plugin's run; the wait then finishes at once. Any thread.
    void cancel();
    // "waiting for credentials (plugin NAME)"
    std::string waitingLine() const;
    // After finished(), on the game thread: a failure becomes the target's problem. Once.
    void conclude();
    // The headless form: waits until finished or `stop` is requested, saying on stderr what it waits for.
    // False when stopped (the plugin's run is then cancelled and its group gone). With `maxSeconds` > 0 a
    // plugin still running then is stopped and that is its failure (a session's --duration bounds the wait).
    bool waitOrStop(const StopSignal& stop, double maxSeconds = 0);

private:
    ClusterTarget& m_target;
    std::string m_plugin;  // the command's file name
    std::mutex m_mutex;
    std::string m_failure;
    std::atomic<bool> m_finished{false};
    std::thread m_thread;
};

}  // namespace meshlings::app
