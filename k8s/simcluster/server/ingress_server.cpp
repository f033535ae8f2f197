#include "simcluster/server/ingress_server.hpp"

#include <algorithm>
#include <chrono>

#include "simcluster/http/http_response.hpp"
#include "simcluster/server/product_page.hpp"

namespace meshlings::sim {

void IngressServer::handle(const http::Request& request, http::Response& response) {
    if (request.method == "GET" && request.path == "/stats/prometheus") return metrics(response);
    if (request.method != "GET" && request.method != "POST" && request.method != "HEAD") {
        response.status = 405;
        response.setContent("method not allowed\n", "text/plain");
        return;
    }
    serve(request, response);
}

void IngressServer::metrics(http::Response& response) {
    std::string text;
    {
        std::lock_guard lock(m_cluster.mutex());
        m_cluster.advanceTo(m_clock());
        text = m_cluster.metrics().exposition();
    }
    response.setContent(text, "text/plain; version=0.0.4; charset=utf-8");
}

void IngressServer::serve(const http::Request& request, http::Response& response) {
    RequestAttributes attributes;
    attributes.path = request.path;
    attributes.endUser = request.header("end-user");
    PageOutcome outcome;
    std::string reviewsPod;
    {
        std::lock_guard lock(m_cluster.mutex());
        m_cluster.advanceTo(m_clock());
        outcome = m_cluster.serveRequest(attributes);
        reviewsPod = m_cluster.mesh().podName(outcome.reviewsEndpoint);
    }
    // Answered when the simulated request would have finished (a minute at most); the server holds the
    // answer, no thread waits.
    const double latency = std::clamp(outcome.latencyMs, 0.0, 60000.0);
    response.answerAfter(std::chrono::microseconds(static_cast<std::int64_t>(latency * 1000 / m_timeScale)));
    response.setHeader("server", "istio-envoy");
    response.setHeader("x-envoy-upstream-service-time", std::to_string(static_cast<std::int64_t>(latency)));
    if (outcome.status != 200) {
        response.status = outcome.status;
        response.setContent(outcome.failureBody, "text/plain");
        return;
    }
    const std::string& path = request.path;
    const std::string prefix = "/api/v1/products/";
    auto backend = [&](bool ok, const std::string& body, const char* what) {
        response.status = ok ? 200 : (outcome.backendStatus > 0 ? outcome.backendStatus : 500);
        response.setContent(ok ? body : ProductPage::errorJson(what), "application/json");
    };
    if (path == "/productpage") {
        response.setContent(ProductPage::html(outcome, reviewsPod), "text/html; charset=utf-8");
    } else if (path == "/health") {
        response.setContent("Product page is healthy", "text/html; charset=utf-8");
    } else if (path == "/api/v1/products") {
        response.setContent(ProductPage::productsJson(), "application/json");
    } else if (path.rfind(prefix, 0) == 0) {
        const std::string rest = path.substr(prefix.size());
        const std::string idText = rest.substr(0, rest.find('/'));
        const std::string tail = rest.size() > idText.size() ? rest.substr(idText.size()) : "";
        int id = 0;
        try {
            id = std::stoi(idText);
        } catch (const std::exception&) {
            response.status = 400;
            response.setContent(R"({"error": "please provide numeric product id"})", "application/json");
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
        response.setContent("Not Found", "text/plain");
    }
}

}  // namespace meshlings::sim
