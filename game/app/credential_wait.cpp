#include "app/credential_wait.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "app/stop_signal.hpp"

namespace meshlings::app {

CredentialWait::CredentialWait(ClusterTarget& target) : m_target(target) {
    const auto plugin = target.credentialPlugin();
    if (!plugin) {
        m_finished = true;
        return;
    }
    m_plugin = std::filesystem::path(plugin->command()).filename().string();
    m_thread = std::thread([this, plugin] {
        try {
            plugin->current();
        } catch (const std::exception& e) {
            const std::lock_guard lock(m_mutex);
            m_failure = e.what();
        }
        m_finished = true;
    });
}

CredentialWait::~CredentialWait() {
    if (m_thread.joinable()) {
        if (!m_finished) cancel();
        m_thread.join();
    }
}

void CredentialWait::cancel() {
    m_target.refuseCredentialRuns();
}

std::string CredentialWait::waitingLine() const {
    return "waiting for credentials (plugin " + m_plugin + ")";
}

void CredentialWait::conclude() {
    if (m_thread.joinable()) m_thread.join();
    std::string failure;
    {
        const std::lock_guard lock(m_mutex);
        failure.swap(m_failure);
    }
    if (!failure.empty()) {
        std::cerr << "meshlings: " << failure << "\n";
        m_target.credentialsFailed(failure);
    }
}

bool CredentialWait::waitOrStop(const StopSignal& stop, double maxSeconds) {
    if (!m_finished) std::cerr << "meshlings: " << waitingLine() << std::endl;
    const auto start = std::chrono::steady_clock::now();
    // The StopSignal is a flag set by a signal handler: looked at every 20 ms, like a frame of the loop.
    while (!m_finished) {
        const std::chrono::duration<double> waited = std::chrono::steady_clock::now() - start;
        if (maxSeconds > 0 && waited.count() >= maxSeconds) {
            cancel();
            if (m_thread.joinable()) m_thread.join();
            std::ostringstream text;
            text << "exec plugin " << m_plugin << ": no answer within the session's " << maxSeconds
                 << " s; it and the processes it started were killed";
            const std::lock_guard lock(m_mutex);
            m_failure = text.str();
            break;
        }
        if (stop.requested()) {
            cancel();
            if (m_thread.joinable()) m_thread.join();
            std::cerr << "meshlings: stopped while " << waitingLine() << "\n";
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    conclude();
    return true;
}

}  // namespace meshlings::app
