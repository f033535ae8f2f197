#include "simcluster/server/ingress_server.hpp"

#include <httplib.h>

#include <algorithm>

#include "simcluster/server/product_page.hpp"

namespace meshlings::sim {

void IngressServer::install(httplib::Server& server) {
    server.Get("/stats/prometheus",
               [this](const httplib::Request&, httplib::Response& response) { metrics(response); });
    auto handler = [this](const httplib::Request& request, httplib::Response& response) { serve(request, response); };
    server.Get(".*", handler);
    server.Post(".*", handler);
}

void IngressServer::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
}

void IngressServer::metrics(httplib::Response& response) {
    std::string text;
    {
        std::lock_guard lock(m_cluster.mutex());
        m_cluster.advanceTo(m_clock());
        text = m_cluster.metrics().exposition();
    }
    response.set_content(text, "text/plain; version=0.0.4; charset=utf-8");
}

void IngressServer::serve(const httplib::Request& request, httplib::Response& response) {
    RequestAttributes attributes;
    attributes.path = request.path;
    attributes.endUser = request.get_header_value("end-user");
    PageOutcome outcome;
    std::string reviewsPod;
    {
        std::lock_guard lock(m_cluster.mutex());
        m_cluster.advanceTo(m_clock());
        outcome = m_cluster.serveRequest(attributes);
        reviewsPod = m_cluster.mesh().podName(outcome.reviewsEndpoint);
    }
    // Answer when the simulated request would have finished (a minute at most: a worker is held meanwhile).
    const double latency = std::clamp(outcome.latencyMs, 0.0, 60000.0);
    {
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::microseconds(static_cast<std::int64_t>(latency * 1000)),
                        [this] { return m_stopping; });
    }
    response.set_header("server", "istio-envoy");
    response.set_header("x-envoy-upstream-service-time", std::to_string(static_cast<std::int64_t>(latency)));
    if (outcome.status != 200) {
        response.status = outcome.status;
        response.set_content(outcome.failureBody, "text/plain");
        return;
    }
    const std::string& path = request.path;
    const std::string prefix = "/api/v1/products/";
    auto backend = [&](bool ok, const std::string& body, const char* what) {
        response.status = ok ? 200 : (outcome.backendStatus > 0 ? outcome.backendStatus : 500);
        response.set_content(ok ? body : ProductPage::errorJson(what), "application/json");
    };
    if (path == "/productpage") {
        response.set_content(ProductPage::html(outcome, reviewsPod), "text/html; charset=utf-8");
    } else if (path == "/health") {
        response.set_content("Product page is healthy", "text/html; charset=utf-8");
    } else if (path == "/api/v1/products") {
        response.set_content(ProductPage::productsJson(), "application/json");
    } else if (path.rfind(prefix, 0) == 0) {
        const std::string rest = path.substr(prefix.size());
        const std::string idText = rest.substr(0, rest.find('/'));
        const std::string tail = rest.size() > idText.size() ? rest.substr(idText.size()) : "";
        int id = 0;
        try {
            id = std::stoi(idText);
        } catch (const std::exception&) {
            response.status = 400;
            response.set_content(R"({"error": "please provide numeric product id"})", "application/json");
            return;
        }
        if (tail.empty())
            backend(outcome.detailsOk, ProductPage::detailsJson(id), "details");
        else if (tail == "/reviews")
            backend(outcome.reviewsOk, ProductPage::reviewsJson(id, outcome, reviewsPod), "reviews");
        else if (tail == "/ratings")
            backend(outcome.ratingsOk, ProductPage::ratingsJson(id), "ratings");
        else
            response.status = 404;
    } else {
        response.status = 404;
        response.set_content("Not Found", "text/plain");
    }
}

}  // namespace meshlings::sim
