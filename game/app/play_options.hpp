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
    // --monkey SEED: the MonkeyPlayer plays the window (the soak and crash tests); the session ends
    // kMonkeyDwellSeconds after the level's end, and the quit-type choices it makes are declined.
    std::optional<std::uint64_t> monkey;
    // --time-scale N (built-in cluster only): the world and the cluster run N seconds per real second.
    double timeScale = 1;

    static constexpr double kDefaultHeadlessSeconds = 10;
    static constexpr double kMonkeyDwellSeconds = 2;
};

}  // namespace meshlings::app
