#pragma once
// What a screen draws with: sprites, rectangles and text placed in logical
// playfield coordinates (320x180 by default), scaled by the Viewport's scale
// (a whole number where one fills the output, else fractional) with
// nearest-neighbour sampling; text is rendered at the output resolution,
// never below Viewport::kMinTextPixels. Holds references only: the Renderer, SpriteAtlas and
// TextRenderer belong to the caller and must outlive it.

#include <SDL.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "render/frame_backdrop.hpp"
#include "render/palette.hpp"
#include "render/renderer.hpp"
#include "render/sprite_atlas.hpp"
#include "render/text_log.hpp"
#include "render/text_renderer.hpp"
#include "render/viewport.hpp"

namespace meshlings::render {

// How one sprite copy is drawn; the defaults draw it as it is.
struct SpriteStyle {
    std::uint8_t alpha = 255;          // 255 opaque; a dry-run "ghost" is about 110
    std::optional<PaletteColor> tint;  // multiplies the colours (e.g. LightGrey dims)
    bool flipX = false;                // walking left
    int sink = 0;                      // logical rows sunk into the ground (cut off at the feet)
    int zoom = 1;                      // extra whole-number magnification (icons, gallery)

    SpriteStyle& withAlpha(std::uint8_t value) {
        alpha = value;
        return *this;
    }
    SpriteStyle& withTint(PaletteColor value) {
        tint = value;
        return *this;
    }
    SpriteStyle& flipped(bool value = true) {
        flipX = value;
        return *this;
    }
    SpriteStyle& sunk(int rows) {
        sink = rows;
        return *this;
    }
    SpriteStyle& zoomed(int factor) {
        zoom = factor;
        return *this;
    }
    // A dry-run action's target: translucent and lavender.
    static SpriteStyle ghost() { return SpriteStyle{}.withAlpha(110).withTint(PaletteColor::Lavender); }
};

struct TextStyle {
    float size = 3.0F;  // in logical pixels times the viewport's scale (at least Viewport::kMinTextPixels)
    PaletteColor color = PaletteColor::White;
    TextAlign align = TextAlign::Left;
    FontFace face = FontFace::Regular;
    bool shadow = true;
    std::uint8_t alpha = 255;

    static TextStyle of(float size, PaletteColor color, FontFace face = FontFace::Regular,
                        TextAlign align = TextAlign::Left) {
        TextStyle s;
        s.size = size;
        s.color = color;
        s.face = face;
        s.align = align;
        return s;
    }
};

class Canvas {
public:
    Canvas(Renderer& renderer, SpriteAtlas& atlas, TextRenderer& text, Viewport viewport = Viewport());

    // Fits the viewport to the renderer's current output size, paints the
    // letterbox black and the playfield dark blue with a faint grid (with
    // direct writes: copied from the FrameBackdrop kept the first time).
    void beginFrame(int gridStep = 16);

    const Viewport& viewport() const { return m_viewport; }
    SpriteAtlas& atlas() { return m_atlas; }
    Renderer& renderer() { return m_renderer; }

    // One frame of a sprite with its top-left corner at logical (x, y).
    // Fractional positions land on output pixels (smooth motion).
    void sprite(std::string_view name, int frame, float x, float y, const SpriteStyle& style = {});
    // The same with the sprite's atlas entry, for painters that look it up
    // once per frame rather than by name for each of thousands of copies.
    void sprite(const SpriteAtlas::Entry& entry, int frame, float x, float y, const SpriteStyle& style = {});
    // The frame of a looping animation at `milliseconds`.
    void animation(std::string_view name, std::uint64_t milliseconds, float x, float y, const SpriteStyle& style = {});

    void fill(const SDL_Rect& logical, PaletteColor color, std::uint8_t alpha = 255);
    // An outline `thickness` output pixels wide (1 logical pixel when 0).
    void outline(const SDL_Rect& logical, PaletteColor color, int thickness = 0, std::uint8_t alpha = 255);

    // A tooltip or HUD panel: translucent black with a one-pixel light edge.
    void panel(const SDL_Rect& logical, PaletteColor edge = PaletteColor::LightGrey);

    // Text whose top is at logical y. Returns its size in logical pixels.
    SDL_FPoint text(const std::string& text, float x, float y, const TextStyle& style = {});
    SDL_FPoint measureText(const std::string& text, const TextStyle& style = {});
    // The output pixel size a logical text size comes out at (Viewport::textPixels).
    int textPixels(float size) const;

    // The layout tests' record of every text box (nullptr: none, the default). Cleared by beginFrame.
    void setTextLog(TextLog* log) { m_log = log; }
    // Names the panel the texts drawn until endPanel() must stay in (for the TextLog; nothing is drawn).
    // `coversScreen`: a modal panel over a dimmed frame, which hides what was drawn before it.
    void beginPanel(const std::string& name, const SDL_FRect& logical, bool coversScreen = false) {
        if (m_log != nullptr) m_log->beginPanel(name, logical, coversScreen);
    }
    void beginPanel(const std::string& name, const SDL_Rect& logical, bool coversScreen = false) {
        beginPanel(name,
                   SDL_FRect{static_cast<float>(logical.x), static_cast<float>(logical.y),
                             static_cast<float>(logical.w), static_cast<float>(logical.h)},
                   coversScreen);
    }
    void endPanel() {
        if (m_log != nullptr) m_log->endPanel();
    }

private:
    void drawBackdrop(int gridStep);
    void copy(SDL_Rect source, float x, float y, const SpriteStyle& style);
    // With the software renderer a copy goes straight into its target's
    // pixels through SpanSprites; false when that does not apply.
    bool copyDirect(const SDL_Rect& source, const SDL_Rect& target, const SpriteAtlas::Magnified& from,
                    const SpriteStyle& style);

    Renderer& m_renderer;
    SpriteAtlas& m_atlas;
    TextRenderer& m_text;
    Viewport m_viewport;
    FrameBackdrop m_backdrop;
    TextLog* m_log = nullptr;
};

}  // namespace meshlings::render
