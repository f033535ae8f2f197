#pragma once
// An answer from the API server with a non-2xx status, decoded from its
// Kubernetes Status body when there is one ("pods "x" not found",
// "forbidden: ..."), else described from the status code alone.
#include <stdexcept>
#include <string>

namespace meshlings::k8s {

class StatusError : public std::runtime_error {
public:
    StatusError(int status, std::string reason, const std::string& message, int retryAfterSeconds = 0)
        : std::runtime_error(message), m_status(status), m_reason(std::move(reason)), m_retryAfter(retryAfterSeconds) {}

    // Builds the error from a reply: the Status body's message and reason
    // when it parses, else a text made from the code (as client-go does).
    static StatusError fromReply(int status, const std::string& body, int retryAfterSeconds);

    int status() const { return m_status; }
    const std::string& reason() const { return m_reason; }  // NotFound, Forbidden, Conflict, ...
    int retryAfterSeconds() const { return m_retryAfter; }
    bool notFound() const { return m_status == 404; }
    bool conflict() const { return m_status == 409; }
    bool expired() const { return m_status == 410; }

private:
    int m_status;
    std::string m_reason;
    int m_retryAfter;
};

// The body could not be understood (malformed or truncated JSON, wrong shape).
class DecodeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace meshlings::k8s
