#include "client/credentials.hpp"

#include <fstream>
#include <sstream>

namespace meshlings::k8s {

namespace {

constexpr auto kTokenFilePeriod = std::chrono::minutes(1);

}  // namespace

Credentials::Credentials(const RestConfig& config) : m_tokenFile(config.tokenFile) {
    m_static.token = config.token;
    m_static.clientCertPem = config.clientCertPem;
    m_static.clientKeyPem = config.clientKeyPem;
    m_static.username = config.username;
    m_static.password = config.password;
    if (config.exec) m_plugin = ExecCredentialCache::forConfig(*config.exec, config.server);
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
    AuthMaterial material;
    {
        std::lock_guard lock(m_mutex);
        refreshTokenFile();
        material = m_static;
    }
    if (!m_plugin) return material;
    const auto answer = m_plugin->current();  // may wait for the plugin: not under m_mutex
    {
        std::lock_guard lock(m_mutex);
        m_presented = answer.generation;
    }
    if (!answer.credential.token.empty()) {
        material.token = answer.credential.token;
    } else {
        material.clientCertPem = answer.credential.clientCertPem;
        material.clientKeyPem = answer.credential.clientKeyPem;
    }
    return material;
}

bool Credentials::invalidate() {
    std::lock_guard lock(m_mutex);
    if (m_plugin) {
        m_plugin->invalidate(m_presented);
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
