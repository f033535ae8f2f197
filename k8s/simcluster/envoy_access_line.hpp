#pragma once
// One line of an Istio sidecar's access log in Istio's default TEXT format
// (meshConfig.accessLogFormat unset; istio.io, "Envoy Access Logs", default
// access log format):
//   [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%"
//   %RESPONSE_CODE% %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS%
//   "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION%
//   %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
//   "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER%
//   %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS%
//   %REQUESTED_SERVER_NAME% %ROUTE_NAME%
// Empty values print as "-", as Envoy does.
#include <cstdint>
#include <string>

namespace meshlings::sim {

struct AccessLineFields {
    std::int64_t startUnixMillis = 0;
    std::string path;
    int code = 200;
    std::string flags = "-";
    std::string codeDetails;  // "via_upstream", "no_healthy_upstream", ...
    std::uint64_t bytesSent = 0;
    long durationMs = 0;
    long upstreamServiceMs = -1;  // -1: no upstream answered
    std::string userAgent;
    std::string requestId;
    std::string authority;     // "reviews:9080"
    std::string upstreamHost;  // "10.244.0.12:9080"
    std::string upstreamCluster;
    std::string upstreamLocal;
    std::string downstreamLocal;
    std::string downstreamRemote;
    std::string serverName;  // SNI: outbound_.9080_._.reviews.default.svc.cluster.local on inbound mTLS
    std::string route = "default";
};

class EnvoyAccessLine {
public:
    static std::string format(const AccessLineFields& fields);
    // Envoy's %RESPONSE_CODE_DETAILS% for a response flag ("-": the upstream answered).
    static const char* codeDetails(const std::string& flags, int code);
    // "[2026-12-07T18:04:05.123Z]"'s inside: RFC 3339 UTC with milliseconds.
    static std::string startTime(std::int64_t unixMillis);
};

}  // namespace meshlings::sim
