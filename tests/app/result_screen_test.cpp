// Issue 16, "A game flow": the result screen freezes the session's figures
// at the tick the level ended (the probe goes on after the end while the
// routing is restored; its counters must not run on behind the screen),
// shows the objectives and the resilience score, and offers Retry, Next
// level and Level select with keys, the mouse and the pad. A short level
// played on a world fed by hand, drawn offscreen with the real WorldScreen.
#include <doctest/doctest.h>

#include "app/event_router.hpp"
#include "render/offscreen_screen.hpp"
#include "render/result_painter.hpp"
#include "render/sdl_context.hpp"
#include "world/model/world.hpp"
#include "world/replay/replay_verifier.hpp"

using namespace meshlings;

namespace {

world::Level shortLevel() {
    world::Level level = world::ReplayVerifier::sandboxLevel();
    level.id = "short";
    level.title = "A short level with a rather long title that has to fit in the result panel";
    level.sandbox = false;
    level.timeLimitSeconds = 2;
    world::Objective keep;
    keep.kind = world::ObjectiveKind::KeepServed;
    keep.percent = 90;
    keep.text = "Keep 90 % of the requests served from the first to the very last second of this level";
    level.objectives = {keep};
    return level;
}

world::ProbeObserved fullPage() {
    world::ProbeObserved probe;
    probe.probe.latencyMs = 20;
    return probe;
}

class ResultRig {
public:
    explicit ResultRig(int width = 1280, int height = 720)
        : m_level(shortLevel()),
          m_offscreen(width, height),
          m_world(m_level, 5, m_offscreen.screen().effects()),
          m_router(m_offscreen.screen(), m_controller) {
        m_world.submit(world::ConnectionChanged{world::ConnectionState::Connected, "", ""});
    }

    // One tick with a probe answer, then what the window's loop does after each tick.
    void tick() {
        m_world.submit(fullPage());
        m_world.step();
        m_controller.observeTick(m_world);
    }
    void playToEnd() {
        for (int i = 0; i < 10 * world::kTicksPerSecond && !m_world.rules().ended(); ++i) tick();
        REQUIRE(m_world.rules().ended());
    }
    app::AppRequest send(const SDL_Event& event) { return m_router.handle(event, m_world); }
    void draw() { m_offscreen.screen().draw(m_world, 0, m_controller.ui(m_world)); }
    const render::PlayerUi& ui() { return m_controller.ui(m_world); }
    world::World& world() { return m_world; }
    const render::WorldScreen& screen() const { return m_offscreen.screen(); }

private:
    render::SdlContext m_sdl{false};
    world::Level m_level;
    render::OffscreenScreen m_offscreen;
    world::World m_world;
    app::PlayerController m_controller;
    app::EventRouter m_router;
};

SDL_Event keyDown(SDL_Keycode sym) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    return e;
}

}  // namespace

TEST_CASE("issue 16: the result screen's figures stand still after the level ended") {
    // Expected: the requests, served and success shown are those of the tick the level ended.
    // Observed before: the result screen read world.hud() every frame, and the counters kept running.
    ResultRig rig;
    rig.playToEnd();
    const auto requestsAtEnd = rig.world().hud().requests;
    for (int i = 0; i < 120; ++i) rig.tick();  // the probe goes on after the end
    REQUIRE(rig.world().hud().requests > requestsAtEnd);
    const render::PlayerUi& ui = rig.ui();
    REQUIRE(ui.resultVisible);
    REQUIRE(ui.finalHud.has_value());
    CHECK(ui.finalHud->requests == requestsAtEnd);
    CHECK(ui.finalHud->result == world::LevelResult::Won);
    REQUIRE(ui.finalScore.has_value());
    CHECK(ui.finalScore->requests == requestsAtEnd);
}

TEST_CASE("issue 16: the result screen offers Retry, Next level and Level select (keys, mouse, pad)") {
    ResultRig rig;
    rig.playToEnd();
    CHECK(rig.ui().resultChoices == std::vector<std::string>{"Retry", "Next level", "Level select"});
    CHECK(rig.ui().resultFocus == app::PlayerController::kNextLevel);  // won: next level first
    CHECK(rig.send(keyDown(SDLK_RETURN)) == app::AppRequest::NextLevel);
    rig.send(keyDown(SDLK_LEFT));
    CHECK(rig.send(keyDown(SDLK_RETURN)) == app::AppRequest::Restart);

    SDL_Event a{};
    a.type = SDL_CONTROLLERBUTTONDOWN;
    a.cbutton.button = SDL_CONTROLLER_BUTTON_DPAD_RIGHT;
    rig.send(a);
    rig.send(a);
    a.cbutton.button = SDL_CONTROLLER_BUTTON_A;
    CHECK(rig.send(a) == app::AppRequest::LevelSelect);

    rig.draw();
    int clicked = -2;
    for (int y = 0; y < 720 && clicked == -2; y += 3) {
        for (int x = 0; x < 1280; x += 3) {
            if (rig.screen().choiceAt(x, y) != app::PlayerController::kRetry) continue;
            SDL_Event click{};
            click.type = SDL_MOUSEBUTTONDOWN;
            click.button.button = SDL_BUTTON_LEFT;
            click.button.x = x;
            click.button.y = y;
            CHECK(rig.send(click) == app::AppRequest::Restart);
            clicked = 0;
            break;
        }
    }
    CHECK(clicked == 0);
    // Escape leaves the result screen to look at the map; the next Escape opens the pause menu.
    CHECK(rig.send(keyDown(SDLK_ESCAPE)) == app::AppRequest::None);
    CHECK_FALSE(rig.ui().resultVisible);
    CHECK(rig.send(keyDown(SDLK_ESCAPE)) == app::AppRequest::None);
    CHECK(rig.ui().menu.has_value());
}

TEST_CASE("issue 16: every text of the result screen stays inside its panel") {
    for (const auto& [w, h] : std::vector<std::pair<int, int>>{{1024, 768}, {1280, 720}, {800, 600}, {1920, 1080}}) {
        CAPTURE(w);
        ResultRig rig(w, h);
        rig.playToEnd();
        rig.draw();
        const render::PanelLayout& layout = rig.screen().resultPainter().layout();
        REQUIRE(layout.texts.size() >= 8);  // title, level, objectives, figures, score, breakdown, buttons
        CHECK(layout.buttons.size() == 3);
        for (const SDL_FRect& box : layout.texts) {
            CHECK(box.x >= layout.panel.x);
            CHECK(box.y >= layout.panel.y);
            CHECK(box.x + box.w <= layout.panel.x + layout.panel.w);
            CHECK(box.y + box.h <= layout.panel.y + layout.panel.h);
        }
        for (std::size_t i = 0; i < layout.texts.size(); ++i) {
            for (std::size_t j = i + 1; j < layout.texts.size(); ++j) {
                const SDL_FRect& p = layout.texts[i];
                const SDL_FRect& q = layout.texts[j];
                const bool apart = p.x + p.w <= q.x + 0.5F || q.x + q.w <= p.x + 0.5F || p.y + p.h <= q.y + 0.5F ||
                                   q.y + q.h <= p.y + 0.5F;
                CAPTURE(i);
                CAPTURE(j);
                CHECK(apart);
            }
        }
    }
}
