#pragma once
// The answer a handler fills in: a status, headers and a whole body; or a
// body streamed in chunks by a provider that the server calls on a thread of
// the stream's own until it says done (a watch); or nothing at all, with the
// connection dropped (a fault a test injects).
#include <chrono>
#include <functional>
#include <string>

#include "simcluster/http/http_request.hpp"

namespace meshlings::sim::http {

// What a streaming provider writes through. write() returns false once the
// connection is gone or the client reads too slowly (its send buffer is
// full): the provider should stop.
struct DataSink {
    std::function<bool(const char* data, std::size_t size)> write;
    std::function<void()> done;  // the last chunk: the answer is complete
    std::function<bool()> isWritable;
};

class Response {
public:
    // Called again and again until it calls sink.done() (the stream ends
    // cleanly) or returns false (the connection is dropped mid-stream).
    using Provider = std::function<bool(DataSink& sink)>;
    using Finished = std::function<void(bool complete)>;

    int status = 200;
    Headers headers;
    std::string body;

    void setHeader(const std::string& name, const std::string& value);
    bool hasHeader(const std::string& name) const { return headers.count(name) > 0; }
    void setContent(std::string content, const std::string& type);
    void streamChunked(const std::string& type, Provider provider, Finished finished);
    // Answer nothing: the server closes the connection without a response.
    void dropConnection() { m_drop = true; }
    // Send the whole answer this long after the handler returns (the server
    // holds it; no thread waits). Ignored for a stream or a dropped answer.
    void answerAfter(std::chrono::microseconds delay) { m_delay = delay; }
    std::chrono::microseconds delay() const { return m_delay; }

    bool streaming() const { return static_cast<bool>(m_provider); }
    bool dropped() const { return m_drop; }
    Provider& provider() { return m_provider; }
    Finished& finished() { return m_finished; }

private:
    Provider m_provider;
    Finished m_finished;
    bool m_drop = false;
    std::chrono::microseconds m_delay{0};
};

}  // namespace meshlings::sim::http
