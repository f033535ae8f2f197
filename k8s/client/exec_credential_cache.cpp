#include "client/exec_credential_cache.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "client/config_error.hpp"

namespace meshlings::k8s {

namespace {

constexpr auto kExpirySlack = std::chrono::seconds(10);  // renew a little before the plugin's expiry

// What makes two plugins the same one: everything it is run with.
std::string cacheKey(const ExecConfig& config, const std::string& server) {
    nlohmann::json env = nlohmann::json::array();
    for (const auto& [name, value] : config.env) env.push_back({name, value});
    return nlohmann::json{{"apiVersion", config.apiVersion},
                          {"command", config.command},
                          {"args", config.args},
                          {"env", env},
                          {"interactiveMode", config.interactiveMode},
                          {"provideClusterInfo", config.provideClusterInfo},
                          {"server", server}}
        .dump();
}

}  // namespace

std::shared_ptr<ExecCredentialCache> ExecCredentialCache::forConfig(const ExecConfig& config,
                                                                    const std::string& server) {
    static std::mutex mutex;
    static std::map<std::string, std::weak_ptr<ExecCredentialCache>> caches;
    const std::string key = cacheKey(config, server);
    const std::lock_guard lock(mutex);
    for (auto it = caches.begin(); it != caches.end();) it = it->second.expired() ? caches.erase(it) : std::next(it);
    if (auto existing = caches[key].lock()) return existing;
    auto made = std::make_shared<ExecCredentialCache>(ExecPlugin(config, server));
    caches[key] = made;
    return made;
}

bool ExecCredentialCache::fresh() const {
    return m_cached && (!m_cached->expiry || *m_cached->expiry - kExpirySlack > std::chrono::system_clock::now());
}

ExecCredentialCache::Current ExecCredentialCache::current() {
    std::unique_lock lock(m_mutex);
    while (!fresh()) {
        if (m_refused) throw ConfigError("exec plugin " + command() + ": not run: the session is ending");
        if (!m_running) break;
        const std::uint64_t seen = m_runsEnded;
        m_changed.wait(lock, [&] { return m_runsEnded != seen || m_refused; });
        if (m_runsEnded != seen && !m_lastFailure.empty()) throw ConfigError(m_lastFailure);
    }
    if (fresh()) return {*m_cached, m_generation};
    m_running = true;
    m_cancel.reset();  // under the lock: a refuseRuns() after this kills the run, one before it was seen above
    lock.unlock();
    std::optional<ExecCredential> answer;
    std::string failure;
    try {
        answer = m_plugin.run(&m_cancel);
    } catch (const ConfigError& e) {
        failure = e.what();
    }
    lock.lock();
    m_running = false;
    ++m_runsEnded;
    m_lastFailure = failure;
    if (answer) {
        m_cached = std::move(answer);
        ++m_generation;
    }
    m_changed.notify_all();
    if (!failure.empty()) throw ConfigError(failure);
    return {*m_cached, m_generation};
}

void ExecCredentialCache::invalidate(std::uint64_t generation) {
    const std::lock_guard lock(m_mutex);
    if (generation == m_generation) m_cached.reset();
}

void ExecCredentialCache::refuseRuns() {
    {
        const std::lock_guard lock(m_mutex);
        m_refused = true;
        m_changed.notify_all();
    }
    m_cancel.cancel();
}

void ExecCredentialCache::allowRuns() {
    const std::lock_guard lock(m_mutex);
    m_refused = false;
}

}  // namespace meshlings::k8s
