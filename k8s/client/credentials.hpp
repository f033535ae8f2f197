#pragma once
// The identity a request presents, kept current: a static token or client
// certificate; a tokenFile re-read every minute (its last good value wins);
// an exec plugin's answer cached until its expirationTimestamp and fetched
// again after a 401. Thread-safe: requests on any thread ask for it.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "client/exec_plugin.hpp"
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

private:
    void refreshTokenFile();

    std::mutex m_mutex;
    AuthMaterial m_static;
    std::string m_tokenFile;
    std::chrono::steady_clock::time_point m_tokenReadAt{};
    std::optional<ExecPlugin> m_plugin;
    std::optional<ExecCredential> m_cached;
};

}  // namespace meshlings::k8s
