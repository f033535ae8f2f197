#pragma once
// A built-in cluster served on loopback ports chosen by the system, with an
// HTTP client for its API and one for its ingress; and, for a server with
// TLS or authentication, clients that speak as one of its identities or with
// whatever credentials a test hands them.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "simcluster/server/cluster_server.hpp"

namespace meshlings::sim::testing {

// The pods of the default namespace, where the fixture's Bookinfo runs.
inline constexpr const char* kPods = "/api/v1/namespaces/default/pods";

class ServerFixture {
public:
    explicit ServerFixture(ServeOptions options = defaults()) : m_server(std::move(options)) {
        m_server.start();
        m_api = std::make_unique<httplib::Client>(m_server.apiUrl());
        m_ingress = std::make_unique<httplib::Client>(m_server.ingressUrl());
        for (auto* client : {m_api.get(), m_ingress.get()}) {
            client->set_read_timeout(20, 0);
            client->set_connection_timeout(5, 0);
        }
    }

    static ServeOptions defaults() {
        ServeOptions o;
        o.seed = 5;
        o.watchHistory = 1000;
        return o;
    }

    // For a plain HTTP server without authentication.
    httplib::Client& api() { return *m_api; }
    httplib::Client& ingress() { return *m_ingress; }
    ClusterServer& server() { return m_server; }

    // A client of the API with a bearer token and/or a client certificate (each
    // optional), trusting `caPem` (empty: the server's own CA) when it is HTTPS.
    std::unique_ptr<httplib::ClientImpl> client(const std::string& token = "", const PemPair& certificate = {},
                                                const std::string& caPem = "") const {
        const auto& options = m_server.options();
        std::unique_ptr<httplib::ClientImpl> client;
        if (options.tls) {
            X509Ptr cert;
            EvpPkeyPtr key;
            if (!certificate.certificate.empty()) {
                cert = TlsMaterial::parseCertificate(certificate.certificate);
                key = TlsMaterial::parsePrivateKey(certificate.privateKey);
            }
            auto ssl = std::make_unique<httplib::SSLClient>(options.apiHost, options.apiPort, cert.get(), key.get());
            ssl->set_ca_cert_store(caStore(caPem.empty() ? m_server.tls().caCertificate() : caPem).release());
            client = std::move(ssl);
        } else {
            client = std::make_unique<httplib::ClientImpl>(options.apiHost, options.apiPort);
        }
        if (!token.empty()) client->set_default_headers({{"Authorization", "Bearer " + token}});
        client->set_read_timeout(20, 0);
        client->set_connection_timeout(5, 0);
        return client;
    }

    // A client speaking as one of the server's identities ("meshlings-admin", "meshlings-viewer").
    std::unique_ptr<httplib::ClientImpl> clientAs(const std::string& user) const {
        const Identity& identity = m_server.identity(user);
        return client(identity.token, identity.clientCertificate);
    }

    // A trust store holding one CA certificate (the SSL client takes ownership).
    static X509StorePtr caStore(const std::string& pem) {
        X509StorePtr store(X509_STORE_new());
        const X509Ptr ca = TlsMaterial::parseCertificate(pem);
        X509_STORE_add_cert(store.get(), ca.get());
        return store;
    }

    static nlohmann::json json(const httplib::Result& result) { return nlohmann::json::parse(result->body); }

private:
    ClusterServer m_server;
    std::unique_ptr<httplib::Client> m_api;
    std::unique_ptr<httplib::Client> m_ingress;
};

}  // namespace meshlings::sim::testing
