#pragma once
// One reusable request slot of the probe: an easy handle set up once for
// the page (timeouts, headers, keep-alive), the body being received (cut at
// a cap) and libcurl's error text. Armed when a start is due, read into a
// ProbeSample when libcurl says it is done, then armed again: the pool of
// slots lives in the ProbeWorker, which alone touches them (probe thread).
// Not movable: libcurl holds pointers to the body and the error buffer.
#include <curl/curl.h>

#include <array>
#include <cstdint>
#include <string>

#include "mesh/curl_multi.hpp"
#include "mesh/probe_options.hpp"
#include "mesh/probe_sample.hpp"

namespace meshlings::mesh {

class ProbeRequest {
public:
    // `headers` is owned by the worker and outlives every request.
    ProbeRequest(const ProbeOptions& options, curl_slist* headers);
    ProbeRequest(const ProbeRequest&) = delete;
    ProbeRequest& operator=(const ProbeRequest&) = delete;

    // Ready for a new start: the body and error text are cleared.
    void arm(std::uint64_t sequence, ProbeSample::TimePoint scheduledAt, ProbeSample::TimePoint startedAt);
    CURL* handle() const { return m_easy.get(); }

    // The sample for a transfer libcurl finished with `result`, page classified.
    ProbeSample finish(CURLcode result);

    static TransportFault faultOf(CURLcode result);

private:
    static std::size_t receive(char* data, std::size_t size, std::size_t count, void* self);

    CurlEasy m_easy;
    std::size_t m_maxBody;
    std::string m_body;
    std::array<char, CURL_ERROR_SIZE> m_error{};
    std::uint64_t m_sequence = 0;
    ProbeSample::TimePoint m_scheduledAt{};
    ProbeSample::TimePoint m_startedAt{};
};

}  // namespace meshlings::mesh
