// With the software renderer, opaque sprites (SpanSprites) and translucent
// fills into XRGB8888 (blendFillXrgb8888) are written straight into the
// target's pixels instead of through SDL. These tests draw the same things
// both ways and require the very same bytes: whole game frames with a crowd,
// effects, panels and overlays in both 32-bit formats the game draws into,
// and single sprites (plain, tinted, translucent) cut by the surface's edges
// and by a clip rectangle.
#include <doctest/doctest.h>

#include <cstring>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "render/blend_fill.hpp"
#include "world_screen_rig.hpp"

namespace r = meshlings::render;
namespace w = meshlings::world;
namespace common = meshlings::common;

namespace {

// Where two frames differ: the first differing pixel, for the failure message.
std::string firstDifference(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b, int pitch) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (a[i] != b[i]) {
            const auto offset = static_cast<int>(i);
            return "first difference at x=" + std::to_string(offset % pitch / 4) +
                   " y=" + std::to_string(offset / pitch);
        }
    }
    return a.size() == b.size() ? "none" : "sizes differ";
}

// A rig drawn with the crowd of a busy minute: every outcome, both ways of facing, exits and deaths.
void busy(r::test::WorldScreenRig& rig) {
    rig.populate();
    w::ProbeResult full;
    full.reviewsVersion = common::ReviewsVersion::V3;
    full.latencyMs = 40;
    w::ProbeResult slow = full;
    slow.reviewsVersion = common::ReviewsVersion::V2;
    slow.latencyMs = 2500;
    w::ProbeResult failed;
    failed.outcome = common::PageOutcome::Failed;
    failed.failedAt = common::PagePart::Reviews;
    for (int i = 0; i < 120; ++i) {
        rig.world().submit(w::ProbeObserved{i % 3 == 0 ? slow : full});
        if (i % 7 == 0) rig.world().submit(w::ProbeObserved{failed});
        rig.run(3);
    }
}

struct Format {
    Uint32 format;
    const char* name;
};

constexpr Format kFormats[] = {{SDL_PIXELFORMAT_RGBA32, "RGBA32"}, {SDL_PIXELFORMAT_RGB888, "XRGB8888"}};

}  // namespace

TEST_CASE("direct writes draw the same game frames as SDL, byte for byte") {
    for (const Format& f : kFormats) {
        const std::string formatName = f.name;
        CAPTURE(formatName);
        r::test::WorldScreenRig sdl(1280, 720, "test-delete", f.format);
        r::test::WorldScreenRig direct(1280, 720, "test-delete", f.format);
        sdl.renderer().setDirectWrites(false);
        busy(sdl);
        busy(direct);
        CHECK(direct.world().meshlings().size() > 50);

        r::PlayerUi help;
        help.helpVisible = true;
        help.helpLines = {{"Del", "delete the selected pod"}, {"W", "reviews weights"}};
        r::PlayerUi panel;
        panel.weightsPanelOpen = true;
        panel.panelWeights = w::ReviewsWeights::of(20, 30, 50);
        panel.banner = "DRY RUN: not armed";
        r::PlayerUi result;
        result.resultVisible = true;
        for (const r::PlayerUi* ui : {&panel, &help, &result}) {
            for (const double alpha : {0.0, 0.37}) {
                sdl.draw(alpha, *ui);
                direct.draw(alpha, *ui);
                const auto a = r::test::targetBytes(sdl.renderer());
                const auto b = r::test::targetBytes(direct.renderer());
                INFO(firstDifference(a, b, direct.renderer().softwareTarget()->pitch));
                CHECK(a == b);
            }
        }
    }
}

// A small canvas (48x32 logical at scale 2 on 96x64, unless told) with its own atlas and fonts.
struct SmallCanvas {
    explicit SmallCanvas(Uint32 format, int logicalWidth = 48, int logicalHeight = 32)
        : surface(logicalWidth * 2, logicalHeight * 2, format),
          renderer(surface),
          atlas(renderer, r::SpriteLibrary::loadFolder(r::SpriteLibrary::defaultFolder())),
          text(renderer),
          canvas(renderer, atlas, text, r::Viewport(logicalWidth, logicalHeight)) {}
    r::Surface surface;
    r::Renderer renderer;
    r::SpriteAtlas atlas;
    r::TextRenderer text;
    r::Canvas canvas;
};

TEST_CASE("direct sprite copies are cut by the surface's edges and the clip rectangle as SDL cuts them") {
    r::SdlContext context(false);
    for (const Format& f : kFormats) {
        const std::string formatName = f.name;
        CAPTURE(formatName);
        SmallCanvas sdl(f.format);
        SmallCanvas direct(f.format);
        sdl.renderer.setDirectWrites(false);
        const auto drawAll = [](SmallCanvas& small, const SDL_Rect* clip) {
            r::Canvas& canvas = small.canvas;
            canvas.beginFrame();
            REQUIRE(canvas.viewport().scale() == 2);
            small.renderer.setClip(clip);
            const float places[][2] = {{-3.5F, -4.0F}, {40.5F, 27.0F}, {44.0F, -2.0F}, {-2.0F, 28.0F}, {20.0F, 10.0F}};
            for (const auto& at : places) {
                canvas.sprite("meshling_walk", 1, at[0], at[1]);
                canvas.sprite("meshling_walk_v3", 2, at[0] + 5.0F, at[1], r::SpriteStyle{}.flipped());
                canvas.sprite("meshling_pop", 0, at[0], at[1] + 3.0F, r::SpriteStyle{}.sunk(4));
                canvas.sprite("meshling_limp", 0, at[0] + 2.0F, at[1] + 2.0F, r::SpriteStyle{}.zoomed(2));
                // Modulated: straight into XRGB8888, through SDL into RGBA32.
                canvas.sprite("meshling_walk", 3, at[0] + 1.0F, at[1] + 1.0F, r::SpriteStyle::ghost());
                canvas.sprite("meshling_walk_v2", 0, at[0] - 2.0F, at[1] + 4.0F,
                              r::SpriteStyle{}.withTint(r::PaletteColor::LightGrey).flipped());
                canvas.sprite("meshling_pop", 1, at[0] + 3.0F, at[1] - 1.0F, r::SpriteStyle{}.withAlpha(31));
                canvas.fill({static_cast<int>(at[0]), static_cast<int>(at[1]), 9, 5}, r::PaletteColor::Black, 200);
                canvas.fill({static_cast<int>(at[0]) + 3, static_cast<int>(at[1]) + 2, 6, 6}, r::PaletteColor::Red, 77);
            }
        };
        const SDL_Rect clip{10, 7, 50, 31};
        for (const SDL_Rect* c : {static_cast<const SDL_Rect*>(nullptr), &clip}) {
            drawAll(sdl, c);
            drawAll(direct, c);
            const auto a = r::test::targetBytes(sdl.renderer);
            const auto b = r::test::targetBytes(direct.renderer);
            INFO(firstDifference(a, b, direct.surface.get()->pitch));
            CHECK(a == b);
            // Something was drawn: many colours, not the background alone.
            std::set<std::uint32_t> colours;
            for (std::size_t i = 0; i + 4 <= b.size(); i += 4) {
                std::uint32_t pixel = 0;
                std::memcpy(&pixel, &b[i], 4);
                colours.insert(pixel);
            }
            CHECK(colours.size() > 8);
        }
    }
}

TEST_CASE("tinted and translucent sprite copies match SDL's for every alpha, tint and background colour") {
    r::SdlContext context(false);
    SmallCanvas sdl(SDL_PIXELFORMAT_RGB888, 256, 192);
    SmallCanvas direct(SDL_PIXELFORMAT_RGB888, 256, 192);
    sdl.renderer.setDirectWrites(false);
    const r::PaletteColor colours[] = {r::PaletteColor::Black,    r::PaletteColor::White,  r::PaletteColor::Red,
                                       r::PaletteColor::Lavender, r::PaletteColor::Orange, r::PaletteColor::DarkBlue,
                                       r::PaletteColor::LightGrey};
    const auto drawAll = [&colours](SmallCanvas& small) {
        r::Canvas& canvas = small.canvas;
        canvas.beginFrame(0);
        // Stripes of every colour under the sprites, 5 logical pixels wide.
        for (int x = 0, i = 0; x < 256; x += 5, ++i) {
            canvas.fill({x, 0, 5, 192}, colours[static_cast<std::size_t>(i) % std::size(colours)]);
        }
        int place = 0;
        for (int alpha = 1; alpha <= 255; alpha += 2) {
            for (const auto tint : {std::optional<r::PaletteColor>{}, std::optional{r::PaletteColor::Red},
                                    std::optional{r::PaletteColor::LightGrey}}) {
                r::SpriteStyle style = r::SpriteStyle{}.withAlpha(static_cast<std::uint8_t>(alpha));
                style.tint = tint;
                const float x = static_cast<float>((place * 7) % 250) - 2.0F;
                const float y = static_cast<float>((place * 7) / 250 * 9 % 185);
                canvas.sprite(place % 2 == 0 ? "meshling_walk" : "meshling_walk_v3", place % 4, x, y,
                              style.flipped(place % 3 == 0));
                ++place;
            }
        }
    };
    drawAll(sdl);
    drawAll(direct);
    const auto a = r::test::targetBytes(sdl.renderer);
    const auto b = r::test::targetBytes(direct.renderer);
    INFO(firstDifference(a, b, direct.surface.get()->pitch));
    CHECK(a == b);
}

TEST_CASE("the blended fill matches SDL's for every alpha and every background level") {
    r::SdlContext context(false);
    r::Surface ours(256, 255, SDL_PIXELFORMAT_RGB888);
    r::Surface theirs(256, 255, SDL_PIXELFORMAT_RGB888);
    REQUIRE(r::isXrgb8888(ours.get()));
    CHECK_FALSE(r::isXrgb8888(r::Surface(4, 4).get()));
    // Row a (1..255 alpha), column v: background grey level v; a colour with every channel different.
    for (int y = 0; y < 255; ++y) {
        for (int x = 0; x < 256; ++x) {
            const auto v = static_cast<Uint8>(x);
            const Uint32 grey = SDL_MapRGB(ours.get()->format, v, static_cast<Uint8>(255 - v), v);
            static_cast<Uint32*>(ours.get()->pixels)[y * ours.get()->pitch / 4 + x] = grey;
            static_cast<Uint32*>(theirs.get()->pixels)[y * theirs.get()->pitch / 4 + x] = grey;
        }
    }
    r::Renderer renderer(theirs);
    renderer.setDirectWrites(false);
    for (int y = 0; y < 255; ++y) {
        const SDL_Color color{201, 17, 99, static_cast<Uint8>(y + 1)};
        const SDL_Rect row{0, y, 256, 1};
        r::blendFillXrgb8888(ours.get(), row, color);
        renderer.fillRect(row, color);
    }
    SDL_RenderFlush(renderer.get());
    CHECK(std::memcmp(ours.get()->pixels, theirs.get()->pixels,
                      static_cast<std::size_t>(ours.get()->pitch) * static_cast<std::size_t>(ours.get()->h)) == 0);
}
