#pragma once
// One injected fault of the built-in API server, for tests of client
// robustness: which requests it matches (method, a path substring), how many
// of them it spoils, and what it does to each: answer with an error Status,
// answer with a body that is not JSON, cut the real answer in half, wait
// first, or cut a watch after N events. Read from and written as JSON:
//   {"method":"GET","path":"/pods","times":2,"status":429,"retryAfterSeconds":3}
//   {"malformedBody":true} {"truncatedBody":true} {"delayMs":1500} {"closeWatchAfterEvents":2}
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::sim {

struct FaultRule {
    std::string method;  // empty: any method
    std::string path;    // a substring of the request path; empty: any path
    int times = 1;       // matching requests it applies to; -1: until cleared

    // The action: one of status, malformedBody, truncatedBody, dropAnswer and
    // closeWatchAfterEvents; delayMs alone, or before one of them.
    int status = 0;              // reply with this code and a Kubernetes Status
    int retryAfterSeconds = -1;  // Retry-After header and details.retryAfterSeconds (429: 1 unless given)
    std::string message;         // the Status message; empty: the usual wording for the code
    bool malformedBody = false;  // 200 with a body that is not JSON
    bool truncatedBody = false;  // the real answer (status and headers kept) with its body cut in half
    // The request is applied as usual, then its answer is lost: the connection closes before the body
    // (the status line and headers may have gone out: the HTTP layer's hook, FaultEndpoint::truncate,
    // runs after they are composed; see FaultInjector::take). Never a watch.
    bool dropAnswer = false;
    int delayMs = 0;                 // wait, then answer (normally, or as the other action says)
    int closeWatchAfterEvents = -1;  // a watch's connection drops after this many events, without a clean end

    // Throws ApiError 400 naming the field that is wrong.
    static FaultRule fromJson(const nlohmann::json& json);
    nlohmann::json toJson() const;

    // Only watches match a closeWatchAfterEvents rule; watches never match a truncatedBody or dropAnswer one.
    bool matches(const std::string& requestMethod, const std::string& requestPath, bool watch) const;

    // The Status body of a `status` rule, with the reason Kubernetes gives that code.
    nlohmann::json statusBody() const;
    int effectiveRetryAfter() const { return retryAfterSeconds >= 0 ? retryAfterSeconds : (status == 429 ? 1 : -1); }
    // "TooManyRequests" for 429 ...; empty for a code no rule may use.
    static std::string reasonFor(int code);
};

}  // namespace meshlings::sim
