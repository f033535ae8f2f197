#pragma once
// The built-in cluster served in-process on loopback ports chosen by the
// system, the way the game finds it: its ingress URL for the probe, plus a
// plain HTTP client of its API to turn the knobs (the `meshlings.dev/`
// annotations on a Deployment) and one of its ingress to wait until the
// mesh shows a change. Tests only: the probe itself never sees this.
#include <httplib.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "simcluster/server/cluster_server.hpp"

namespace meshlings::mesh::testing {

class MeshClusterFixture {
public:
    MeshClusterFixture() : m_server(options()) {
        m_server.start();
        m_api = std::make_unique<httplib::Client>(m_server.apiUrl());
        m_ingress = std::make_unique<httplib::Client>(m_server.ingressUrl());
        for (auto* client : {m_api.get(), m_ingress.get()}) {
            client->set_read_timeout(20, 0);
            client->set_connection_timeout(5, 0);
        }
    }

    static sim::ServeOptions options() {
        sim::ServeOptions o;
        o.seed = 11;
        o.watchHistory = 1000;
        return o;
    }

    std::string ingressUrl() const { return m_server.ingressUrl(); }
    httplib::Client& ingress() { return *m_ingress; }

    // Sets one annotation on a Deployment of the default namespace; true when the API took it.
    bool annotate(const std::string& deployment, const std::string& key, const std::string& value) {
        const std::string body = R"({"metadata":{"annotations":{")" + key + R"(":")" + value + R"("}}})";
        const auto result = m_api->Patch("/apis/apps/v1/namespaces/default/deployments/" + deployment, body,
                                         "application/merge-patch+json");
        return result && result->status == 200;
    }

    // Loads the page until `done` holds for it (true) or `limit` passes (false).
    bool awaitPage(const std::function<bool(const httplib::Result&)>& done,
                   std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
        const auto end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            if (done(m_ingress->Get("/productpage"))) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }

private:
    sim::ClusterServer m_server;
    std::unique_ptr<httplib::Client> m_api;
    std::unique_ptr<httplib::Client> m_ingress;
};

}  // namespace meshlings::mesh::testing
