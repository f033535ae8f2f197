#pragma once
// The probe's running totals since it was made, for the HUD and the tests:
// how many starts came due, how many began or were skipped because the
// concurrency limit was reached (the open model never queues them), how the
// finished ones read, and samples lost because nobody drained the queue.
// A snapshot by value; SampleQueue keeps the live copy under its lock.
#include <cstdint>

namespace meshlings::mesh {

struct ProbeCounters {
    std::uint64_t due = 0;       // starts the schedule asked for
    std::uint64_t started = 0;   // handed to libcurl
    std::uint64_t skipped = 0;   // due while maxConcurrency requests were in flight
    std::uint64_t finished = 0;  // samples made (cancelled requests at stop make none)
    std::uint64_t full = 0;
    std::uint64_t degraded = 0;
    std::uint64_t failed = 0;
    std::uint64_t transportErrors = 0;    // of the failed: no complete answer
    std::uint64_t dropped = 0;            // samples pushed out of a full queue, oldest first
    std::uint64_t connectionsOpened = 0;  // by finished requests; far below `finished` when connections are reused
    int inFlight = 0;
    int peakInFlight = 0;  // the most in flight at once: the connections a pool that reuses them needs at most

    bool operator==(const ProbeCounters&) const = default;
};

}  // namespace meshlings::mesh
