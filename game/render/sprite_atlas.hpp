#pragma once
// Every sprite frame of a SpriteLibrary packed into one texture at start-up:
// look a frame up by sprite name and frame number to get its source
// rectangle, or the frame an animation shows at a given time. Owns the
// texture; the Renderer must outlive it. Canvas draws from it.
// With the software renderer it also keeps copies of the texture magnified
// by whole numbers (made on first use of each scale), so a sprite is copied
// pixel for pixel instead of through SDL's much slower scaling blitter.

#include <SDL.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "render/renderer.hpp"
#include "render/span_sprites.hpp"
#include "render/sprite_library.hpp"
#include "render/surface.hpp"
#include "render/texture.hpp"

namespace meshlings::render {

class SpriteAtlas {
public:
    struct Entry {
        int width = 0;
        int height = 0;
        int fps = 0;
        std::vector<SDL_Rect> frames;  // source rectangles in the texture
    };

    static constexpr int kWidth = 512;

    // Packs the sprites into pixels (no renderer needed; tests use this).
    static Surface pack(const SpriteLibrary& library, std::map<std::string, Entry, std::less<>>& entries);

    // Throws SdlError when the texture cannot be made.
    SpriteAtlas(Renderer& renderer, const SpriteLibrary& library);

    bool has(std::string_view name) const { return m_entries.find(name) != m_entries.end(); }
    // Throws std::out_of_range naming the sprite when it is missing.
    const Entry& entry(std::string_view name) const;
    // Throws std::out_of_range when the sprite or the frame is missing.
    const SDL_Rect& frameRect(std::string_view name, int frame) const;
    int frameCount(std::string_view name) const { return static_cast<int>(entry(name).frames.size()); }
    // The frame a looping animation shows `milliseconds` after it started
    // (frame 0 for sprites without fps).
    int frameAt(std::string_view name, std::uint64_t milliseconds) const;
    // The same, played once: stays on the last frame.
    int frameOnce(std::string_view name, std::uint64_t milliseconds) const;

    Texture& texture() { return m_texture; }

    // Bit i set when pixel i (from the left) of `row` of the frame at 1x
    // `source` is opaque; frames up to 32 pixels wide.
    std::uint32_t opaqueRow(const SDL_Rect& source, int row) const;

    // The texture to copy from at `scale` output pixels per sprite pixel, and
    // the magnification already in it (source rectangles times `factor`):
    // with the software renderer a copy magnified `scale` times (factor ==
    // scale, up to kMaxMagnified) and the same with every frame mirrored in
    // its own rectangle (for sprites facing left); otherwise texture(),
    // factor 1 and no mirrored copy (SDL flips). With the software renderer
    // also the opaque runs of both copies in its target's pixel format, for
    // copying straight into the target's pixels.
    struct Magnified {
        Texture& texture;
        Texture* mirrored = nullptr;
        int factor = 1;
        const SpanSprites* spans = nullptr;
        const SpanSprites* mirroredSpans = nullptr;
    };
    static constexpr int kMaxMagnified = 6;
    Magnified magnified(int scale);

private:
    Renderer& m_renderer;
    bool m_software;  // asked once: magnified() runs for every sprite copy
    std::map<std::string, Entry, std::less<>> m_entries;
    Surface m_pixels;  // the packed sprites, kept to magnify and for opaqueRow
    Texture m_texture;
    struct Copies {
        Texture plain;
        Texture mirrored;
        SpanSprites plainSpans;
        SpanSprites mirroredSpans;
    };
    std::vector<SDL_Rect> allFrames() const;
    std::map<int, Copies> m_magnified;
};

}  // namespace meshlings::render
