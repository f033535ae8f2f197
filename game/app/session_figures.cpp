#include "app/session_figures.hpp"

#include "world/model/decimal_text.hpp"
#include "world/model/world_digest.hpp"

namespace meshlings::app {

std::string SessionFigures::figuresLine(const world::World& world) {
    // Once the level has ended, its figures as they were at its end (those of the result screen, the
    // objectives and the report); the probe's answers after the end are in the outcome line only.
    const std::optional<world::HudFigures>& final = world.finalHud();
    const world::HudFigures hud = final ? *final : world.hud();
    const auto percent = [](const std::optional<double>& p) {
        return p ? world::decimalText(*p, 1) + " %" : std::string{"-"};
    };
    const auto millis = [](const std::optional<int>& ms) {
        return ms ? std::to_string(*ms) + " ms" : std::string{"-"};
    };
    const std::string window = final ? "the level, to its end at " + clock(hud.secondsElapsed) : "this session";
    return window + ": success " + percent(hud.sessionSuccessPercent) + ", p99 " +
           millis(final ? hud.sessionP99Ms : world.stats().sessionPercentileMs(99)) + "; last 30 s: success " +
           percent(hud.successPercent) + ", p50 " + millis(hud.p50Ms) + ", p99 " + millis(hud.p99Ms) + "; weights " +
           hud.weights.text() + "\n";
}

std::string SessionFigures::clock(int seconds) {
    const std::string ss = std::to_string(seconds % 60);
    return std::to_string(seconds / 60) + ":" + (ss.size() < 2 ? "0" + ss : ss);
}

std::string SessionFigures::outcomeLine(const world::World& world) {
    return "outcome: " + world::WorldDigest::outcomeLine(world) + "\n";
}

}  // namespace meshlings::app
