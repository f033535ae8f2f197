#include "simcluster/sim_time.hpp"

#include <ctime>

namespace meshlings::sim {

std::string rfc3339(std::int64_t unixMillis) {
    std::time_t seconds = static_cast<std::time_t>(unixMillis / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

std::string humanDuration(Millis duration) {
    const std::int64_t seconds = duration / 1000;
    if (seconds < -1) return "<invalid>";
    if (seconds < 0) return "0s";
    if (seconds < 120) return std::to_string(seconds) + "s";
    const std::int64_t minutes = seconds / 60;
    if (minutes < 10) {
        const std::int64_t s = seconds % 60;
        return std::to_string(minutes) + "m" + (s == 0 ? "" : std::to_string(s) + "s");
    }
    if (minutes < 180) return std::to_string(minutes) + "m";
    const std::int64_t hours = minutes / 60;
    if (hours < 8) {
        const std::int64_t m = minutes % 60;
        return std::to_string(hours) + "h" + (m == 0 ? "" : std::to_string(m) + "m");
    }
    if (hours < 48) return std::to_string(hours) + "h";
    if (hours < 24 * 8) {
        const std::int64_t h = hours % 24;
        return std::to_string(hours / 24) + "d" + (h == 0 ? "" : std::to_string(h) + "h");
    }
    if (hours < 24 * 365 * 2) return std::to_string(hours / 24) + "d";
    if (hours < 24 * 365 * 8) {
        const std::int64_t d = (hours / 24) % 365;
        return std::to_string(hours / 24 / 365) + "y" + (d == 0 ? "" : std::to_string(d) + "d");
    }
    return std::to_string(hours / 24 / 365) + "y";
}

}  // namespace meshlings::sim
