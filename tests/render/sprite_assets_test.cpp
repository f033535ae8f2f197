// The shipped sprites in assets/sprites/: they all parse, have the sizes
// the game draws them at, every required sprite exists, and they pack into
// one atlas.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include "render/gallery_screen.hpp"
#include "render/sprite_atlas.hpp"
#include "render/sprite_library.hpp"

using namespace meshlings::render;

namespace {

const SpriteLibrary& shipped() {
    static const SpriteLibrary library = SpriteLibrary::loadFolder(SpriteLibrary::defaultFolder());
    return library;
}

bool hasInk(const Sprite& sprite, int frame) {
    for (const std::uint8_t pixel : sprite.frame(frame)) {
        if (pixel != Sprite::kTransparent) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("every sprite file parses, and every frame has the sprite's size and some ink") {
    const SpriteLibrary& library = shipped();
    CHECK(library.files().size() >= 4);
    REQUIRE(!library.sprites().empty());
    for (const Sprite& sprite : library.sprites()) {
        CAPTURE(sprite.name());
        CHECK(sprite.frameCount() >= 1);
        for (int f = 0; f < sprite.frameCount(); ++f) {
            CAPTURE(f);
            CHECK(sprite.frame(f).size() == static_cast<std::size_t>(sprite.width() * sprite.height()));
            CHECK(hasInk(sprite, f));
        }
    }
}

TEST_CASE("every sprite the game needs exists") {
    for (const std::string_view name : GalleryScreen::requiredSprites()) {
        CAPTURE(name);
        CHECK(shipped().find(name) != nullptr);
    }
}

TEST_CASE("sizes and frame counts the art direction asks for") {
    const SpriteLibrary& library = shipped();
    for (const char* name :
         {"meshling_walk", "meshling_walk_v2", "meshling_walk_v3", "meshling_limp", "meshling_pop"}) {
        CAPTURE(name);
        CHECK(library.get(name).width() == 8);
        CHECK(library.get(name).height() == 10);
        CHECK(library.get(name).frameCount() >= 4);
        CHECK(library.get(name).fps() > 0);
    }
    for (const char* name : {"pod_ready", "pod_notready", "pod_crashloop", "pod_pending", "pod_creating",
                             "pod_terminating", "pod_gone", "pod_stars"}) {
        CAPTURE(name);
        CHECK(library.get(name).width() == 16);
        CHECK(library.get(name).height() == 20);
    }
    CHECK(library.get("pod_stars").frameCount() == 2);  // v2 black, v3 red
    for (const char* name :
         {"tile_platform", "tile_walkway", "tile_bridge", "tile_ramp", "tile_sign", "tile_building"}) {
        CAPTURE(name);
        CHECK(library.get(name).width() == 16);
        CHECK(library.get(name).height() == 16);
    }
    CHECK(library.get("hatch").frameCount() >= 3);
    CHECK(library.get("exit_flash").frameCount() >= 3);
    CHECK(library.get("spinner").frameCount() >= 4);
}

TEST_CASE("the atlas packs every frame without overlaps, inside its texture") {
    std::map<std::string, SpriteAtlas::Entry, std::less<>> entries;
    const Surface pixels = SpriteAtlas::pack(shipped(), entries);
    CHECK(pixels.width() == SpriteAtlas::kWidth);
    CHECK(entries.size() == shipped().sprites().size());
    std::vector<SDL_Rect> all;
    for (const auto& [name, entry] : entries) {
        CAPTURE(name);
        CHECK(static_cast<int>(entry.frames.size()) == shipped().get(name).frameCount());
        for (const SDL_Rect& rect : entry.frames) {
            CHECK(rect.w == entry.width);
            CHECK(rect.h == entry.height);
            CHECK(rect.x + rect.w <= pixels.width());
            CHECK(rect.y + rect.h <= pixels.height());
            for (const SDL_Rect& other : all) CHECK(SDL_HasIntersection(&rect, &other) == SDL_FALSE);
            all.push_back(rect);
        }
    }
    // A pixel of the first walk frame made it into the atlas in its palette colour.
    const Sprite& walk = shipped().get("meshling_walk");
    const SDL_Rect& frame = entries.at("meshling_walk").frames.at(0);
    for (int y = 0; y < walk.height(); ++y) {
        for (int x = 0; x < walk.width(); ++x) {
            const SDL_Color got = pixels.pixel(frame.x + x, frame.y + y);
            if (walk.pixel(0, x, y) == Sprite::kTransparent) {
                CHECK(got.a == 0);
            } else {
                const SDL_Color want = Palette::colorAt(walk.pixel(0, x, y));
                CHECK((got.r == want.r && got.g == want.g && got.b == want.b && got.a == 255));
            }
        }
    }
}
