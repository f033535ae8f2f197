#include "simcluster/server/authenticator.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cctype>
#include <stdexcept>

#include "simcluster/http/http_response.hpp"

namespace meshlings::sim {

namespace {

// The bearer token of "Authorization: Bearer <token>", as the real server
// reads it; empty when the header carries none.
std::string bearerToken(const http::Request& request) {
    std::string header = request.header("Authorization");
    const auto first = header.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    header = header.substr(first, header.find_last_not_of(" \t") - first + 1);
    const auto space = header.find(' ');
    if (space == std::string::npos) return "";
    std::string scheme = header.substr(0, space);
    for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (scheme != "bearer") return "";
    const std::string rest = header.substr(space + 1);
    return rest.substr(0, rest.find(' '));
}

std::vector<std::string> nameEntries(const X509_NAME* name, int nid) {
    std::vector<std::string> values;
    for (int at = X509_NAME_get_index_by_NID(name, nid, -1); at >= 0; at = X509_NAME_get_index_by_NID(name, nid, at)) {
        const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, at));
        unsigned char* utf8 = nullptr;
        const int length = ASN1_STRING_to_UTF8(&utf8, data);
        if (length >= 0) values.emplace_back(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
        OPENSSL_free(utf8);
    }
    return values;
}

}  // namespace

UserInfo Authenticator::authenticate(const http::Request& request, bool allowAnonymous) const {
    if (m_mode == AuthMode::None) return UserInfo::admin();
    UserInfo user;
    const Outcome outcome = m_mode == AuthMode::Token ? byToken(request, user) : byCertificate(request, user);
    if (outcome == Outcome::Accepted) return user;
    if (outcome == Outcome::Absent && allowAnonymous) return UserInfo::anonymousUser();
    throw unauthorized();
}

Authenticator::Outcome Authenticator::byToken(const http::Request& request, UserInfo& user) const {
    const std::string token = bearerToken(request);
    if (token.empty()) return Outcome::Absent;
    // Every known token is compared, each in constant time, so the time taken
    // tells nothing about which one came close.
    const UserInfo* match = nullptr;
    for (const auto& [known, owner] : m_tokens) {
        const bool same = known.size() == token.size() && CRYPTO_memcmp(known.data(), token.data(), token.size()) == 0;
        if (same) match = &owner;
    }
    if (match == nullptr) return Outcome::Rejected;
    user = *match;
    return Outcome::Accepted;
}

Authenticator::Outcome Authenticator::byCertificate(const http::Request& request, UserInfo& user) {
    const X509* certificate = request.peerCertificate;
    if (certificate == nullptr) return Outcome::Absent;
    if (request.peerVerifyResult != X509_V_OK) return Outcome::Rejected;
    const X509_NAME* subject = X509_get_subject_name(certificate);
    const auto names = nameEntries(subject, NID_commonName);
    if (names.size() != 1 || names.front().empty()) return Outcome::Rejected;
    user = UserInfo::authenticated(names.front(), nameEntries(subject, NID_organizationName));
    return Outcome::Accepted;
}

std::string Authenticator::newToken() {
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("cannot draw random bytes for a token");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string token;
    for (const unsigned char byte : bytes) {
        token += kHex[byte >> 4U];
        token += kHex[byte & 0xFU];
    }
    OPENSSL_cleanse(bytes, sizeof bytes);
    return token;
}

const char* Authenticator::name(AuthMode mode) {
    switch (mode) {
        case AuthMode::Token:
            return "token";
        case AuthMode::Cert:
            return "cert";
        case AuthMode::None:
            break;
    }
    return "none";
}

AuthMode Authenticator::parse(const std::string& text) {
    if (text == "none") return AuthMode::None;
    if (text == "token") return AuthMode::Token;
    if (text == "cert") return AuthMode::Cert;
    throw std::invalid_argument("unknown authentication mode \"" + text + "\" (none, token or cert)");
}

}  // namespace meshlings::sim
