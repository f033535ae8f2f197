// The software renderer's magnified atlas: Canvas::sprite copies from a copy
// of the atlas magnified to the viewport's scale, and must put down the same
// pixels as SDL scaling the 1x atlas itself (tint, alpha, flip, clipping).
#include "render/sprite_atlas.hpp"

#include <doctest/doctest.h>

#include <string>

#include "render/canvas.hpp"
#include "render/renderer.hpp"
#include "render/sdl_context.hpp"
#include "render/sprite_library.hpp"
#include "render/surface.hpp"
#include "render/text_renderer.hpp"

using namespace meshlings::render;

namespace {

constexpr int kWidth = 640;
constexpr int kHeight = 360;

// One offscreen software canvas whose viewport has `logicalWidth` columns (and rows to fill its height at a whole
// scale).
struct AtlasRig {
    explicit AtlasRig(const SpriteLibrary& library, int logicalWidth)
        : target(kWidth, kHeight),
          renderer(target),
          atlas(renderer, library),
          text(renderer),
          canvas(renderer, atlas, text, Viewport(logicalWidth, kHeight / (kWidth / logicalWidth))) {
        canvas.beginFrame(8);
    }

    Surface target;
    Renderer renderer;
    SpriteAtlas atlas;
    TextRenderer text;
    Canvas canvas;
};

// What Canvas::sprite did before the magnified atlas: SDL scales the 1x atlas.
void scaledBySdl(AtlasRig& o, const std::string& name, int frame, float x, float y, const SpriteStyle& style) {
    const SDL_Rect source = o.atlas.frameRect(name, frame);
    const int scale = o.canvas.viewport().wholeScale();
    const SDL_Point at = o.canvas.viewport().toOutput(x, y);
    const SDL_Rect target{at.x, at.y, source.w * scale, source.h * scale};
    Texture& texture = o.atlas.texture();
    texture.setAlphaMod(style.alpha);
    texture.setColorMod(style.tint ? Palette::color(*style.tint) : SDL_Color{255, 255, 255, 255});
    SDL_RenderCopyEx(o.renderer.get(), texture.get(), &source, &target, 0.0, nullptr,
                     style.flipX ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE);
}

int differingPixels(const Surface& a, const Surface& b) {
    int differing = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const SDL_Color p = a.pixel(x, y);
            const SDL_Color q = b.pixel(x, y);
            if (p.r != q.r || p.g != q.g || p.b != q.b || p.a != q.a) ++differing;
        }
    }
    return differing;
}

}  // namespace

TEST_CASE("sprites from the magnified atlas have the pixels of SDL's own scaling, at scales 2, 3 and 4") {
    const SdlContext sdl(false);
    const SpriteLibrary library = SpriteLibrary::loadFolder(SpriteLibrary::defaultFolder());
    for (const int logicalWidth : {320, 213, 160}) {
        AtlasRig magnified(library, logicalWidth);
        AtlasRig scaled(library, logicalWidth);
        const int scale = magnified.canvas.viewport().wholeScale();
        CAPTURE(scale);
        REQUIRE(magnified.renderer.software());
        CHECK(magnified.atlas.magnified(scale).factor == scale);
        const SpriteStyle styles[] = {SpriteStyle{}, SpriteStyle{}.flipped(), SpriteStyle::ghost(),
                                      SpriteStyle{}.withTint(PaletteColor::LightGrey).flipped()};
        float x = -3.5F;  // the first copies hang over the left edge: clipped
        for (const std::string name : {"meshling_walk_v2", "meshling_pop", "pod_ready"}) {
            for (const SpriteStyle& style : styles) {
                magnified.canvas.sprite(name, 1, x, 20.25F, style);
                scaledBySdl(scaled, name, 1, x, 20.25F, style);
                x += 13.75F;
            }
        }
        CHECK(differingPixels(magnified.target, scaled.target) == 0);
    }
}
