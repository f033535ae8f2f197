// Issue 16, "A game flow": Escape in a running level opens a pause menu
// (Resume, Restart, Level select, Quit) instead of quitting; the world's
// clock stands still while it is open when the level runs on the game's own
// clock; quitting asks once. Driven with synthetic SDL events through the
// real EventRouter, PlayerController and WorldScreen (software renderer,
// offscreen), with keys, the mouse and the pad.
#include <doctest/doctest.h>

#include <algorithm>

#include "app/event_router.hpp"
#include "render/menu_painter.hpp"
#include "render/offscreen_screen.hpp"
#include "render/sdl_context.hpp"
#include "world/model/world.hpp"
#include "world/replay/replay_verifier.hpp"

using namespace meshlings;

namespace {

class PauseRig {
public:
    explicit PauseRig(int width = 1280, int height = 720)
        : m_offscreen(width, height),
          m_world(world::ReplayVerifier::sandboxLevel(), 5, m_offscreen.screen().effects()),
          m_router(m_offscreen.screen(), m_controller) {}

    app::AppRequest send(const SDL_Event& event) { return m_router.handle(event, m_world); }
    void draw() { m_offscreen.screen().draw(m_world, 0, m_controller.ui(m_world)); }
    const render::PlayerUi& ui() { return m_controller.ui(m_world); }
    app::PlayerController& controller() { return m_controller; }
    // One tick with the commands the controller queued (as the SessionLoop does).
    void tick() {
        for (auto& command : m_controller.takeCommands()) m_world.submit(std::move(command));
        m_world.step();
    }
    world::World& world() { return m_world; }
    const render::WorldScreen& screen() const { return m_offscreen.screen(); }

    // A window pixel over menu item `item`, found by asking the screen (after a draw).
    SDL_Point pointOver(int item, int width = 1280, int height = 720) const {
        for (int y = 0; y < height; y += 3) {
            for (int x = 0; x < width; x += 3) {
                if (screen().choiceAt(x, y) == item) return {x, y};
            }
        }
        return {-1, -1};
    }

private:
    render::SdlContext m_sdl{false};
    render::OffscreenScreen m_offscreen;
    world::World m_world;
    app::PlayerController m_controller;
    app::EventRouter m_router;
};

SDL_Event pressKey(SDL_Keycode sym) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    return e;
}

SDL_Event pressPad(SDL_GameControllerButton button) {
    SDL_Event e{};
    e.type = SDL_CONTROLLERBUTTONDOWN;
    e.cbutton.button = static_cast<Uint8>(button);
    return e;
}

SDL_Event click(int x, int y) {
    SDL_Event e{};
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = x;
    e.button.y = y;
    return e;
}

bool hasPause(const std::vector<world::Command>& commands, bool paused) {
    return std::any_of(commands.begin(), commands.end(), [paused](const world::Command& c) {
        const auto* p = std::get_if<world::SetPaused>(&c);
        return p != nullptr && p->paused == paused;
    });
}

}  // namespace

TEST_CASE("issue 16: one Escape in a running level opens the pause menu; it does not quit") {
    // Expected: Escape with nothing open shows Resume, Restart, Level select, Quit and the game goes on.
    // Observed before: Escape returned AppRequest::Quit and the window closed the level at once.
    PauseRig rig;
    rig.controller().setPausesWorld(true);
    CHECK(rig.send(pressKey(SDLK_ESCAPE)) == app::AppRequest::None);
    REQUIRE(rig.ui().menu.has_value());
    CHECK(rig.ui().menu->title == "PAUSED");
    CHECK(rig.ui().menu->items == std::vector<std::string>{"Resume", "Restart", "Level select", "Quit"});
    CHECK(rig.ui().menu->focus == 0);
    // The built-in cluster runs on the game's own clock: the world pauses while the menu is open.
    rig.tick();
    CHECK(rig.world().paused());
    const auto levelTicks = rig.world().rules().elapsedTicks();
    rig.tick();
    CHECK(rig.world().rules().elapsedTicks() == levelTicks);
    // While it is open the game's keys do nothing: no weights panel, no scaling, no selection (Tab moves
    // the menu's focus). (Delete and X, like the pad's A, choose the focused item.)
    CHECK(rig.send(pressKey(SDLK_w)) == app::AppRequest::None);
    CHECK_FALSE(rig.ui().weightsPanelOpen);
    CHECK(rig.send(pressKey(SDLK_PLUS)) == app::AppRequest::None);
    CHECK(rig.send(pressKey(SDLK_TAB)) == app::AppRequest::None);
    CHECK(rig.ui().menu->focus == 1);
    CHECK(rig.controller().takeCommands().empty());
    rig.send(pressKey(SDLK_UP));
    // Escape again resumes, and the world's clock runs again.
    CHECK(rig.send(pressKey(SDLK_ESCAPE)) == app::AppRequest::None);
    CHECK_FALSE(rig.ui().menu.has_value());
    rig.tick();
    CHECK_FALSE(rig.world().paused());
}

TEST_CASE("issue 16: Quit in the pause menu asks once; No goes back, Yes quits") {
    PauseRig rig;
    rig.send(pressKey(SDLK_ESCAPE));
    for (int i = 0; i < 3; ++i) rig.send(pressKey(SDLK_DOWN));
    CHECK(rig.ui().menu->focus == app::PauseMenu::kQuit);
    CHECK(rig.send(pressKey(SDLK_RETURN)) == app::AppRequest::None);  // asks, does not quit
    REQUIRE(rig.ui().menu.has_value());
    CHECK(rig.ui().menu->title == "QUIT?");
    CHECK(rig.ui().menu->message.front() == "Quit this level? Routing will be restored.");
    CHECK(rig.ui().menu->focus == app::PauseMenu::kNo);               // the safe answer first
    CHECK(rig.send(pressKey(SDLK_RETURN)) == app::AppRequest::None);  // No: back to the menu
    CHECK(rig.ui().menu->title == "PAUSED");
    CHECK(rig.send(pressKey(SDLK_RETURN)) == app::AppRequest::None);  // Quit again: asks again
    CHECK(rig.ui().menu->title == "QUIT?");
    CHECK(rig.send(pressKey(SDLK_ESCAPE)) == app::AppRequest::None);  // Escape: back to the menu
    CHECK(rig.ui().menu->title == "PAUSED");
    rig.send(pressKey(SDLK_RETURN));
    rig.send(pressKey(SDLK_UP));  // to Yes
    CHECK(rig.send(pressKey(SDLK_RETURN)) == app::AppRequest::Quit);
}

TEST_CASE("issue 16: the Q key in a running level asks first; Y confirms") {
    PauseRig rig;
    CHECK(rig.send(pressKey(SDLK_q)) == app::AppRequest::None);
    REQUIRE(rig.ui().menu.has_value());
    CHECK(rig.ui().menu->title == "QUIT?");
    CHECK(rig.send(pressKey(SDLK_y)) == app::AppRequest::Quit);
}

TEST_CASE("issue 16: the pause menu works with the mouse") {
    PauseRig rig;
    rig.send(pressKey(SDLK_ESCAPE));
    rig.draw();
    const SDL_Point restart = rig.pointOver(app::PauseMenu::kRestart);
    REQUIRE(restart.x >= 0);
    CHECK(rig.send(click(restart.x, restart.y)) == app::AppRequest::Restart);

    PauseRig again;
    again.send(pressKey(SDLK_ESCAPE));
    again.draw();
    const SDL_Point quit = again.pointOver(app::PauseMenu::kQuit);
    REQUIRE(quit.x >= 0);
    CHECK(again.send(click(quit.x, quit.y)) == app::AppRequest::None);  // asks
    again.draw();
    const SDL_Point yes = again.pointOver(app::PauseMenu::kYes);
    REQUIRE(yes.x >= 0);
    CHECK(again.send(click(yes.x, yes.y)) == app::AppRequest::Quit);
}

TEST_CASE("issue 16: the pause menu works with the pad (B opens and resumes, d-pad moves, A chooses)") {
    PauseRig rig;
    CHECK(rig.send(pressPad(SDL_CONTROLLER_BUTTON_B)) == app::AppRequest::None);
    REQUIRE(rig.ui().menu.has_value());
    CHECK(rig.send(pressPad(SDL_CONTROLLER_BUTTON_B)) == app::AppRequest::None);
    CHECK_FALSE(rig.ui().menu.has_value());
    rig.send(pressPad(SDL_CONTROLLER_BUTTON_B));
    rig.send(pressPad(SDL_CONTROLLER_BUTTON_DPAD_DOWN));
    rig.send(pressPad(SDL_CONTROLLER_BUTTON_DPAD_DOWN));
    CHECK(rig.send(pressPad(SDL_CONTROLLER_BUTTON_A)) == app::AppRequest::LevelSelect);
}

TEST_CASE("issue 16: on a real cluster the pause menu does not stop the world's clock") {
    PauseRig rig;
    rig.controller().setPausesWorld(false);
    rig.send(pressKey(SDLK_ESCAPE));
    REQUIRE(rig.ui().menu.has_value());
    CHECK_FALSE(hasPause(rig.controller().takeCommands(), true));
}

TEST_CASE("issue 16: a world paused with P before the menu stays paused after Resume") {
    PauseRig rig;
    rig.controller().setPausesWorld(true);
    rig.send(pressKey(SDLK_p));
    rig.tick();
    REQUIRE(rig.world().paused());
    rig.send(pressKey(SDLK_ESCAPE));
    rig.send(pressKey(SDLK_RETURN));  // Resume
    CHECK_FALSE(hasPause(rig.controller().takeCommands(), false));
}

TEST_CASE("issue 16: every text of the pause menu and its question stays inside its panel") {
    for (const auto& [w, h] : std::vector<std::pair<int, int>>{{1024, 768}, {1280, 720}, {800, 600}, {1920, 1080}}) {
        CAPTURE(w);
        PauseRig rig(w, h);
        for (int question = 0; question < 2; ++question) {
            rig.send(pressKey(question == 0 ? SDLK_ESCAPE : SDLK_q));
            rig.draw();
            const render::PanelLayout& layout = rig.screen().menuPainter().layout();
            REQUIRE(layout.texts.size() >= 3);
            CHECK(layout.buttons.size() == (question == 0 ? 4U : 2U));
            for (const SDL_FRect& box : layout.texts) {
                CHECK(box.x >= layout.panel.x);
                CHECK(box.y >= layout.panel.y);
                CHECK(box.x + box.w <= layout.panel.x + layout.panel.w);
                CHECK(box.y + box.h <= layout.panel.y + layout.panel.h);
            }
            for (std::size_t i = 0; i < layout.texts.size(); ++i) {  // no two texts overlap
                for (std::size_t j = i + 1; j < layout.texts.size(); ++j) {
                    const SDL_FRect& a = layout.texts[i];
                    const SDL_FRect& b = layout.texts[j];
                    const bool apart =
                        a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y + 0.5F || b.y + b.h <= a.y + 0.5F;
                    CHECK(apart);
                }
            }
            if (question == 0) rig.send(pressKey(SDLK_ESCAPE));
        }
    }
}
