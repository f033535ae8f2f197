#pragma once
// The HTTP side of fault injection: the /meshlings/faults endpoint (GET
// lists the rules in force, POST adds a JSON list of rules, DELETE clears
// them) and the replies a matching rule makes in place of, or on top of,
// the real answer. The API server calls it; the rules live in FaultInjector.
#include "simcluster/server/fault_injector.hpp"

namespace meshlings::sim::http {
struct Request;
class Response;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

class FaultEndpoint {
public:
    static constexpr const char* kPath = "/meshlings/faults";

    static bool handles(const std::string& path) { return path == kPath; }
    // Throws ApiError (400 for a malformed rule list, 405 for another method).
    static void serve(FaultInjector& faults, const http::Request& request, http::Response& response);

    // Waits for the rule's delay; then, when the rule replaces the answer
    // (status, malformedBody), writes it and returns true. A dropAnswer rule
    // only marks the response, for truncate().
    static bool answer(const FaultRule& rule, http::Response& response);
    // Cuts a finished answer's body in half (streamed answers are left alone);
    // a response answer() marked for dropAnswer is lost instead: the
    // connection closes without a byte of it.
    static void truncate(http::Response& response);
};

}  // namespace meshlings::sim
