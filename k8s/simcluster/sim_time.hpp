#pragma once
// Time in the built-in cluster: an integer count of milliseconds on the
// model's own timeline. The model never reads a wall clock; whoever drives it
// (the HTTP front with a real clock, a test with a manual one) passes the time.
#include <cstdint>
#include <string>

namespace meshlings::sim {

using Millis = std::int64_t;

constexpr Millis kSecond = 1000;

// RFC 3339 UTC timestamp with second precision, as Kubernetes writes them.
std::string rfc3339(std::int64_t unixMillis);

// kubectl's age format (apimachinery duration.HumanDuration): "45s", "5m3s", "2d3h".
std::string humanDuration(Millis duration);

}  // namespace meshlings::sim
