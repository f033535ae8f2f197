#pragma once
// One accepted connection of the HTTP server: its socket (and TLS session),
// the bytes received and not yet parsed (the event loop's alone), and the
// bytes to send, which handlers and streams append from their own threads
// under the connection's lock while the loop writes them out. The socket is
// closed only when the last owner lets go, so its number is never reused
// while a handler still holds the connection.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "simcluster/http/request_parser.hpp"

struct ssl_st;
struct ssl_ctx_st;
struct x509_st;

namespace meshlings::sim::http {

class Connection {
public:
    using Clock = std::chrono::steady_clock;
    enum class Io { Done, WouldBlock, Closed };

    // `tls`: null for plain HTTP; else the server's context (verifies clients as it is set up to).
    Connection(int fd, ssl_ctx_st* tls, std::string remoteAddress, ParseLimits limits);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    int fd() const { return m_fd; }
    const std::string& remoteAddress() const { return m_remote; }

    // --- the event loop's thread only ---
    Io handshake();  // Done once TLS is up (at once over plain HTTP)
    bool handshakeDone() const { return m_handshakeDone; }
    Io receive(std::size_t maxBuffered);  // reads into input() until the socket would block
    Io flush();                           // writes what is queued until done or the socket would block
    bool wantsWrite();                    // bytes queued, or TLS waits to write
    std::string& input() { return m_in; }
    RequestParser& parser() { return m_parser; }
    const x509_st* peerCertificate() const { return m_peer; }
    long peerVerifyResult() const { return m_verifyResult; }
    void shutdownSocket();  // both directions: a stream writing to it fails at once
    void shutdownWrite();   // our side is done; the peer may still send

    // Loop-only bookkeeping.
    Clock::time_point opened = Clock::now();
    Clock::time_point lastActivity = Clock::now();
    Clock::time_point requestStarted{};  // first byte of a request not yet complete
    bool peerClosed = false;
    bool continueSent = false;
    // After answering a request it could not read, the server reads and drops
    // what the client still sends (for a short while) so the client, still
    // sending its body, gets the answer instead of a reset.
    bool lingering = false;
    Clock::time_point lingerSince{};

    // --- any thread, under the lock ---
    std::mutex& mutex() { return m_mutex; }
    // Notified each time the loop sends some of output(): a stream over its
    // buffer limit waits on it (with the lock) before it writes more.
    std::condition_variable& drained() { return m_drained; }
    std::string& output() { return m_out; }  // lock held; its first sentOffset() bytes are sent
    std::size_t unsentBytes() const { return m_out.size() - m_outSent; }  // lock held
    bool busy = false;                                                    // a request is being answered (lock held)
    bool streaming = false;                                               // that answer is a stream (lock held)
    bool closeAfterFlush = false;                                         // close once output() is sent (lock held)
    bool closed = false;  // the loop closed it, or it is to be closed (lock held)

private:
    Io sslError(int result, bool writing);

    int m_fd;
    ssl_st* m_ssl = nullptr;
    x509_st* m_peer = nullptr;
    long m_verifyResult = 0;
    bool m_handshakeDone = false;
    bool m_sslWantsWrite = false;
    std::string m_remote;
    std::string m_in;
    RequestParser m_parser;
    std::mutex m_mutex;
    std::condition_variable m_drained;
    std::string m_out;
    std::size_t m_outSent = 0;  // bytes of m_out already written: compacted now and then, not per write
};

}  // namespace meshlings::sim::http
