#include "simcluster/server/fault_endpoint.hpp"

#include <chrono>
#include <thread>

#include "simcluster/api_error.hpp"
#include "simcluster/http/http_response.hpp"
#include "simcluster/server/request_json.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

// Set on the response by answer() for a dropAnswer rule, read (and removed) by truncate().
constexpr const char* kDropMark = "X-Meshlings-Drop-Answer";

Json listOf(const std::vector<FaultRule>& rules) {
    Json items = Json::array();
    for (const auto& rule : rules) items.push_back(rule.toJson());
    return {{"rules", items}};
}

}  // namespace

void FaultEndpoint::serve(FaultInjector& faults, const http::Request& request, http::Response& response) {
    if (request.method == "POST") {
        const Json body = request_json::parse(request.body);
        std::vector<FaultRule> rules;
        if (body.is_array()) {
            for (const auto& item : body) rules.push_back(FaultRule::fromJson(item));
        } else {
            rules.push_back(FaultRule::fromJson(body));
        }
        faults.add(rules);  // all or nothing: every rule was read before any is added
        response.status = 201;
    } else if (request.method == "DELETE") {
        faults.clear();
        response.status = 200;
    } else if (request.method == "GET") {
        response.status = 200;
    } else {
        throw ApiError::methodNotAllowed("the server does not allow this method on the requested resource");
    }
    response.setContent(listOf(faults.rules()).dump(), "application/json");
}

bool FaultEndpoint::answer(const FaultRule& rule, http::Response& response) {
    if (rule.delayMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(rule.delayMs));
    if (rule.dropAnswer) response.setHeader(kDropMark, "1");
    if (rule.status != 0) {
        response.status = rule.status;
        if (rule.effectiveRetryAfter() >= 0)
            response.setHeader("Retry-After", std::to_string(rule.effectiveRetryAfter()));
        response.setContent(request_json::dump(rule.statusBody()), "application/json");
        return true;
    }
    if (rule.malformedBody) {
        response.status = 200;
        response.setContent("<html><body>injected fault: this body is not JSON</body></html>\n", "application/json");
        return true;
    }
    return false;
}

void FaultEndpoint::truncate(http::Response& response) {
    if (response.hasHeader(kDropMark)) {
        response.dropConnection();  // the request was applied; its answer is lost
        return;
    }
    if (response.body.empty()) return;
    response.body.resize(response.body.size() / 2);
}

}  // namespace meshlings::sim
