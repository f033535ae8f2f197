#include "simcluster/http/connection.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

namespace meshlings::sim::http {

namespace {

constexpr std::size_t kReadChunk = 64 * 1024;

}  // namespace

Connection::Connection(int fd, ssl_ctx_st* tls, std::string remoteAddress, ParseLimits limits)
    : m_fd(fd), m_remote(std::move(remoteAddress)), m_parser(limits) {
    if (tls == nullptr) {
        m_handshakeDone = true;
        return;
    }
    m_ssl = SSL_new(tls);
    if (m_ssl == nullptr || SSL_set_fd(m_ssl, fd) != 1) return;  // handshake() then fails
    SSL_set_accept_state(m_ssl);
    SSL_set_mode(m_ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
}

Connection::~Connection() {
    if (m_peer != nullptr) X509_free(m_peer);
    if (m_ssl != nullptr) SSL_free(m_ssl);
    ::close(m_fd);
}

Connection::Io Connection::sslError(int result, bool writing) {
    const int error = SSL_get_error(m_ssl, result);
    ERR_clear_error();
    if (error == SSL_ERROR_WANT_READ) {
        m_sslWantsWrite = false;
        return Io::WouldBlock;
    }
    if (error == SSL_ERROR_WANT_WRITE) {
        m_sslWantsWrite = true;
        return Io::WouldBlock;
    }
    (void)writing;
    return Io::Closed;  // the peer closed, reset, or spoke something that is not TLS
}

Connection::Io Connection::handshake() {
    if (m_handshakeDone) return Io::Done;
    if (m_ssl == nullptr) return Io::Closed;
    ERR_clear_error();
    const int result = SSL_do_handshake(m_ssl);
    if (result != 1) return sslError(result, false);
    m_handshakeDone = true;
    m_sslWantsWrite = false;
    m_peer = SSL_get1_peer_certificate(m_ssl);
    m_verifyResult = SSL_get_verify_result(m_ssl);
    return Io::Done;
}

Connection::Io Connection::receive(std::size_t maxBuffered) {
    char buffer[kReadChunk];
    while (m_in.size() < maxBuffered) {
        if (m_ssl != nullptr) {
            ERR_clear_error();
            const int got = SSL_read(m_ssl, buffer, static_cast<int>(sizeof buffer));
            if (got <= 0) return sslError(got, false);
            m_in.append(buffer, static_cast<std::size_t>(got));
        } else {
            const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (got == 0) return Io::Closed;
            if (got < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? Io::WouldBlock : Io::Closed;
            m_in.append(buffer, static_cast<std::size_t>(got));
        }
        lastActivity = Clock::now();
    }
    return Io::Done;
}

Connection::Io Connection::flush() {
    std::lock_guard lock(m_mutex);
    std::size_t sent = m_outSent;
    Io outcome = Io::Done;
    while (sent < m_out.size()) {
        const std::size_t left = std::min<std::size_t>(m_out.size() - sent, INT_MAX);
        if (m_ssl != nullptr) {
            ERR_clear_error();
            const int wrote = SSL_write(m_ssl, m_out.data() + sent, static_cast<int>(left));
            if (wrote <= 0) {
                outcome = sslError(wrote, true);
                break;
            }
            m_sslWantsWrite = false;
            sent += static_cast<std::size_t>(wrote);
        } else {
            const ssize_t wrote = ::send(m_fd, m_out.data() + sent, left, MSG_NOSIGNAL);
            if (wrote < 0) {
                outcome = errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? Io::WouldBlock : Io::Closed;
                break;
            }
            sent += static_cast<std::size_t>(wrote);
        }
    }
    if (sent > m_outSent) {
        lastActivity = Clock::now();
        m_drained.notify_all();
    }
    // Erasing what was sent after every write moved the rest of a 9 MB list
    // each time; the buffer is emptied when all is sent, or compacted when
    // most of it is.
    if (sent == m_out.size()) {
        m_out.clear();
        m_outSent = 0;
    } else if (sent > (1U << 20U) && sent > m_out.size() / 2) {
        m_out.erase(0, sent);
        m_outSent = 0;
    } else {
        m_outSent = sent;
    }
    return outcome;
}

bool Connection::wantsWrite() {
    std::lock_guard lock(m_mutex);
    return !m_out.empty() || m_sslWantsWrite;
}

void Connection::shutdownWrite() {
    ::shutdown(m_fd, SHUT_WR);
}

void Connection::shutdownSocket() {
    ::shutdown(m_fd, SHUT_RDWR);
}

}  // namespace meshlings::sim::http
