#include "mesh/prometheus_answer.hpp"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "mesh/telemetry_error.hpp"

namespace meshlings::mesh {

namespace {

using Json = nlohmann::json;

std::string label(const Json& metric, const char* name) {
    const auto it = metric.find(name);
    return it != metric.end() && it->is_string() ? it->get<std::string>() : std::string("unknown");
}

bool failed(const Json& metric) {
    const std::string flags = label(metric, "response_flags");
    if (flags != "-" && flags != "unknown" && !flags.empty()) return true;
    const std::string code = label(metric, "response_code");
    return code == "0" || (code.size() == 3 && code[0] == '5');
}

double number(const Json& sample, const TelemetryQuery& query) {
    const auto value = sample.find("value");
    if (value == sample.end() || !value->is_array() || value->size() != 2 || !(*value)[1].is_string())
        throw TelemetryError(query.step, "a result has no [time, \"value\"] pair");
    const std::string text = (*value)[1].get<std::string>();
    try {
        std::size_t used = 0;
        const double rate = std::stod(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
        return rate;
    } catch (const std::exception&) {
        throw TelemetryError(query.step, "a result's value \"" + text + "\" is not a number");
    }
}

}  // namespace

std::vector<EdgeTraffic> decodeEdgeAnswer(std::string_view body, const TelemetryQuery& query) {
    const Json answer = Json::parse(body.begin(), body.end(), nullptr, false);
    if (answer.is_discarded() || !answer.is_object())
        throw TelemetryError(query.step, "the answer is not JSON: \"" + std::string(body.substr(0, 80)) + "\"");
    const std::string status = answer.value("status", "");
    if (status != "success") {
        const std::string type = answer.contains("errorType") && answer["errorType"].is_string()
                                     ? answer["errorType"].get<std::string>()
                                     : "no errorType";
        const std::string error = answer.contains("error") && answer["error"].is_string()
                                      ? answer["error"].get<std::string>()
                                      : "no error text";
        throw TelemetryError(query.step, "status \"" + status + "\" (" + type + "): " + error);
    }
    const auto data = answer.find("data");
    if (data == answer.end() || !data->is_object()) throw TelemetryError(query.step, "the answer has no data object");
    if (data->value("resultType", "") != "vector")
        throw TelemetryError(query.step, "resultType \"" + data->value("resultType", "") + "\", not vector");
    const auto result = data->find("result");
    if (result == data->end() || !result->is_array()) throw TelemetryError(query.step, "data.result is not a list");

    std::map<std::tuple<std::string, std::string, std::string>, EdgeTraffic> edges;
    for (const Json& sample : *result) {
        if (!sample.is_object() || !sample.contains("metric") || !sample["metric"].is_object())
            throw TelemetryError(query.step, "a result has no metric object");
        const Json& metric = sample["metric"];
        const double rate = number(sample, query);
        if (!std::isfinite(rate) || rate <= 0) continue;  // NaN with no samples in the window, idle series
        EdgeTraffic key;
        key.source = label(metric, "source_workload");
        key.destination = label(metric, "destination_workload");
        key.service = label(metric, "destination_service_name");
        EdgeTraffic& edge = edges.try_emplace({key.source, key.destination, key.service}, key).first->second;
        edge.rate += rate;
        if (failed(metric)) edge.failureRate += rate;
    }
    std::vector<EdgeTraffic> out;
    out.reserve(edges.size());
    for (auto& [key, edge] : edges) out.push_back(std::move(edge));
    return out;
}

}  // namespace meshlings::mesh
