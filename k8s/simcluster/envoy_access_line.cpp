#include "simcluster/envoy_access_line.hpp"

#include <cstdio>
#include <ctime>

namespace meshlings::sim {

namespace {

const std::string& orDash(const std::string& value) {
    static const std::string kDash = "-";
    return value.empty() ? kDash : value;
}

}  // namespace

std::string EnvoyAccessLine::startTime(std::int64_t unixMillis) {
    const std::time_t seconds = static_cast<std::time_t>(unixMillis / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[80];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(unixMillis % 1000));
    return text;
}

const char* EnvoyAccessLine::codeDetails(const std::string& flags, int code) {
    // The first flag decides (Envoy's StreamInfo response code details).
    const std::string first = flags.substr(0, flags.find(','));
    if (first == "UH") return "no_healthy_upstream";
    if (first == "UF") return "upstream_reset_before_response_started{connection_failure}";
    if (first == "UO") return "upstream_reset_before_response_started{overflow}";
    if (first == "UT") return "response_timeout";
    if (first == "NR") return "route_not_found";
    if (first == "NC") return "cluster_not_found";
    if (first == "FI") return "fault_filter_abort";
    if (first == "DC") return "downstream_remote_disconnect";
    return code == 0 ? "-" : "via_upstream";
}

std::string EnvoyAccessLine::format(const AccessLineFields& f) {
    std::string line;
    line.reserve(400);
    line += '[';
    line += startTime(f.startUnixMillis);
    line += "] \"GET ";
    line += f.path;
    line += " HTTP/1.1\" ";
    line += std::to_string(f.code);
    line += ' ';
    line += orDash(f.flags);
    line += ' ';
    line += orDash(f.codeDetails);
    line += " - \"-\" 0 ";
    line += std::to_string(f.bytesSent);
    line += ' ';
    line += std::to_string(f.durationMs);
    line += ' ';
    line += f.upstreamServiceMs < 0 ? std::string("-") : std::to_string(f.upstreamServiceMs);
    line += " \"-\"";  // %REQ(X-FORWARDED-FOR)%
    for (const std::string* quoted : {&f.userAgent, &f.requestId, &f.authority, &f.upstreamHost}) {
        line += " \"";
        line += orDash(*quoted);
        line += '"';
    }
    for (const std::string* plain :
         {&f.upstreamCluster, &f.upstreamLocal, &f.downstreamLocal, &f.downstreamRemote, &f.serverName, &f.route}) {
        line += ' ';
        line += orDash(*plain);
    }
    return line;
}

}  // namespace meshlings::sim
