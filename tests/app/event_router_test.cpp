// Synthetic SDL events through the EventRouter into the PlayerController, with
// the real WorldScreen (software renderer, offscreen)
// answering where the mouse is: the mouse drags a weights slider, the
// gamepad's buttons do what the input table says, the window-level keys
// come back as requests.
#include "app/event_router.hpp"

#include <doctest/doctest.h>

#include "render/offscreen_screen.hpp"
#include "render/sdl_context.hpp"
#include "world/model/world.hpp"
#include "world/replay/replay_verifier.hpp"

using namespace meshlings;

namespace {

class Rig {
public:
    Rig()
        : m_offscreen(1280, 720),
          m_world(world::ReplayVerifier::sandboxLevel(), 5, m_offscreen.screen().effects()),
          m_router(m_offscreen.screen(), m_controller) {}

    app::AppRequest send(const SDL_Event& event) { return m_router.handle(event, m_world); }
    // Draws a frame, so that the screen's geometry (the weights panel) is that of what the player sees.
    void draw() { m_offscreen.screen().draw(m_world, 0, m_controller.ui(m_world)); }
    const render::PlayerUi& ui() { return m_controller.ui(m_world); }
    const app::PlayerController& controller() const { return m_controller; }
    app::PlayerController& controller() { return m_controller; }
    world::World& world() { return m_world; }
    const render::WorldScreen& screen() const { return m_offscreen.screen(); }

private:
    render::SdlContext m_sdl{false};  // no video: the software renderer draws into memory
    render::OffscreenScreen m_offscreen;
    world::World m_world;
    app::PlayerController m_controller;
    app::EventRouter m_router;
};

SDL_Event key(SDL_Keycode sym) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    return e;
}

SDL_Event mouseButton(Uint32 type, int x, int y) {
    SDL_Event e{};
    e.type = type;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = x;
    e.button.y = y;
    return e;
}

SDL_Event mouseMotion(int x, int y) {
    SDL_Event e{};
    e.type = SDL_MOUSEMOTION;
    e.motion.x = x;
    e.motion.y = y;
    return e;
}

SDL_Event pad(SDL_GameControllerButton button) {
    SDL_Event e{};
    e.type = SDL_CONTROLLERBUTTONDOWN;
    e.cbutton.button = static_cast<Uint8>(button);
    return e;
}

// A window pixel on the slider of `slot` (0 v1, 1 v2, 2 v3), found by asking the screen.
SDL_Point sliderPoint(const render::WorldScreen& screen, int slot) {
    for (int y = 0; y < 720; y += 2) {
        for (int x = 0; x < 1280; x += 2) {
            if (screen.weightsPanelSlotAt(x, y) == slot) return {x, y};
        }
    }
    return {-1, -1};
}

}  // namespace

TEST_CASE("the mouse drags a weights slider; after the button is up, moving changes nothing") {
    Rig rig;
    CHECK(rig.send(key(SDLK_w)) == app::AppRequest::None);
    REQUIRE(rig.ui().weightsPanelOpen);
    rig.draw();
    const SDL_Point v3 = sliderPoint(rig.screen(), 2);
    REQUIRE(v3.x >= 0);
    // The ends of the slider (beyond them the value is clamped): the last x at 0 and the first at 100.
    int left = -1;
    int right = -1;
    for (int x = 0; x < 1280; ++x) {
        const auto value = rig.screen().weightsPanelValueAt(x);
        if (value && *value == 0) left = x;
        if (value && *value == 100 && right < 0) right = x;
    }
    REQUIRE(left >= 0);
    REQUIRE(right > left);

    rig.send(mouseButton(SDL_MOUSEBUTTONDOWN, v3.x, v3.y));
    CHECK(rig.controller().panel().focus() == 2);
    rig.send(mouseMotion(right, v3.y));
    CHECK(rig.controller().panel().weights() == world::ReviewsWeights::of(0, 0, 100));
    rig.send(mouseMotion(left, v3.y));
    CHECK(rig.controller().panel().weights().percent[2] == 0);
    rig.send(mouseMotion((left + right) / 2, v3.y + 200));  // off the slider vertically: still dragging by x
    const int middle = rig.controller().panel().weights().percent[2];
    CHECK(middle >= 40);
    CHECK(middle <= 60);
    rig.send(mouseButton(SDL_MOUSEBUTTONUP, (left + right) / 2, v3.y));
    rig.send(mouseMotion(right, v3.y));
    CHECK(rig.controller().panel().weights().percent[2] == middle);
    CHECK(rig.controller().panel().weights().valid());
}

TEST_CASE("gamepad buttons act as the input table says") {
    Rig rig;
    rig.send(pad(SDL_CONTROLLER_BUTTON_Y));  // the weights panel
    REQUIRE(rig.ui().weightsPanelOpen);
    rig.send(pad(SDL_CONTROLLER_BUTTON_DPAD_LEFT));  // focus v1 -> v3 (wraps)
    CHECK(rig.controller().panel().focus() == 2);
    const int before = rig.controller().panel().weights().percent[2];
    rig.send(pad(SDL_CONTROLLER_BUTTON_DPAD_UP));
    CHECK(rig.controller().panel().weights().percent[2] == before + 5);
    rig.send(pad(SDL_CONTROLLER_BUTTON_X));  // apply: a weight change for the next tick
    CHECK(!rig.controller().takeCommands().empty());
    CHECK_FALSE(rig.ui().weightsPanelOpen);  // applying closed it
    rig.send(pad(SDL_CONTROLLER_BUTTON_Y));
    rig.send(pad(SDL_CONTROLLER_BUTTON_B));  // back: the panel closes
    CHECK_FALSE(rig.ui().weightsPanelOpen);
    CHECK_FALSE(rig.ui().menu.has_value());
    rig.send(pad(SDL_CONTROLLER_BUTTON_BACK));  // help
    CHECK(rig.ui().helpVisible);
    rig.send(pad(SDL_CONTROLLER_BUTTON_B));
    CHECK_FALSE(rig.ui().helpVisible);
    CHECK(rig.send(pad(SDL_CONTROLLER_BUTTON_GUIDE)) == app::AppRequest::Screenshot);
    rig.send(pad(SDL_CONTROLLER_BUTTON_START));  // pause
    CHECK(!rig.controller().takeCommands().empty());
}

TEST_CASE("window-level keys and the window's close button come back as requests") {
    Rig rig;
    CHECK(rig.send(key(SDLK_F12)) == app::AppRequest::Screenshot);
    CHECK(rig.send(key(SDLK_F11)) == app::AppRequest::Fullscreen);
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    CHECK(rig.send(quit) == app::AppRequest::Quit);
    SDL_Event repeated = key(SDLK_F12);
    repeated.key.repeat = 1;  // a held key does not take a screenshot per repeat
    CHECK(rig.send(repeated) == app::AppRequest::None);
}

TEST_CASE("halt-all: Backspace and the pad's Share button come back as a halt request") {
    Rig rig;
    CHECK(rig.send(key(SDLK_BACKSPACE)) == app::AppRequest::Halt);
    CHECK(rig.send(pad(SDL_CONTROLLER_BUTTON_MISC1)) == app::AppRequest::Halt);
}

TEST_CASE("the arming dialog arms only on an explicit confirm") {
    Rig rig;
    // Armed already (the built-in cluster): A opens nothing.
    rig.controller().setArming(false, {});
    CHECK(rig.send(key(SDLK_a)) == app::AppRequest::None);
    CHECK_FALSE(rig.ui().armingDialogOpen);

    rig.controller().setArming(true, {"Context:    kind-bookinfo", "Server:     https://127.0.0.1:6443"});
    CHECK(rig.send(key(SDLK_y)) == app::AppRequest::None);  // Y with no dialog open does nothing
    CHECK(rig.send(key(SDLK_a)) == app::AppRequest::None);
    CHECK(rig.ui().armingDialogOpen);
    CHECK(rig.ui().armingContext.size() == 2);
    // While it is open other keys do nothing: not W (weights panel), not Delete, not Q quits... only the dialog's.
    CHECK(rig.send(key(SDLK_w)) == app::AppRequest::None);
    CHECK_FALSE(rig.ui().weightsPanelOpen);
    CHECK(rig.send(key(SDLK_x)) == app::AppRequest::None);
    CHECK(rig.controller().takeCommands().empty());
    // Escape cancels: closed, not armed.
    CHECK(rig.send(key(SDLK_ESCAPE)) == app::AppRequest::None);
    CHECK_FALSE(rig.ui().armingDialogOpen);
    // Open again; Y arms.
    CHECK(rig.send(key(SDLK_a)) == app::AppRequest::None);
    CHECK(rig.send(key(SDLK_y)) == app::AppRequest::Arm);
    CHECK_FALSE(rig.ui().armingDialogOpen);
    // Open again (still disarmed as far as the controller is told); Enter arms too.
    rig.controller().setArming(true, {});
    CHECK(rig.send(key(SDLK_a)) == app::AppRequest::None);
    CHECK(rig.send(key(SDLK_RETURN)) == app::AppRequest::Arm);
    // Once armed the dialog does not open.
    rig.controller().setArming(false, {});
    CHECK(rig.send(key(SDLK_a)) == app::AppRequest::None);
    CHECK_FALSE(rig.ui().armingDialogOpen);
}
