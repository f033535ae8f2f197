// WorldScreen drawn by the software renderer: a populated world (pods in
// every state, meshlings of every outcome, overlays) comes out as a real
// picture with the pods at their slots, the mouse maps back to tiles at
// several window sizes, and the weights panel answers hit tests. Screenshots
// go to the temp folder, and to MESHLINGS_SCREENSHOT_DIR when it is set.
#include <SDL.h>
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "surface_colours.hpp"
#include "world_screen_rig.hpp"

using namespace meshlings::render;
using meshlings::render::test::WorldScreenRig;
namespace w = meshlings::world;

using meshlings::render::test::distinctColours;

namespace {

bool same(SDL_Color a, SDL_Color b) {
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

PlayerUi everythingUi() {
    PlayerUi ui;
    ui.helpLines = {{"click / Tab", "select a pod"}, {"Del / X", "delete the selected pod"},
                    {"W", "reviews weights panel"},  {"Space", "pause"},
                    {"F1 / H", "this help"},         {"Esc", "quit"}};
    ui.banner = "DRY RUN: not armed";
    ui.panelWeights = w::ReviewsWeights::of(20, 30, 50);
    return ui;
}

}  // namespace

TEST_CASE("a populated world is drawn as a picture with the pods at their slots") {
    WorldScreenRig empty(1280, 720);
    empty.draw();
    const Surface before = Surface::loadBmp(empty.save("meshlings-world-empty.bmp").string());

    WorldScreenRig rig(1280, 720);
    rig.populate();
    rig.draw(0.5);
    CHECK(rig.canvas().viewport().scale() == 2);
    const Surface shot = Surface::loadBmp(rig.save("meshlings-world.bmp").string());
    CHECK(shot.width() == 1280);
    CHECK(shot.height() == 720);
    CHECK(distinctColours(shot) > 40);

    const Viewport& vp = rig.canvas().viewport();
    int checked = 0;
    for (const auto& [name, pod] : rig.world().pods().all()) {
        if (!pod.node || pod.gone || pod.observed.state == w::PodState::Pending) continue;
        const SDL_Rect r =
            vp.toOutput(SDL_Rect{static_cast<int>(pod.at.x * 16) - 6, static_cast<int>(pod.at.y * 16) - 16, 12, 12});
        int differing = 0;
        int total = 0;
        for (int y = r.y; y < r.y + r.h; ++y) {
            for (int x = r.x; x < r.x + r.w; ++x) {
                ++total;
                if (!same(shot.pixel(x, y), before.pixel(x, y))) ++differing;
            }
        }
        INFO(name << " at " << pod.at.x << "," << pod.at.y);
        CHECK(differing * 3 > total);
        ++checked;
    }
    CHECK(checked >= 6);
}

TEST_CASE("every pod state, outcome and overlay draws without throwing") {
    WorldScreenRig rig(1280, 720);
    rig.populate();
    std::set<w::PodState> states;
    for (const auto& [name, pod] : rig.world().pods().all()) states.insert(pod.observed.state);
    CHECK(states.size() == 6);
    PlayerUi ui = everythingUi();
    for (int frame = 0; frame < 40; ++frame) {
        ui.hoveredPod = frame % 2 == 0 ? std::string("details-v1-crash-b") : std::string();
        ui.weightsPanelOpen = frame % 4 == 1;
        ui.helpVisible = frame % 5 == 2;
        ui.resultVisible = frame % 7 == 3;
        ui.panelFocus = frame % 3;
        CHECK_NOTHROW(rig.draw(static_cast<double>(frame % 10) / 10.0, ui));
        rig.run(3);
    }
    rig.world().submit(w::SetPaused{true});
    rig.world().submit(w::ConnectionChanged{w::ConnectionState::Lost, "connection refused", "TCP connect"});
    rig.world().step();
    CHECK_NOTHROW(rig.draw(0.0, ui));
}

TEST_CASE("tileAt inverts the drawing at several window sizes") {
    for (const auto& [width, height] :
         {std::pair{1280, 720}, std::pair{1920, 1080}, std::pair{1366, 768}, std::pair{3840, 2160}}) {
        WorldScreenRig rig(width, height);
        rig.draw();
        const Viewport& vp = rig.canvas().viewport();
        for (const w::Vec2 tile :
             {w::Vec2{0.5F, 0.5F}, w::Vec2{9.25F, 8.5F}, w::Vec2{35.5F, 13.75F}, w::Vec2{39.9F, 21.9F}}) {
            const SDL_Point out = vp.toOutput(tile.x * 16, tile.y * 16);
            const auto back = rig.screen().tileAt(out.x, out.y);
            INFO(width << "x" << height << " tile " << tile.x << "," << tile.y);
            REQUIRE(back.has_value());
            CHECK(std::abs(back->x - tile.x) < 0.07F);
            CHECK(std::abs(back->y - tile.y) < 0.07F);
        }
        const SDL_Rect field = vp.playfield();
        if (field.x > 0) CHECK_FALSE(rig.screen().tileAt(field.x - 1, height / 2).has_value());
        CHECK_FALSE(rig.screen().tileAt(-5, -5).has_value());
    }
}

TEST_CASE("a pod picked with tileAt is the pod drawn there") {
    WorldScreenRig rig(1920, 1080);
    rig.populate();
    rig.draw();
    const Viewport& vp = rig.canvas().viewport();
    for (const w::Pod* pod : rig.world().pods().inMapOrder()) {
        const SDL_Point out = vp.toOutput(pod->at.x * 16, pod->at.y * 16 - 8);
        const auto tile = rig.screen().tileAt(out.x, out.y);
        REQUIRE(tile.has_value());
        const w::Pod* picked = rig.world().pods().podAt(*tile);
        REQUIRE(picked != nullptr);
        CHECK(picked->observed.name == pod->observed.name);
    }
}

TEST_CASE("the weights panel answers which slider and which value is under the mouse") {
    WorldScreenRig rig(1280, 720);
    PlayerUi ui = everythingUi();
    rig.draw(0, ui);
    CHECK(rig.screen().weightsPanelSlotAt(640, 360) == -1);  // closed
    CHECK_FALSE(rig.screen().weightsPanelValueAt(640).has_value());
    ui.weightsPanelOpen = true;
    rig.draw(0, ui);
    rig.save("meshlings-world-weights.bmp");
    const Viewport& vp = rig.canvas().viewport();
    for (int slot = 0; slot < 3; ++slot) {
        const SDL_Point row = vp.toOutput(300.0F, static_cast<float>(128 + 26 * slot + 3));
        CHECK(rig.screen().weightsPanelSlotAt(row.x, row.y) == slot);
    }
    const SDL_Point start = vp.toOutput(240.0F, 0);
    const SDL_Point end = vp.toOutput(370.0F, 0);
    const SDL_Point mid = vp.toOutput(305.0F, 0);
    CHECK(rig.screen().weightsPanelValueAt(start.x) == 0);
    CHECK(rig.screen().weightsPanelValueAt(end.x) == 100);
    CHECK(rig.screen().weightsPanelValueAt(mid.x) == 50);
    CHECK(rig.screen().weightsPanelSlotAt(5, 5) == -1);
}

TEST_CASE("screenshots of the overlays for a person to look at") {
    WorldScreenRig rig(1280, 720);
    rig.populate();
    PlayerUi ui = everythingUi();
    ui.helpVisible = true;
    rig.draw(0.3, ui);
    rig.save("meshlings-world-help.bmp");
    ui.helpVisible = false;
    ui.resultVisible = true;
    rig.draw(0.3, ui);
    rig.save("meshlings-world-result.bmp");
    ui.resultVisible = false;
    rig.world().submit(
        w::ConnectionChanged{w::ConnectionState::Failed, "connection refused (127.0.0.1:6443)", "TCP connect"});
    rig.world().step();
    rig.draw(0.3, ui);
    rig.save("meshlings-world-disconnected.bmp");
    WorldScreenRig big(1920, 1080);
    big.populate();
    big.draw(0.5);
    const Surface shot = Surface::loadBmp(big.save("meshlings-world-1080p.bmp").string());
    CHECK(shot.width() == 1920);
}
