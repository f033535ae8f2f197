#pragma once
// The doctor's checks for a session's first connection to a real cluster,
// run once on their own thread so the window opens at once. When a step
// that the game cannot do without fails (kubeconfig .. permissions), the
// result is a ConnectionChanged{Failed} naming that step and its hint for
// the HUD; a later step's failure (no Bookinfo, no Istio CRDs, no ingress)
// is only a note for the banner, since the game still runs without it.
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "client/doctor_report.hpp"
#include "client/doctor_state.hpp"
#include "world/model/command.hpp"

namespace meshlings::app {

class ConnectionDoctor {
public:
    explicit ConnectionDoctor(k8s::DoctorOptions options);
    ~ConnectionDoctor();
    ConnectionDoctor(const ConnectionDoctor&) = delete;
    ConnectionDoctor& operator=(const ConnectionDoctor&) = delete;

    // Once, when the checks have finished with a fatal failure: the command for the world.
    std::optional<world::ConnectionChanged> takeFailure();
    // Once, when a non-fatal step failed: "Istio CRDs: ... (hint)".
    std::optional<std::string> takeNote();
    // Once, when the ingress step reached a Bookinfo page: its base URL (so a
    // session without --ingress finds the one the built-in cluster announces).
    std::optional<std::string> takeIngress();
    bool finished() const { return m_finished.load(); }

    // Translates a report (exposed for tests).
    static std::optional<world::ConnectionChanged> failureOf(const k8s::DoctorReport& report);
    static std::optional<std::string> noteOf(const k8s::DoctorReport& report);

private:
    std::mutex m_mutex;
    std::optional<world::ConnectionChanged> m_failure;
    std::optional<std::string> m_note;
    std::optional<std::string> m_ingress;
    std::atomic<bool> m_finished{false};
    std::thread m_thread;
};

}  // namespace meshlings::app
