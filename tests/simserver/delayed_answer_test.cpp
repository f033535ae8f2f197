// Answers held for a delay (Response::answerAfter) leave when due, and no
// worker waits for them: one worker answers twenty slow requests at once.
// The ingress answers every page this way, after its simulated latency.
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "simcluster/http/http_response.hpp"
#include "simcluster/http/http_server.hpp"

using namespace meshlings::sim::http;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kDelay = std::chrono::milliseconds(500);

std::unique_ptr<HttpServer> slowServer(int& port) {
    ServerOptions options;
    options.workers = 1;
    auto server = std::make_unique<HttpServer>(std::move(options), [](const Request&, Response& response) {
        response.setContent("late\n", "text/plain");
        response.answerAfter(kDelay);
    });
    port = server->bind("127.0.0.1", 0);
    server->start();
    return server;
}

}  // namespace

TEST_CASE("delayed answers: each leaves after its delay, and one worker holds twenty at once") {
    int port = 0;
    auto server = slowServer(port);
    constexpr int kRequests = 20;
    std::atomic<int> answered{0};
    std::atomic<int> early{0};
    const auto started = Clock::now();
    std::vector<std::thread> clients;
    for (int i = 0; i < kRequests; ++i) {
        clients.emplace_back([&] {
            httplib::Client client("127.0.0.1", port);
            client.set_read_timeout(30, 0);
            const auto sent = Clock::now();
            const auto result = client.Get("/page");
            if (result && result->status == 200 && result->body == "late\n") ++answered;
            if (Clock::now() - sent < kDelay) ++early;
        });
    }
    for (auto& client : clients) client.join();
    const auto took = Clock::now() - started;
    CHECK(answered == kRequests);
    CHECK(early == 0);
    // One at a time they would take 10 s; held by the loop, all are due after about 0.5 s.
    CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("delayed answers: stopping the server with answers still held ends at once") {
    int port = 0;
    auto server = slowServer(port);
    std::thread client([port] {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(30, 0);
        (void)c.Get("/never-answered");
    });
    // The request is held once the worker has handled it; stopping drops it and closes the connection.
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (server->openConnections() == 0 && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    server->stop();
    client.join();
    CHECK(server->openConnections() == 0);
}
