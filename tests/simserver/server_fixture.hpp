#pragma once
// A built-in cluster served on loopback ports chosen by the system, with an
// HTTP client for its API and one for its ingress.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "cluster_server.hpp"

namespace meshlings::sim::testing {

class ServerFixture {
public:
    ServerFixture() : m_server(options()) {
        m_server.start();
        m_api = std::make_unique<httplib::Client>(m_server.apiUrl());
        m_ingress = std::make_unique<httplib::Client>(m_server.ingressUrl());
        for (auto* client : {m_api.get(), m_ingress.get()}) {
            client->set_read_timeout(20, 0);
            client->set_connection_timeout(5, 0);
        }
    }

    httplib::Client& api() { return *m_api; }
    httplib::Client& ingress() { return *m_ingress; }
    ClusterServer& server() { return m_server; }

    static nlohmann::json json(const httplib::Result& result) { return nlohmann::json::parse(result->body); }

private:
    static ServeOptions options() {
        ServeOptions o;
        o.seed = 5;
        o.watchHistory = 1000;
        return o;
    }
    ClusterServer m_server;
    std::unique_ptr<httplib::Client> m_api;
    std::unique_ptr<httplib::Client> m_ingress;
};

}  // namespace meshlings::sim::testing
