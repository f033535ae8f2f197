#include "client/status_error.hpp"

#include <nlohmann/json.hpp>

#include "common/json_access_common.hpp"

namespace meshlings::k8s {

namespace {

// client-go's reasons and texts for a status without a Status body.
std::pair<std::string, std::string> fromCode(int status) {
    switch (status) {
        case 400:
            return {"BadRequest", "the server rejected our request for an unknown reason"};
        case 401:
            return {"Unauthorized", "the server has asked for the client to provide credentials"};
        case 403:
            return {"Forbidden", "the server does not allow access to the requested resource"};
        case 404:
            return {"NotFound", "the server could not find the requested resource"};
        case 405:
            return {"MethodNotAllowed", "the server does not allow this method on the requested resource"};
        case 409:
            return {"Conflict", "the server reported a conflict"};
        case 410:
            return {"Expired", "the requested resource version is too old"};
        case 415:
            return {"UnsupportedMediaType", "the server does not support the body's media type"};
        case 422:
            return {"Invalid", "the server rejected our request due to an error in our request"};
        case 429:
            return {"TooManyRequests", "the server has received too many requests and has asked us to try again later"};
        case 500:
            return {"InternalError", "an error on the server has prevented the request from succeeding"};
        case 503:
            return {"ServiceUnavailable", "the server is currently unable to handle the request"};
        case 504:
            return {"Timeout", "the server was unable to return a response in the time allotted"};
        default:
            return {"Unknown", "the server answered with HTTP " + std::to_string(status)};
    }
}

}  // namespace

StatusError StatusError::fromReply(int status, const std::string& body, int retryAfterSeconds) {
    auto [reason, message] = fromCode(status);
    const auto document = nlohmann::json::parse(body, nullptr, false);
    if (json_access::text(document, "kind") == "Status") {
        reason = json_access::text(document, "reason", reason);
        message = json_access::text(document, "message", message);
        if (retryAfterSeconds < 0) {
            retryAfterSeconds = static_cast<int>(
                json_access::integer(json_access::object(document, "details"), "retryAfterSeconds", -1));
        }
    }
    return StatusError(status, reason, message, retryAfterSeconds);
}

}  // namespace meshlings::k8s
