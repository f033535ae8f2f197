#pragma once
// Reads one HTTP/1.x request from the bytes a connection has received so
// far: the request line, headers and a body given by Content-Length or
// chunked transfer coding. Keeps the parsed head between calls, so bytes
// arriving in many small pieces cost linear time. Limits follow
// kube-apiserver: 1 MiB of head (MaxHeaderBytes, answered 431) and 3 MiB of
// body (MaxRequestBodyBytes, answered 413).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "simcluster/http/http_request.hpp"

namespace meshlings::sim::http {

struct ParseLimits {
    std::size_t maxHead = 1U << 20U;
    std::size_t maxBody = 3U << 20U;
};

class RequestParser {
public:
    enum class State { NeedMore, Complete, Failed };

    explicit RequestParser(ParseLimits limits = {}) : m_limits(limits) {}

    // Looks at the start of `buffer` (which only grows between calls until a
    // request is taken). Complete: request() and consumed() are set; Failed:
    // errorStatus() and error() say why (the connection should answer and close).
    State parse(std::string_view buffer);

    // The head is read, it asked "Expect: 100-continue" and its body has not all come.
    bool wantsContinue() const { return m_head.has_value() && m_expectContinue; }
    Request take();  // the complete request; resets the parser for the next one
    std::size_t consumed() const { return m_consumed; }
    int errorStatus() const { return m_errorStatus; }
    const std::string& error() const { return m_error; }

    // Percent-decoding as cpp-httplib and Go do it; `plusIsSpace` in queries.
    static std::optional<std::string> decode(std::string_view text, bool plusIsSpace);

private:
    State fail(int status, std::string message);
    State parseHead(std::string_view head);
    State parseBody(std::string_view rest);
    State parseChunked(std::string_view rest);
    bool parseTarget(const std::string& target);

    ParseLimits m_limits;
    std::optional<Request> m_head;  // once the head is read
    std::size_t m_headSize = 0;
    std::size_t m_contentLength = 0;
    bool m_chunked = false;
    bool m_expectContinue = false;
    std::size_t m_consumed = 0;
    int m_errorStatus = 0;
    std::string m_error;
};

}  // namespace meshlings::sim::http
