#include "simcluster/container_log.hpp"

#include <cstdio>
#include <ctime>

namespace meshlings::sim {

namespace {

std::tm utcOf(std::int64_t unixMillis) {
    const auto seconds = static_cast<std::time_t>(unixMillis / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return utc;
}

std::string strftimeOf(std::int64_t unixMillis, const char* format) {
    const std::tm utc = utcOf(unixMillis);
    char text[64];
    std::strftime(text, sizeof text, format, &utc);
    return text;
}

}  // namespace

std::vector<ContainerLine> ContainerLog::startup(const std::string& app, bool sidecar, std::int64_t started) {
    auto at = [&](std::int64_t offsetMs, std::string text) {
        return ContainerLine{started + offsetMs, std::move(text)};
    };
    if (sidecar) {
        const std::string t = strftimeOf(started, "%Y-%m-%dT%H:%M:%S");
        return {at(0, t + ".000000Z\tinfo\tFLAG: --concurrency=\"2\""),
                at(12, t + ".012000Z\tinfo\tVersion 1.24.0-meshlings"),
                at(150, t + ".150000Z\tinfo\tPilot SAN: [istiod.istio-system.svc]"),
                at(900, t + ".900000Z\tinfo\tReadiness succeeded in 900ms"),
                at(900, t + ".900000Z\tinfo\tEnvoy proxy is ready")};
    }
    if (app == "productpage") {
        return {at(0, "INFO:werkzeug: * Running on all addresses (::)"),
                at(0, "INFO:werkzeug: * Running on http://[::1]:9080"), at(1, "INFO:werkzeug:Press CTRL+C to quit")};
    }
    if (app == "details") {
        const std::string t = "[" + strftimeOf(started, "%Y-%m-%d %H:%M:%S") + "] INFO  ";
        return {at(0, t + "WEBrick 1.7.0"), at(0, t + "ruby 3.1.2 (2022-04-12) [x86_64-linux]"),
                at(1, t + "WEBrick::HTTPServer#start: pid=1 port=9080")};
    }
    if (app == "reviews") {
        return {
            at(0, "Launching defaultServer (Open Liberty 23.0.0.3) on Eclipse OpenJ9 VM, version 17.0.6+10 (en_US)"),
            at(40, "[AUDIT   ] CWWKE0001I: The server defaultServer has been launched."),
            at(1900, "[AUDIT   ] CWWKT0016I: Web application available (default_host): http://reviews:9080/"),
            at(1950, "[AUDIT   ] CWWKZ0001I: Application reviews-app started in 1.562 seconds."),
            at(2000,
               "[AUDIT   ] CWWKF0011I: The defaultServer server is ready to run a smarter planet. "
               "The defaultServer server started in 2.001 seconds.")};
    }
    if (app == "ratings") return {at(0, "Server listening on: http://0.0.0.0:9080")};
    return {};
}

std::string ContainerLog::request(const std::string& app, const std::string& path, int code, std::int64_t at,
                                  const std::string& peerIp) {
    if (code == 0) return {};
    if (app == "productpage") {
        return "INFO:werkzeug:::ffff:" + peerIp + " - - [" + strftimeOf(at, "%d/%b/%Y %H:%M:%S") + "] \"GET " + path +
               " HTTP/1.1\" " + std::to_string(code) + " -";
    }
    if (app == "details") {
        return peerIp + " - - [" + strftimeOf(at, "%d/%b/%Y:%H:%M:%S UTC") + "] \"GET " + path + " HTTP/1.1\" " +
               std::to_string(code) + " " + (code == 200 ? "178" : "0");
    }
    return {};
}

std::string ContainerLog::exit(const std::string& app, int exitCode) {
    if (app == "reviews") {
        return "[ERROR   ] CWWKE0701E: The server defaultServer stopped with exit code " + std::to_string(exitCode) +
               ".";
    }
    return app + ": fatal error, exiting with status " + std::to_string(exitCode);
}

std::int64_t ContainerLog::parseTime(const std::string& text) {
    std::tm utc{};
    int year = 0;
    int month = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &year, &month, &utc.tm_mday, &utc.tm_hour, &utc.tm_min,
                    &utc.tm_sec) != 6)
        return -1;
    utc.tm_year = year - 1900;
    utc.tm_mon = month - 1;
    return static_cast<std::int64_t>(timegm(&utc)) * 1000;
}

std::string ContainerLog::timestamp(std::int64_t unixMillis) {
    char text[96];
    std::snprintf(text, sizeof text, "%s.%03d000000Z", strftimeOf(unixMillis, "%Y-%m-%dT%H:%M:%S").c_str(),
                  static_cast<int>(unixMillis % 1000));
    return text;
}

}  // namespace meshlings::sim
