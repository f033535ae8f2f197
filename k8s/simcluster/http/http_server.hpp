#pragma once
// The built-in cluster's HTTP/1.1 server (plain or TLS): one event loop on
// epoll reads and writes every connection, a fixed pool of workers runs the
// handler, and each streamed answer (a watch) has a thread of its own. An
// idle or half-open connection costs a socket and a few bytes, never a
// thread, so a thousand of them do not keep an ordinary request waiting.
// Limits and timeouts are kube-apiserver's (secure_serving.go: header
// timeout 32 s, idle timeout 90 s, 1 MiB of headers; 3 MiB request bodies).
// cpp-httplib, which served before, holds a thread per connection for as
// long as it stays open, and listens with a backlog of 5 compiled in.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "simcluster/http/delayed_answers.hpp"
#include "simcluster/http/http_response.hpp"
#include "simcluster/http/request_parser.hpp"
#include "simcluster/http/worker_pool.hpp"

struct ssl_ctx_st;

namespace meshlings::sim::http {

class Connection;

struct ServerOptions {
    std::size_t workers = 32;
    ParseLimits limits;
    std::chrono::milliseconds headerTimeout{32000};  // from a request's first byte to its last
    std::chrono::milliseconds idleTimeout{90000};    // a kept-alive connection with nothing to do
    std::size_t maxConnections = 10000;              // then the longest idle one is closed for a new one
    // A stream with this many unsent bytes waits for its reader; a reader that
    // takes nothing for streamStallTimeout is cut (kube-apiserver also ends a
    // watcher that cannot keep up rather than buffer for it).
    std::size_t streamBufferLimit = 8U << 20U;
    std::chrono::milliseconds streamStallTimeout{10000};
    // Sets up the TLS context (certificate, client verification); empty: plain HTTP.
    std::function<bool(ssl_ctx_st&)> tls;
    // Fills in the answer to a request the server could not read (its status
    // is set; 413 for a body over the limit); empty: the message as plain text.
    std::function<void(const std::string& message, Response&)> errorAnswer;
};

class HttpServer {
public:
    using Handler = std::function<void(const Request&, Response&)>;

    HttpServer(ServerOptions options, Handler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Listens (backlog: the system's most) and returns the port; throws
    // std::runtime_error naming the address. Port 0: any free port.
    int bind(const std::string& host, int port);
    void start();  // the loop's thread; the server answers once this returns
    // Closes the listener and every connection (streams end without their
    // last chunk) and joins every thread. Idempotent.
    void stop();

    std::size_t openConnections() const { return m_openConnections.load(); }
    // Sets the soft limit of open files to the hard one (as Go's runtime does), once per process.
    static void raiseFileLimit();

private:
    using ConnectionPtr = std::shared_ptr<Connection>;
    void loop();
    void acceptAll();
    void admit(int fd, std::string remote);
    void onEvent(const ConnectionPtr& connection, std::uint32_t events);
    void service(const ConnectionPtr& connection);
    void startRequest(const ConnectionPtr& connection);
    void answer(const ConnectionPtr& connection, Request request);
    void deliver(const ConnectionPtr& connection, std::string bytes, bool keepAlive);
    void stream(const ConnectionPtr& connection, const Request& request, Response response, bool keepAlive);
    void linger(const ConnectionPtr& connection);  // after an answer to a request it could not read
    void close(const ConnectionPtr& connection);
    void watchInterest(const ConnectionPtr& connection);
    void sweep();
    bool evictIdle();
    bool streamStalled(Connection& connection, std::chrono::steady_clock::time_point now) const;
    std::size_t maxInput() const;                // bytes of input read ahead of the request being answered
    void wake(const ConnectionPtr& connection);  // any thread: the loop looks at it again
    void nudge();                                // any thread: the loop runs its turn again

    ServerOptions m_options;
    Handler m_handler;
    ssl_ctx_st* m_tls = nullptr;
    int m_listen = -1;
    int m_epoll = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_stopping{false};
    std::thread m_loop;
    std::unique_ptr<WorkerPool> m_workers;
    std::unordered_map<int, ConnectionPtr> m_connections;  // the loop's
    std::atomic<std::size_t> m_openConnections{0};
    std::mutex m_readyMutex;
    std::vector<ConnectionPtr> m_ready;
    DelayedAnswers m_delayed;
    std::mutex m_streamsMutex;
    std::condition_variable m_streamsDone;
    std::size_t m_streams = 0;
};

}  // namespace meshlings::sim::http
