#include "simcluster/sim_time.hpp"

#include <doctest/doctest.h>

using namespace meshlings::sim;

TEST_CASE("humanDuration renders ages as kubectl does") {
    CHECK(humanDuration(0) == "0s");
    CHECK(humanDuration(-500) == "0s");
    CHECK(humanDuration(-5000) == "<invalid>");
    CHECK(humanDuration(45 * kSecond) == "45s");
    CHECK(humanDuration(119 * kSecond) == "119s");
    CHECK(humanDuration(5 * 60 * kSecond) == "5m");
    CHECK(humanDuration((5 * 60 + 3) * kSecond) == "5m3s");
    CHECK(humanDuration(47 * 60 * kSecond) == "47m");
    CHECK(humanDuration(3 * 3600 * kSecond) == "3h");
    CHECK(humanDuration((3 * 3600 + 20 * 60) * kSecond) == "3h20m");
    CHECK(humanDuration(30 * 3600 * kSecond) == "30h");
    CHECK(humanDuration((2 * 24 + 3) * 3600 * kSecond) == "2d3h");
    CHECK(humanDuration(400LL * 24 * 3600 * kSecond) == "400d");
    CHECK(humanDuration((3LL * 365 + 10) * 24 * 3600 * kSecond) == "3y10d");
}

TEST_CASE("rfc3339 writes UTC seconds") {
    CHECK(rfc3339(0) == "1970-01-01T00:00:00Z");
    CHECK(rfc3339(1767225600000) == "2026-01-01T00:00:00Z");
    CHECK(rfc3339(1767225600999) == "2026-01-01T00:00:00Z");
}
