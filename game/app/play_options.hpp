#pragma once
// What `meshlings play` was asked to do, as parsed by PlayCommand and read
// by the headless loop and the GameWindow. Plain data.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/cluster_flags.hpp"

namespace meshlings::app {

struct PlayOptions {
    ClusterFlags cluster;
    std::string level;  // a file or an id; empty: free play
    std::optional<std::uint64_t> seed;
    bool fullscreen = false;
    int width = 1280;
    int height = 720;
    bool headless = false;
    double durationSeconds = 0;  // 0: until quit (headless: kDefaultHeadlessSeconds)
    std::string record;
    std::string report;  // headless: write the drill report (game/report) into this folder at the end
    // --screenshot-at SECONDS FILE, any number of times: a BMP of the frame
    // drawn when SECONDS have passed; the session ends after the last one
    // unless --duration is longer.
    std::vector<std::pair<double, std::string>> screenshots;

    static constexpr double kDefaultHeadlessSeconds = 10;
};

}  // namespace meshlings::app
