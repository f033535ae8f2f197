#include "simcluster/http/http_server.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <stdexcept>

#include "simcluster/http/connection.hpp"
#include "simcluster/http/response_writer.hpp"

namespace meshlings::sim::http {

namespace {

constexpr int kMaxEvents = 256;
constexpr int kAcceptsPerTurn = 256;
constexpr int kLoopTickMs = 250;  // the longest the loop sleeps: timeouts are checked once a second
constexpr auto kLinger = std::chrono::seconds(2);

std::string peerName(const sockaddr_storage& address) {
    char text[INET6_ADDRSTRLEN] = "";
    if (address.ss_family == AF_INET) {
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text, sizeof text);
    } else if (address.ss_family == AF_INET6) {
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text, sizeof text);
    }
    return text;
}

}  // namespace

HttpServer::HttpServer(ServerOptions options, Handler handler)
    : m_options(std::move(options)), m_handler(std::move(handler)) {
    if (m_options.tls) {
        m_tls = SSL_CTX_new(TLS_server_method());
        if (m_tls == nullptr || !m_options.tls(*m_tls)) {
            if (m_tls != nullptr) SSL_CTX_free(m_tls);
            throw std::runtime_error("cannot set up TLS for the server");
        }
    }
}

HttpServer::~HttpServer() {
    stop();
    if (m_listen >= 0) ::close(m_listen);
    if (m_tls != nullptr) SSL_CTX_free(m_tls);
}

void HttpServer::raiseFileLimit() {
    static std::once_flag once;
    std::call_once(once, [] {
        rlimit limit{};
        if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
            limit.rlim_cur = limit.rlim_max;
            setrlimit(RLIMIT_NOFILE, &limit);
        }
    });
}

int HttpServer::bind(const std::string& host, int port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string where = host + ":" + std::to_string(port);
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || found == nullptr) {
        throw std::runtime_error("cannot resolve the address " + where);
    }
    for (const addrinfo* candidate = found; candidate != nullptr && m_listen < 0; candidate = candidate->ai_next) {
        const int fd = ::socket(candidate->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) continue;
        const int yes = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        // SOMAXCONN: the kernel clamps it to net.core.somaxconn, as Go's listeners ask.
        if (::bind(fd, candidate->ai_addr, candidate->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) {
            m_listen = fd;
        } else {
            ::close(fd);
        }
    }
    freeaddrinfo(found);
    if (m_listen < 0) throw std::runtime_error("cannot listen on " + where);
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    getsockname(m_listen, reinterpret_cast<sockaddr*>(&bound), &length);
    return ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6&>(bound).sin6_port
                                             : reinterpret_cast<sockaddr_in&>(bound).sin_port);
}

void HttpServer::start() {
    if (m_listen < 0) throw std::logic_error("HttpServer::start before bind");
    // A write to a socket the peer closed must fail, not kill the process
    // (OpenSSL writes with write(2), which cannot ask for MSG_NOSIGNAL).
    std::signal(SIGPIPE, SIG_IGN);
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur > 256) {
        m_options.maxConnections = std::min<std::size_t>(m_options.maxConnections, limit.rlim_cur - 128);
    }
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_epoll < 0 || m_wakeFd < 0) throw std::runtime_error("cannot set up the server's event loop");
    for (const int fd : {m_listen, m_wakeFd}) {
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = fd;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
    }
    m_workers = std::make_unique<WorkerPool>(m_options.workers);
    m_loop = std::thread([this] { loop(); });
}

void HttpServer::stop() {
    if (m_stopping.exchange(true)) return;
    if (m_loop.joinable()) {
        nudge();
        m_loop.join();
    }
    if (m_workers) m_workers->stop();
    m_delayed.clear();
    {
        std::unique_lock lock(m_streamsMutex);
        m_streamsDone.wait(lock, [this] { return m_streams == 0; });
    }
    {
        std::lock_guard lock(m_readyMutex);
        m_ready.clear();
    }
    m_connections.clear();
    if (m_listen >= 0) ::close(m_listen);
    m_listen = -1;
    if (m_epoll >= 0) ::close(m_epoll);
    if (m_wakeFd >= 0) ::close(m_wakeFd);
    m_epoll = m_wakeFd = -1;
}

void HttpServer::loop() {
    std::array<epoll_event, kMaxEvents> events{};
    auto lastSweep = std::chrono::steady_clock::now();
    while (!m_stopping) {
        const int timeout = m_delayed.waitMs(std::chrono::steady_clock::now(), kLoopTickMs);
        const int count = epoll_wait(m_epoll, events.data(), kMaxEvents, timeout);
        for (int i = 0; i < count; ++i) {
            const int fd = events[static_cast<std::size_t>(i)].data.fd;
            if (fd == m_listen) {
                acceptAll();
            } else if (fd == m_wakeFd) {
                std::uint64_t value = 0;
                [[maybe_unused]] const auto got = ::read(m_wakeFd, &value, sizeof value);
            } else if (const auto found = m_connections.find(fd); found != m_connections.end()) {
                const ConnectionPtr connection = found->second;
                onEvent(connection, events[static_cast<std::size_t>(i)].events);
            }
        }
        for (auto& due : m_delayed.takeDue(std::chrono::steady_clock::now())) {
            deliver(due.connection, std::move(due.bytes), due.keepAlive);
        }
        std::vector<ConnectionPtr> ready;
        {
            std::lock_guard lock(m_readyMutex);
            ready.swap(m_ready);
        }
        for (const auto& connection : ready) {
            const auto found = m_connections.find(connection->fd());
            if (found != m_connections.end() && found->second == connection) service(connection);
        }
        if (std::chrono::steady_clock::now() - lastSweep >= std::chrono::seconds(1)) {
            sweep();
            lastSweep = std::chrono::steady_clock::now();
        }
    }
    std::vector<ConnectionPtr> open;
    for (const auto& [fd, connection] : m_connections) open.push_back(connection);
    for (const auto& connection : open) close(connection);
}

void HttpServer::acceptAll() {
    for (int i = 0; i < kAcceptsPerTurn; ++i) {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        const int fd = accept4(m_listen, reinterpret_cast<sockaddr*>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE) evictIdle();
            return;
        }
        if (m_connections.size() >= m_options.maxConnections && !evictIdle()) {
            ::close(fd);  // every connection is busy: refuse this one
            continue;
        }
        const int yes = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        admit(fd, peerName(address));
    }
}

void HttpServer::admit(int fd, std::string remote) {
    auto connection = std::make_shared<Connection>(fd, m_tls, std::move(remote), m_options.limits);
    m_connections[fd] = connection;
    ++m_openConnections;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = fd;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
}

void HttpServer::onEvent(const ConnectionPtr& connection, std::uint32_t events) {
    if ((events & (EPOLLERR | EPOLLHUP)) != 0U) return close(connection);  // reset: nothing more can pass
    if (!connection->handshakeDone()) {
        const auto outcome = connection->handshake();
        if (outcome == Connection::Io::Closed) return close(connection);
        if (outcome == Connection::Io::WouldBlock) return watchInterest(connection);
    }
    service(connection);
}

void HttpServer::service(const ConnectionPtr& connection) {
    if (!connection->handshakeDone()) return;
    if (!connection->peerClosed && connection->receive(maxInput()) == Connection::Io::Closed) {
        connection->peerClosed = true;
    }
    if (connection->flush() == Connection::Io::Closed) return close(connection);
    if (connection->lingering) return linger(connection);
    bool idle = false;
    bool done = false;
    {
        std::lock_guard lock(connection->mutex());
        const bool finished = connection->closeAfterFlush && connection->output().empty();
        const bool abandoned = connection->streaming && connection->peerClosed;
        done = connection->closed || finished || abandoned;
        idle = !connection->busy && !connection->closeAfterFlush;
    }
    if (done) return close(connection);
    if (idle) startRequest(connection);
    if (m_connections.count(connection->fd()) != 0) watchInterest(connection);
}

void HttpServer::startRequest(const ConnectionPtr& connection) {
    std::string& input = connection->input();
    if (input.empty()) {
        // A client that half-closed after its request still gets the answer.
        if (!connection->peerClosed) return;
        if (!connection->wantsWrite()) return close(connection);
        std::lock_guard lock(connection->mutex());
        connection->closeAfterFlush = true;
        return;
    }
    if (connection->requestStarted == Connection::Clock::time_point{}) {
        connection->requestStarted = Connection::Clock::now();
    }
    RequestParser& parser = connection->parser();
    switch (parser.parse(input)) {
        case RequestParser::State::NeedMore:
            if (parser.wantsContinue() && !connection->continueSent) {
                connection->continueSent = true;
                std::lock_guard lock(connection->mutex());
                connection->output() += "HTTP/1.1 100 Continue\r\n\r\n";
            }
            if (connection->peerClosed) close(connection);
            return;
        case RequestParser::State::Failed: {
            Response response;
            response.status = parser.errorStatus();
            if (m_options.errorAnswer) {
                m_options.errorAnswer(parser.error(), response);
            } else {
                response.setContent(parser.error() + "\n", "text/plain; charset=utf-8");
            }
            Request unread;
            unread.version = "HTTP/1.1";
            {
                std::lock_guard lock(connection->mutex());
                connection->output() += ResponseWriter::whole(response, unread, false);
            }
            input.clear();
            connection->lingering = true;
            connection->flush();
            return linger(connection);
        }
        case RequestParser::State::Complete:
            break;
    }
    const std::size_t used = parser.consumed();
    Request request = parser.take();
    input.erase(0, used);
    connection->requestStarted = {};
    connection->continueSent = false;
    request.remoteAddress = connection->remoteAddress();
    request.peerCertificate = connection->peerCertificate();
    request.peerVerifyResult = connection->peerVerifyResult();
    {
        std::lock_guard lock(connection->mutex());
        connection->busy = true;
    }
    m_workers->post(
        [this, connection, request = std::move(request)]() mutable { answer(connection, std::move(request)); });
}

void HttpServer::answer(const ConnectionPtr& connection, Request request) {
    Response response;
    try {
        m_handler(request, response);
    } catch (const std::exception& e) {
        response = Response();
        response.status = 500;
        response.setContent(std::string("internal error: ") + e.what() + "\n", "text/plain; charset=utf-8");
    }
    if (response.dropped()) {
        {
            std::lock_guard lock(connection->mutex());
            connection->closed = true;
        }
        return wake(connection);
    }
    const bool keepAlive = request.keepAlive() && !m_stopping;
    if (response.streaming()) return stream(connection, request, std::move(response), keepAlive);
    std::string bytes = ResponseWriter::whole(response, request, keepAlive);
    const auto delay = response.delay();
    response = Response();  // the body is copied into bytes: let it go before the answer leaves
    if (delay.count() > 0 && !m_stopping) {
        m_delayed.add(std::chrono::steady_clock::now() + delay, {connection, std::move(bytes), keepAlive});
        return nudge();  // the loop's sleep may end sooner now
    }
    deliver(connection, std::move(bytes), keepAlive);
}

void HttpServer::deliver(const ConnectionPtr& connection, std::string bytes, bool keepAlive) {
    {
        std::lock_guard lock(connection->mutex());
        if (connection->output().empty()) {
            connection->output() = std::move(bytes);
        } else {
            connection->output() += bytes;
        }
        connection->busy = false;
        connection->closeAfterFlush = connection->closeAfterFlush || !keepAlive;
    }
    wake(connection);
}

void HttpServer::stream(const ConnectionPtr& connection, const Request& request, Response response, bool keepAlive) {
    const bool chunked = request.version != "HTTP/1.0";
    {
        std::lock_guard lock(connection->mutex());
        connection->streaming = true;
        connection->output() += ResponseWriter::streamHead(response, request, keepAlive);
    }
    wake(connection);
    {
        std::lock_guard lock(m_streamsMutex);
        ++m_streams;
    }
    std::thread([this, connection, response = std::move(response), chunked, keepAlive]() mutable {
        bool done = false;
        DataSink sink;
        sink.isWritable = [&connection] {
            std::lock_guard lock(connection->mutex());
            return !connection->closed;
        };
        sink.done = [&done] { done = true; };
        sink.write = [this, &connection, chunked](const char* data, std::size_t size) {
            bool open = false;
            {
                std::unique_lock lock(connection->mutex());
                const auto over = [&] { return connection->unsentBytes() > m_options.streamBufferLimit; };
                const auto deadline = std::chrono::steady_clock::now() + m_options.streamStallTimeout;
                while (over() && !connection->closed && !m_stopping && std::chrono::steady_clock::now() < deadline) {
                    connection->drained().wait_for(lock, std::chrono::milliseconds(100));
                }
                if (over()) connection->closed = true;  // a reader this slow is cut, not buffered for ever
                if (!connection->closed && size > 0) {
                    connection->output() += chunked ? ResponseWriter::chunk({data, size}) : std::string(data, size);
                }
                open = !connection->closed;
            }
            wake(connection);
            return open;
        };
        bool complete = false;
        while (!m_stopping && sink.isWritable()) {
            if (!response.provider()(sink)) break;
            if (done) {
                complete = true;
                break;
            }
        }
        {
            std::lock_guard lock(connection->mutex());
            connection->streaming = false;
            if (complete && !connection->closed) {
                if (chunked) connection->output() += ResponseWriter::kLastChunk;
                connection->busy = false;
                connection->closeAfterFlush = connection->closeAfterFlush || !keepAlive || !chunked;
            } else {
                connection->closed = true;
            }
        }
        wake(connection);
        if (response.finished()) response.finished()(complete);
        response = Response();  // the provider's captures go before the server may
        std::lock_guard lock(m_streamsMutex);
        --m_streams;
        m_streamsDone.notify_all();
    }).detach();
}

void HttpServer::linger(const ConnectionPtr& connection) {
    connection->input().clear();
    if (connection->peerClosed) return close(connection);
    if (connection->lingerSince == Connection::Clock::time_point{} && !connection->wantsWrite()) {
        connection->shutdownWrite();
        connection->lingerSince = Connection::Clock::now();
    }
    watchInterest(connection);
}

std::size_t HttpServer::maxInput() const {
    return m_options.limits.maxHead + m_options.limits.maxBody + 64 * 1024;  // one whole request and a little
}

void HttpServer::wake(const ConnectionPtr& connection) {
    {
        std::lock_guard lock(m_readyMutex);
        m_ready.push_back(connection);
    }
    nudge();
}

void HttpServer::nudge() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto wrote = ::write(m_wakeFd, &one, sizeof one);
}

void HttpServer::watchInterest(const ConnectionPtr& connection) {
    epoll_event event{};
    if (!connection->peerClosed && connection->input().size() < maxInput()) event.events |= EPOLLIN;
    if (connection->wantsWrite()) event.events |= EPOLLOUT;
    event.data.fd = connection->fd();
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, connection->fd(), &event);
}

void HttpServer::close(const ConnectionPtr& connection) {
    const auto found = m_connections.find(connection->fd());
    if (found == m_connections.end() || found->second != connection) return;
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, connection->fd(), nullptr);
    {
        std::lock_guard lock(connection->mutex());
        connection->closed = true;
    }
    connection->shutdownSocket();
    m_connections.erase(found);
    --m_openConnections;
}

bool HttpServer::evictIdle() {
    ConnectionPtr oldest;
    for (const auto& [fd, connection] : m_connections) {
        std::lock_guard lock(connection->mutex());
        if (connection->busy || connection->streaming || !connection->output().empty()) continue;
        if (!oldest || connection->lastActivity < oldest->lastActivity) oldest = connection;
    }
    if (oldest) close(oldest);
    return static_cast<bool>(oldest);
}

bool HttpServer::streamStalled(Connection& connection, Connection::Clock::time_point now) const {
    std::lock_guard lock(connection.mutex());
    return connection.streaming && !connection.output().empty() &&
           now - connection.lastActivity > m_options.streamStallTimeout;
}

void HttpServer::sweep() {
    const auto now = Connection::Clock::now();
    std::vector<ConnectionPtr> expired;
    for (const auto& [fd, connection] : m_connections) {
        bool busy = false;
        bool sending = false;
        {
            std::lock_guard lock(connection->mutex());
            busy = connection->busy || connection->streaming;
            sending = !connection->output().empty();
        }
        if (busy) {
            // A stream whose reader has taken nothing for a while, when nothing new is written to it either.
            if (streamStalled(*connection, now)) expired.push_back(connection);
            continue;
        }
        const bool lingered = connection->lingering && connection->lingerSince != Connection::Clock::time_point{} &&
                              now - connection->lingerSince > kLinger;
        const bool handshakeLate = !connection->handshakeDone() && now - connection->opened > m_options.headerTimeout;
        const bool requestLate = connection->requestStarted != Connection::Clock::time_point{} &&
                                 now - connection->requestStarted > m_options.headerTimeout;
        const bool idle = connection->input().empty() && now - connection->lastActivity > m_options.idleTimeout;
        if (lingered || handshakeLate || requestLate || (idle && !sending) ||
            (sending && now - connection->lastActivity > m_options.idleTimeout)) {
            expired.push_back(connection);
        }
    }
    for (const auto& connection : expired) close(connection);
}

}  // namespace meshlings::sim::http
