#pragma once
// The built-in cluster's TLS material, made in memory at start and never
// written anywhere but the kubeconfig: an EC P-256 CA ("meshlings-ca"), a
// server certificate it signed for the listen host (plus 127.0.0.1, ::1 and
// localhost), and client certificates on demand (CN = user, O = group).
// Valid from an hour ago for a year. Owns the CA key; PEM strings go out.
#include <openssl/ssl.h>

#include <string>

#include "simcluster/server/openssl_handles.hpp"

namespace meshlings::sim {

struct PemPair {
    std::string certificate;
    std::string privateKey;  // PKCS#8
};

class TlsMaterial {
public:
    // Throws std::runtime_error naming the OpenSSL step that failed.
    explicit TlsMaterial(const std::string& listenHost);

    const std::string& caCertificate() const { return m_caPem; }
    const PemPair& server() const { return m_server; }

    // A certificate for `user` in `group`, good for client authentication only.
    PemPair issueClient(const std::string& user, const std::string& group) const;

    // Puts the server certificate and key into `context`. With `verifyClients`
    // the server asks for a client certificate signed by the CA, but does not
    // insist: the handshake goes on and the verdict is left for
    // SSL_get_verify_result, so a request without one can get a 401.
    bool configureServer(SSL_CTX& context, bool verifyClients) const;

    // Throw std::runtime_error on malformed PEM.
    static X509Ptr parseCertificate(const std::string& pem);
    static EvpPkeyPtr parsePrivateKey(const std::string& pem);

private:
    EvpPkeyPtr m_caKey;
    X509Ptr m_caCert;
    std::string m_caPem;
    PemPair m_server;
};

}  // namespace meshlings::sim
