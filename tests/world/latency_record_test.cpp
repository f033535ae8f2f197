// LatencyRecord's percentiles against the definition (sort, take the
// nearest rank) over samples added and removed as a sliding window does,
// including latencies below 0 and past its per-millisecond range.
#include "world/model/latency_record.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <random>
#include <vector>

namespace w = meshlings::world;

namespace {

int nearestRank(std::vector<int> samples, double percentile) {
    std::sort(samples.begin(), samples.end());
    const auto n = samples.size();
    auto rank = static_cast<std::size_t>(std::ceil(percentile / 100.0 * static_cast<double>(n)));
    rank = std::clamp<std::size_t>(rank, 1, n);
    return samples[rank - 1];
}

}  // namespace

TEST_CASE("a latency record's percentiles are the nearest-rank ones, in a sliding window") {
    w::LatencyRecord record;
    CHECK_FALSE(record.percentileMs(50).has_value());
    std::mt19937 random(20261126);
    std::uniform_int_distribution<int> usual(0, 4000);
    std::uniform_int_distribution<int> wide(-50, 200000);
    std::deque<int> window;
    for (int i = 0; i < 6000; ++i) {
        const int latency = i % 10 == 0 ? wide(random) : usual(random);
        record.add(latency);
        window.push_back(latency);
        if (window.size() > 700) {
            record.remove(window.front());
            window.pop_front();
        }
        if (i % 97 == 0) {
            const std::vector<int> samples(window.begin(), window.end());
            REQUIRE(record.size() == samples.size());
            for (const double p : {0.0, 1.0, 50.0, 90.0, 99.0, 99.9, 100.0}) {
                CAPTURE(p);
                CHECK(record.percentileMs(p) == nearestRank(samples, p));
            }
        }
    }
}

TEST_CASE("a latency record ignores taking out what it never had") {
    w::LatencyRecord record;
    record.add(120);
    record.remove(7);
    record.remove(-3);
    record.remove(900000);
    CHECK(record.size() == 1);
    CHECK(record.percentileMs(99) == 120);
    record.remove(120);
    CHECK(record.size() == 0);
    CHECK_FALSE(record.percentileMs(50).has_value());
}
