#include "app/monkey_player.hpp"

#include <algorithm>
#include <array>

#include "app/input_bindings.hpp"

namespace meshlings::app {

namespace {

constexpr int kSamplesPerAim = 40;     // random points tried to find a pod, slider or menu item
constexpr double kStallSeconds = 0.5;  // the world stood still this long: resume it
// Window sizes it switches to now and then: the sizes the layouts are made for, and odd ones.
constexpr std::array<SDL_Point, 6> kSizes{
    {{800, 600}, {1024, 768}, {1280, 720}, {1920, 1080}, {333, 222}, {1500, 400}}};

}  // namespace

MonkeyPlayer::MonkeyPlayer(std::uint64_t seed, double actionsPerSecond)
    : m_rng(seed), m_actionsPerSecond(actionsPerSecond) {}

MonkeyMoves MonkeyPlayer::frame(const MonkeyView& view, double seconds) {
    MonkeyMoves moves;
    seconds = std::clamp(seconds, 0.0, 1.0);
    if (unstall(moves, view, seconds)) return moves;
    if (m_rng.unit() >= m_actionsPerSecond * seconds) return moves;
    const auto roll = m_rng.below(100);
    if (roll < 40) {
        key(moves);
    } else if (roll < 65) {
        click(moves, view);
    } else if (roll < 75) {
        drag(moves, view);
    } else if (roll < 99) {
        pad(moves);
    } else {
        resize(moves);
    }
    return moves;
}

bool MonkeyPlayer::unstall(MonkeyMoves& moves, const MonkeyView& view, double seconds) {
    const bool stalled = view.menuOpen || view.worldPaused;
    m_stalledSeconds = stalled ? m_stalledSeconds + seconds : 0;
    if (m_stalledSeconds < kStallSeconds) return false;
    m_stalledSeconds = 0;
    ++m_unstalls;
    // Escape resumes from the pause menu (and leaves its question for the menu); P starts the clock again.
    keyPress(moves, view.menuOpen ? SDLK_ESCAPE : SDLK_p, KMOD_NONE, 0);
    return true;
}

void MonkeyPlayer::key(MonkeyMoves& moves) {
    const auto& keys = InputBindings::keys();
    const KeyBinding& binding = keys[m_rng.below(keys.size())];
    // The program's own keys stay rare: a quit only asks (and the window answers no for the monkey), a
    // screenshot writes a file, fullscreen is a slow mode switch.
    const bool rare =
        binding.action == Action::Quit || binding.action == Action::Screenshot || binding.action == Action::Fullscreen;
    if (rare && m_rng.below(20) != 0) return;
    std::uint16_t modifiers = binding.shift ? KMOD_LSHIFT : KMOD_NONE;
    if (!binding.shift && m_rng.below(10) == 0) modifiers = KMOD_LSHIFT;  // Shift where no binding wants it
    if (m_rng.below(20) == 0) modifiers |= KMOD_LCTRL;
    const auto repeats = static_cast<std::uint8_t>(m_rng.below(4) == 0 ? m_rng.between(1, 6) : 0);
    keyPress(moves, binding.key, modifiers, 0);
    for (std::uint8_t i = 1; i <= repeats; ++i) keyPress(moves, binding.key, modifiers, 1);
    // Now and then a key the table does not know.
    if (m_rng.below(10) == 0) keyPress(moves, SDLK_F7, KMOD_NONE, 0);
}

void MonkeyPlayer::keyPress(MonkeyMoves& moves, SDL_Keycode key, std::uint16_t modifiers, std::uint8_t repeat) {
    SDL_Event event{};
    event.type = SDL_KEYDOWN;
    event.key.state = SDL_PRESSED;
    event.key.repeat = repeat;
    event.key.keysym.sym = key;
    event.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    event.key.keysym.mod = modifiers;
    push(moves, event);
    event.type = SDL_KEYUP;
    event.key.state = SDL_RELEASED;
    push(moves, event);
    ++m_keys;
}

void MonkeyPlayer::click(MonkeyMoves& moves, const MonkeyView& view) {
    const auto aim = m_rng.below(10);
    const MonkeyTarget wanted = aim < 4   ? MonkeyTarget::Pod
                                : aim < 6 ? MonkeyTarget::Choice
                                : aim < 8 ? MonkeyTarget::Slider
                                          : MonkeyTarget::Elsewhere;
    const SDL_Point at = wanted == MonkeyTarget::Elsewhere ? randomPoint(view) : pointOver(view, wanted);
    const auto which = m_rng.below(20);
    const std::uint8_t button = which < 15 ? SDL_BUTTON_LEFT : which < 19 ? SDL_BUTTON_RIGHT : SDL_BUTTON_MIDDLE;
    SDL_Event event{};
    event.type = SDL_MOUSEMOTION;
    event.motion.x = at.x;
    event.motion.y = at.y;
    push(moves, event);
    event = SDL_Event{};
    event.type = SDL_MOUSEBUTTONDOWN;
    event.button.button = button;
    event.button.state = SDL_PRESSED;
    event.button.clicks = 1;
    event.button.x = at.x;
    event.button.y = at.y;
    push(moves, event);
    event.type = SDL_MOUSEBUTTONUP;
    event.button.state = SDL_RELEASED;
    push(moves, event);
    ++m_clicks;
}

void MonkeyPlayer::drag(MonkeyMoves& moves, const MonkeyView& view) {
    const SDL_Point from = pointOver(view, m_rng.below(3) == 0 ? MonkeyTarget::Pod : MonkeyTarget::Slider);
    SDL_Event event{};
    event.type = SDL_MOUSEBUTTONDOWN;
    event.button.button = SDL_BUTTON_LEFT;
    event.button.state = SDL_PRESSED;
    event.button.clicks = 1;
    event.button.x = from.x;
    event.button.y = from.y;
    push(moves, event);
    const auto steps = m_rng.between(2, 12);
    SDL_Point at = from;
    for (std::int64_t i = 0; i < steps; ++i) {
        // Mostly along the slider, sometimes off the window's edges.
        const SDL_Point next{static_cast<int>(m_rng.between(-40, view.width + 40)),
                             m_rng.below(4) == 0 ? static_cast<int>(m_rng.between(-40, view.height + 40)) : from.y};
        SDL_Event motion{};
        motion.type = SDL_MOUSEMOTION;
        motion.motion.state = SDL_BUTTON_LMASK;
        motion.motion.x = next.x;
        motion.motion.y = next.y;
        motion.motion.xrel = next.x - at.x;
        motion.motion.yrel = next.y - at.y;
        push(moves, motion);
        at = next;
    }
    event.type = SDL_MOUSEBUTTONUP;
    event.button.state = SDL_RELEASED;
    event.button.x = at.x;
    event.button.y = at.y;
    push(moves, event);
    ++m_drags;
}

void MonkeyPlayer::pad(MonkeyMoves& moves) {
    const auto& pads = InputBindings::padButtons();
    // One in ten presses is a button the table does not bind (the right stick's neighbours, paddles, ...).
    const auto button = m_rng.below(10) == 0 ? static_cast<std::uint8_t>(m_rng.below(SDL_CONTROLLER_BUTTON_MAX))
                                             : static_cast<std::uint8_t>(pads[m_rng.below(pads.size())].button);
    SDL_Event event{};
    event.type = SDL_CONTROLLERBUTTONDOWN;
    event.cbutton.which = 0;
    event.cbutton.button = button;
    event.cbutton.state = SDL_PRESSED;
    push(moves, event);
    event.type = SDL_CONTROLLERBUTTONUP;
    event.cbutton.state = SDL_RELEASED;
    push(moves, event);
    ++m_pads;
}

void MonkeyPlayer::resize(MonkeyMoves& moves) {
    moves.resize = kSizes[m_rng.below(kSizes.size())];
    ++m_resizes;
}

SDL_Point MonkeyPlayer::pointOver(const MonkeyView& view, MonkeyTarget wanted) {
    for (int i = 0; i < kSamplesPerAim && view.at; ++i) {
        const SDL_Point point = randomPoint(view);
        if (view.at(point.x, point.y) == wanted) return point;
    }
    return randomPoint(view);
}

SDL_Point MonkeyPlayer::randomPoint(const MonkeyView& view) {
    return {static_cast<int>(m_rng.below(static_cast<std::uint64_t>(std::max(1, view.width)))),
            static_cast<int>(m_rng.below(static_cast<std::uint64_t>(std::max(1, view.height))))};
}

void MonkeyPlayer::push(MonkeyMoves& moves, const SDL_Event& event) {
    moves.events.push_back(event);
    ++m_events;
}

std::string MonkeyPlayer::tally() const {
    return std::to_string(m_events) + " events: " + std::to_string(m_keys) + " keys, " + std::to_string(m_clicks) +
           " clicks, " + std::to_string(m_drags) + " drags, " + std::to_string(m_pads) + " pad buttons, " +
           std::to_string(m_resizes) + " resizes, " + std::to_string(m_unstalls) + " resumes";
}

}  // namespace meshlings::app
