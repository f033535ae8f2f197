#include "simcluster/server/fault_endpoint.hpp"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "simcluster/api_error.hpp"
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

void FaultEndpoint::serve(FaultInjector& faults, const httplib::Request& request, httplib::Response& response) {
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
    response.set_content(listOf(faults.rules()).dump(), "application/json");
}

bool FaultEndpoint::answer(const FaultRule& rule, httplib::Response& response) {
    if (rule.delayMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(rule.delayMs));
    if (rule.dropAnswer) response.set_header(kDropMark, "1");
    if (rule.status != 0) {
        response.status = rule.status;
        if (rule.effectiveRetryAfter() >= 0)
            response.set_header("Retry-After", std::to_string(rule.effectiveRetryAfter()));
        response.set_content(request_json::dump(rule.statusBody()), "application/json");
        return true;
    }
    if (rule.malformedBody) {
        response.status = 200;
        response.set_content("<html><body>injected fault: this body is not JSON</body></html>\n", "application/json");
        return true;
    }
    return false;
}

void FaultEndpoint::truncate(httplib::Response& response) {
    if (response.has_header(kDropMark)) {
        // The request was applied; its answer is lost: the body is promised (Content-Length) but its
        // writer fails at once, so the connection closes before any of it.
        response.headers.erase(kDropMark);
        const std::string type = response.get_header_value("Content-Type");
        response.headers.erase("Content-Type");
        const std::size_t length = std::max<std::size_t>(response.body.size(), 1);
        response.body.clear();
        response.set_content_provider(length, type.empty() ? "application/json" : type,
                                      [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
        return;
    }
    if (response.body.empty()) return;
    response.body.resize(response.body.size() / 2);
}

}  // namespace meshlings::sim
