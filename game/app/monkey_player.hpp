#pragma once
// The monkey player (`meshlings play --monkey SEED`): a seeded generator of
// the input table's events for the soak and crash tests. Each frame it may
// make SDL events for every binding of InputBindings (keys with and without
// Shift, key repeats, mouse clicks and drags, pad buttons as SDL game
// controller events) and a window size now and then; GameWindow pushes them
// with SDL_PushEvent, so they take the real path through the EventRouter.
// Clicks aim at random places and, found by sampling what lies under a
// point, at pods, the weights panel's sliders and menu items. When the
// world has stood still for a while (paused, or a menu open) it presses
// what resumes it, so a level runs to its end. Same seed, same views and
// frame times: the same events. Owns nothing of SDL; the caller owns the window.
#include <SDL.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/rng.hpp"

namespace meshlings::app {

// What lies under a window point, as the last frame drew it.
enum class MonkeyTarget : std::uint8_t { Elsewhere, Pod, Slider, Choice };

// What the monkey sees of the game this frame.
struct MonkeyView {
    int width = 0;  // the window's size (SDL mouse coordinates)
    int height = 0;
    std::function<MonkeyTarget(int x, int y)> at;
    bool menuOpen = false;     // a modal menu (the pause menu or its question) is open
    bool worldPaused = false;  // the world's clock stands still
};

// What the monkey does this frame: events to push, and maybe a new window size.
struct MonkeyMoves {
    std::vector<SDL_Event> events;
    std::optional<SDL_Point> resize;
};

class MonkeyPlayer {
public:
    // `actionsPerSecond`: how often it acts, on average.
    explicit MonkeyPlayer(std::uint64_t seed, double actionsPerSecond = 8);

    // The moves of a frame that came `seconds` after the last one.
    MonkeyMoves frame(const MonkeyView& view, double seconds);

    // "412 events: 180 keys, 95 clicks, 20 drags, 64 pad buttons, 3 resizes"
    std::string tally() const;
    std::uint64_t events() const { return m_events; }

private:
    void key(MonkeyMoves& moves);
    void keyPress(MonkeyMoves& moves, SDL_Keycode key, std::uint16_t modifiers, std::uint8_t repeat);
    void click(MonkeyMoves& moves, const MonkeyView& view);
    void drag(MonkeyMoves& moves, const MonkeyView& view);
    void pad(MonkeyMoves& moves);
    void resize(MonkeyMoves& moves);
    // Unstalls a world that has stood still too long: Escape closes a menu, P resumes the clock.
    bool unstall(MonkeyMoves& moves, const MonkeyView& view, double seconds);
    // A point over `wanted` when sampling finds one, else a random point in the window.
    SDL_Point pointOver(const MonkeyView& view, MonkeyTarget wanted);
    SDL_Point randomPoint(const MonkeyView& view);
    void push(MonkeyMoves& moves, const SDL_Event& event);

    common::Rng m_rng;
    double m_actionsPerSecond;
    double m_stalledSeconds = 0;
    std::uint64_t m_events = 0;
    std::uint64_t m_keys = 0;
    std::uint64_t m_clicks = 0;
    std::uint64_t m_drags = 0;
    std::uint64_t m_pads = 0;
    std::uint64_t m_resizes = 0;
    std::uint64_t m_unstalls = 0;
};

}  // namespace meshlings::app
