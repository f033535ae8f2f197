#include "simcluster/server/fault_rule.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "simcluster/api_error.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

struct Wording {
    const char* reason;
    const char* message;
};

const std::map<int, Wording>& wordings() {
    static const std::map<int, Wording> table{
        {400, {"BadRequest", "the server rejected our request for an unknown reason (injected fault)"}},
        {401, {"Unauthorized", "Unauthorized"}},
        {403, {"Forbidden", "forbidden: injected fault"}},
        {404, {"NotFound", "the server could not find the requested resource"}},
        {405, {"MethodNotAllowed", "the server does not allow this method on the requested resource"}},
        {409,
         {"Conflict",
          "Operation cannot be fulfilled: the object has been modified; please apply your changes to the "
          "latest version and try again"}},
        {410, {"Expired", "too old resource version"}},
        {415, {"UnsupportedMediaType", "the body of the request was in an unknown format"}},
        {422, {"Invalid", "the server rejected our request due to an error in our request"}},
        {429, {"TooManyRequests", "Too many requests, please try again later."}},
        {500, {"InternalError", "Internal error occurred: injected fault"}},
        {503, {"ServiceUnavailable", "the server is currently unable to handle the request"}},
        {504,
         {"Timeout",
          "the server was unable to return a response in the time allotted, but may still be processing "
          "the request"}},
    };
    return table;
}

int integer(const Json& json, const char* field, int fallback, int low, int high) {
    if (!json.contains(field)) return fallback;
    const Json& value = json[field];
    if (!value.is_number_integer() || value.get<long long>() < low || value.get<long long>() > high) {
        throw ApiError::badRequest(std::string("fault rule: ") + field + " must be an integer from " +
                                   std::to_string(low) + " to " + std::to_string(high));
    }
    return value.get<int>();
}

std::string text(const Json& json, const char* field) {
    if (!json.contains(field)) return "";
    if (!json[field].is_string()) throw ApiError::badRequest(std::string("fault rule: ") + field + " must be a string");
    return json[field].get<std::string>();
}

bool flag(const Json& json, const char* field) {
    if (!json.contains(field)) return false;
    if (!json[field].is_boolean())
        throw ApiError::badRequest(std::string("fault rule: ") + field + " must be true or false");
    return json[field].get<bool>();
}

}  // namespace

std::string FaultRule::reasonFor(int code) {
    const auto it = wordings().find(code);
    return it == wordings().end() ? "" : it->second.reason;
}

FaultRule FaultRule::fromJson(const Json& json) {
    if (!json.is_object()) throw ApiError::badRequest("fault rule: each rule must be a JSON object");
    static const char* known[] = {
        "method",        "path",          "times",      "status",  "retryAfterSeconds",    "message",
        "malformedBody", "truncatedBody", "dropAnswer", "delayMs", "closeWatchAfterEvents"};
    for (const auto& [key, value] : json.items()) {
        if (std::none_of(std::begin(known), std::end(known), [&](const char* k) { return key == k; })) {
            throw ApiError::badRequest("fault rule: unknown field \"" + key + "\"");
        }
    }
    FaultRule rule;
    rule.method = text(json, "method");
    std::transform(rule.method.begin(), rule.method.end(), rule.method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    rule.path = text(json, "path");
    rule.times = integer(json, "times", 1, -1, 1000000);
    if (rule.times == 0) throw ApiError::badRequest("fault rule: times must be positive, or -1 for until cleared");
    rule.status = integer(json, "status", 0, 0, 599);
    if (rule.status != 0 && reasonFor(rule.status).empty()) {
        throw ApiError::badRequest("fault rule: status " + std::to_string(rule.status) + " is not one a rule may use");
    }
    rule.retryAfterSeconds = integer(json, "retryAfterSeconds", -1, 0, 3600);
    rule.message = text(json, "message");
    rule.malformedBody = flag(json, "malformedBody");
    rule.truncatedBody = flag(json, "truncatedBody");
    rule.dropAnswer = flag(json, "dropAnswer");
    rule.delayMs = integer(json, "delayMs", 0, 0, 600000);
    rule.closeWatchAfterEvents = integer(json, "closeWatchAfterEvents", -1, 0, 1000000);
    const int actions = (rule.status != 0 ? 1 : 0) + (rule.malformedBody ? 1 : 0) + (rule.truncatedBody ? 1 : 0) +
                        (rule.dropAnswer ? 1 : 0) + (rule.closeWatchAfterEvents >= 0 ? 1 : 0);
    if (actions > 1)
        throw ApiError::badRequest(
            "fault rule: give one action (status, malformedBody, truncatedBody, dropAnswer or closeWatchAfterEvents)");
    if (actions == 0 && rule.delayMs == 0) {
        throw ApiError::badRequest(
            "fault rule: no action (status, malformedBody, truncatedBody, dropAnswer, delayMs or "
            "closeWatchAfterEvents)");
    }
    if (rule.status == 0 && (rule.retryAfterSeconds >= 0 || !rule.message.empty())) {
        throw ApiError::badRequest("fault rule: retryAfterSeconds and message go with status");
    }
    return rule;
}

Json FaultRule::toJson() const {
    Json out{{"times", times}};
    if (!method.empty()) out["method"] = method;
    if (!path.empty()) out["path"] = path;
    if (status != 0) out["status"] = status;
    if (retryAfterSeconds >= 0) out["retryAfterSeconds"] = retryAfterSeconds;
    if (!message.empty()) out["message"] = message;
    if (malformedBody) out["malformedBody"] = true;
    if (truncatedBody) out["truncatedBody"] = true;
    if (dropAnswer) out["dropAnswer"] = true;
    if (delayMs > 0) out["delayMs"] = delayMs;
    if (closeWatchAfterEvents >= 0) out["closeWatchAfterEvents"] = closeWatchAfterEvents;
    return out;
}

bool FaultRule::matches(const std::string& requestMethod, const std::string& requestPath, bool watch) const {
    if (closeWatchAfterEvents >= 0 && !watch) return false;
    if ((truncatedBody || dropAnswer) && watch) return false;
    if (!method.empty() && method != requestMethod) return false;
    return path.empty() || requestPath.find(path) != std::string::npos;
}

Json FaultRule::statusBody() const {
    const auto it = wordings().find(status);
    const Wording wording = it == wordings().end() ? Wording{"InternalError", "injected fault"} : it->second;
    Json body{{"kind", "Status"},
              {"apiVersion", "v1"},
              {"metadata", Json::object()},
              {"status", "Failure"},
              {"message", message.empty() ? wording.message : message},
              {"reason", wording.reason},
              {"code", status}};
    if (effectiveRetryAfter() >= 0) body["details"] = {{"retryAfterSeconds", effectiveRetryAfter()}};
    return body;
}

}  // namespace meshlings::sim
