#pragma once
// The identity a request presents, kept current: a static token or client
// certificate; a tokenFile re-read every minute (its last good value wins);
// an exec plugin's answer cached until its expirationTimestamp and fetched
// again after a 401, shared with every other client of the same plugin in the
// process (ExecCredentialCache). Thread-safe: requests on any thread ask for it.
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "client/exec_credential_cache.hpp"
#include "client/rest_config.hpp"

namespace meshlings::k8s {

struct AuthMaterial {
    std::string token;
    std::string clientCertPem;
    std::string clientKeyPem;
    std::string username;
    std::string password;
};

class Credentials {
public:
    explicit Credentials(const RestConfig& config);

    // What to present now; may run the exec plugin (throws ConfigError when it fails).
    AuthMaterial current();

    // After a 401: forget cached credentials. True when asking again could
    // give something different (an exec plugin or a token file).
    bool invalidate();

    // The exec plugin's shared cache, or null without one.
    const std::shared_ptr<ExecCredentialCache>& plugin() const { return m_plugin; }

private:
    void refreshTokenFile();

    std::mutex m_mutex;
    AuthMaterial m_static;
    std::string m_tokenFile;
    std::chrono::steady_clock::time_point m_tokenReadAt{};
    std::shared_ptr<ExecCredentialCache> m_plugin;
    std::uint64_t m_presented = 0;  // the generation of the plugin's answer handed out last
};

}  // namespace meshlings::k8s
