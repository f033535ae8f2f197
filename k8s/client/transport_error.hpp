#pragma once
// What went wrong below HTTP: the request never got an answer with a status.
// Kept apart from API errors (an answer with a non-2xx status), as
// cpp-httplib keeps its Error enum apart from the status code.
#include <stdexcept>
#include <string>

namespace meshlings::k8s {

enum class TransportFailure {
    None,
    Resolve,      // the host name does not resolve
    Connect,      // nothing listens, or the network refuses
    Tls,          // handshake failed or the certificate is not trusted
    Proxy,        // the proxy could not be reached or refused the tunnel
    Timeout,      // no answer in time
    Interrupted,  // the connection broke mid-answer (server gone, stream cut)
    Cancelled,    // we stopped it ourselves
    Other,
};

const char* describe(TransportFailure failure);

class TransportError : public std::runtime_error {
public:
    TransportError(TransportFailure failure, const std::string& message)
        : std::runtime_error(message), m_failure(failure) {}
    TransportFailure failure() const { return m_failure; }

private:
    TransportFailure m_failure;
};

}  // namespace meshlings::k8s
