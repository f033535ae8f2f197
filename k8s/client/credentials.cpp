#include "client/credentials.hpp"

#include <fstream>
#include <sstream>

namespace meshlings::k8s {

namespace {

constexpr auto kTokenFilePeriod = std::chrono::minutes(1);
constexpr auto kExpirySlack = std::chrono::seconds(10);  // renew a little before the plugin's expiry

}  // namespace

Credentials::Credentials(const RestConfig& config) : m_tokenFile(config.tokenFile) {
    m_static.token = config.token;
    m_static.clientCertPem = config.clientCertPem;
    m_static.clientKeyPem = config.clientKeyPem;
    m_static.username = config.username;
    m_static.password = config.password;
    if (config.exec) m_plugin.emplace(*config.exec, config.server);
    if (!m_tokenFile.empty()) m_tokenReadAt = std::chrono::steady_clock::now();
}

void Credentials::refreshTokenFile() {
    if (m_tokenFile.empty() || std::chrono::steady_clock::now() - m_tokenReadAt < kTokenFilePeriod) return;
    m_tokenReadAt = std::chrono::steady_clock::now();
    std::ifstream in(m_tokenFile);
    std::string token;
    std::getline(in, token);
    while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
    if (in && !token.empty()) m_static.token = token;  // a failed read keeps the last good value
}

AuthMaterial Credentials::current() {
    std::lock_guard lock(m_mutex);
    refreshTokenFile();
    if (!m_plugin) return m_static;
    const auto now = std::chrono::system_clock::now();
    if (!m_cached || (m_cached->expiry && *m_cached->expiry - kExpirySlack <= now)) m_cached = m_plugin->run();
    AuthMaterial material = m_static;
    if (!m_cached->token.empty()) {
        material.token = m_cached->token;
    } else {
        material.clientCertPem = m_cached->clientCertPem;
        material.clientKeyPem = m_cached->clientKeyPem;
    }
    return material;
}

bool Credentials::invalidate() {
    std::lock_guard lock(m_mutex);
    if (m_plugin) {
        m_cached.reset();
        return true;
    }
    if (!m_tokenFile.empty()) {
        const std::string before = m_static.token;
        m_tokenReadAt = {};
        refreshTokenFile();
        return m_static.token != before;
    }
    return false;
}

}  // namespace meshlings::k8s
