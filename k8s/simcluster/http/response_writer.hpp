#pragma once
// The bytes of an HTTP/1.1 answer: the status line and headers (with the
// framing the server decides: Content-Length, or chunked for a stream over
// HTTP/1.1), and the chunks of a stream.
#include <string>
#include <string_view>

#include "simcluster/http/http_response.hpp"

namespace meshlings::sim::http {

class ResponseWriter {
public:
    // `head`: a HEAD request (the length is announced, no body follows).
    static std::string whole(const Response& response, const Request& request, bool keepAlive);
    // The head of a streamed answer; over HTTP/1.0 the body follows unframed
    // and the connection closes after it.
    static std::string streamHead(const Response& response, const Request& request, bool keepAlive);
    static std::string chunk(std::string_view data);
    static constexpr std::string_view kLastChunk = "0\r\n\r\n";
    static const char* reason(int status);
};

}  // namespace meshlings::sim::http
