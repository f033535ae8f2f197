#pragma once
// One finished request of the probe: when it was due and when it started,
// how long it took, what came back (status, or the transport failure kept
// apart from HTTP statuses, as cpp-httplib does) and how the page reads.
// Made on the probe's thread, handed over by value through the SampleQueue;
// the bridge turns each into one meshling (a world ProbeObserved command).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "mesh/page_verdict.hpp"

namespace meshlings::mesh {

// What went wrong below HTTP; None when a status line arrived and the transfer completed.
enum class TransportFault : std::uint8_t {
    None,
    Connect,      // nothing listens, or the network refuses
    Resolve,      // the host name does not resolve
    Timeout,      // no complete answer within the request timeout
    Interrupted,  // the connection broke mid-answer
    Tls,          // the TLS handshake or certificate check failed
    Other,
};

std::string_view transportFaultName(TransportFault fault);  // "", "connect", "resolve", "timeout", ...

struct ProbeSample {
    using TimePoint = std::chrono::steady_clock::time_point;

    std::uint64_t sequence = 0;  // 0, 1, 2, ... in the order the requests were started
    TimePoint scheduledAt{};     // when the open-model schedule said to start it
    TimePoint startedAt{};       // when it was handed to libcurl
    double latencyMs = 0;        // start to the last byte (or to the failure)
    int status = 0;              // HTTP status; 0 when no status line arrived
    int connectionsOpened = 0;   // new connections this request made (0: it reused a kept one)
    TransportFault fault = TransportFault::None;
    std::string transportError;  // libcurl's message; empty when fault is None
    PageVerdict verdict;
};

}  // namespace meshlings::mesh
