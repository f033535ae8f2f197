#pragma once
// Decodes Prometheus' answer to an instant query (GET /api/v1/query,
// https://prometheus.io/docs/prometheus/latest/querying/api/) for one of
// the edge queries: {"status":"success","data":{"resultType":"vector",
// "result":[{"metric":{labels},"value":[time,"rate"]}]}} becomes one
// EdgeTraffic per (source, destination, service), the rows of its response
// codes and flags summed, failures (5xx, code 0, any flag but "-") counted
// apart. Anything else (status "error" with its errorType, another result
// type, malformed JSON, a value that is not a number) throws TelemetryError
// naming the query's step. Pure function.
#include <string_view>
#include <vector>

#include "mesh/edge_traffic.hpp"
#include "mesh/telemetry_query.hpp"

namespace meshlings::mesh {

std::vector<EdgeTraffic> decodeEdgeAnswer(std::string_view body, const TelemetryQuery& query);

}  // namespace meshlings::mesh
