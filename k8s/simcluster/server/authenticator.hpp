#pragma once
// Authentication for the built-in API server, in one of three modes: none
// (every caller is the admin, as before), bearer tokens, or client
// certificates verified against the cluster's CA. Decides who a request
// speaks for; what that user may do is the Authorizer's business.
// Immutable once the server runs, so any worker thread may call it.
#include <string>
#include <utility>
#include <vector>

#include "simcluster/api_error.hpp"
#include "simcluster/server/user_info.hpp"

namespace meshlings::sim::http {
struct Request;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

enum class AuthMode { None, Token, Cert };

class Authenticator {
public:
    explicit Authenticator(AuthMode mode = AuthMode::None) : m_mode(mode) {}

    AuthMode mode() const { return m_mode; }
    void addToken(std::string token, UserInfo user) { m_tokens.emplace_back(std::move(token), std::move(user)); }

    // The user behind `request`. A request with no credentials is
    // system:anonymous when `allowAnonymous`, else 401; wrong credentials
    // (unknown token, certificate the CA did not sign) are always 401.
    UserInfo authenticate(const http::Request& request, bool allowAnonymous) const;

    // The 401 a real API server sends, word for word.
    static ApiError unauthorized() { return {401, "Unauthorized", "Unauthorized"}; }
    // 32 random bytes from OpenSSL, in hex.
    static std::string newToken();
    // "none" / "token" / "cert"; parse throws std::invalid_argument.
    static const char* name(AuthMode mode);
    static AuthMode parse(const std::string& text);

private:
    enum class Outcome { Absent, Rejected, Accepted };
    Outcome byToken(const http::Request& request, UserInfo& user) const;
    static Outcome byCertificate(const http::Request& request, UserInfo& user);

    AuthMode m_mode;
    std::vector<std::pair<std::string, UserInfo>> m_tokens;
};

}  // namespace meshlings::sim
