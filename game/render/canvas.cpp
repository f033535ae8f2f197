#include "render/canvas.hpp"

#include <algorithm>
#include <cmath>

namespace meshlings::render {

namespace {

constexpr std::uint8_t kGridAlpha = 40;
constexpr std::uint8_t kPanelAlpha = 200;

}  // namespace

Canvas::Canvas(Renderer& renderer, SpriteAtlas& atlas, TextRenderer& text, Viewport viewport)
    : m_renderer(renderer), m_atlas(atlas), m_text(text), m_viewport(viewport) {}

void Canvas::beginFrame(int gridStep) {
    const SDL_Point size = m_renderer.outputSize();
    m_viewport.fit(size.x, size.y);
    if (m_log != nullptr) m_log->clear();
    m_renderer.setClip(nullptr);
    m_renderer.holdTarget();
    const FrameBackdrop::Layout layout{m_viewport.playfield(), gridStep};
    SDL_Rect clip{};
    SDL_Surface* direct = m_renderer.directTarget(clip);
    if (direct != nullptr && m_backdrop.restore(*direct, layout)) return;
    drawBackdrop(gridStep);
    if (direct != nullptr && m_renderer.directTarget(clip) == direct) m_backdrop.keep(*direct, layout);
}

void Canvas::drawBackdrop(int gridStep) {
    const SDL_Point size = m_viewport.outputSize();
    // The letterbox black, the playfield dark blue: each pixel filled once.
    const SDL_Rect field = m_viewport.playfield();
    const auto bar = [this](int x, int y, int w, int h) {
        if (w > 0 && h > 0) m_renderer.fillRect({x, y, w, h}, Palette::color(PaletteColor::Black));
    };
    bar(0, 0, size.x, field.y);
    bar(0, field.y + field.h, size.x, size.y - field.y - field.h);
    bar(0, field.y, field.x, field.h);
    bar(field.x + field.w, field.y, size.x - field.x - field.w, field.h);
    m_renderer.fillRect(field, Palette::color(PaletteColor::DarkBlue));
    if (gridStep <= 0) return;
    const SDL_Color grid = Palette::color(PaletteColor::Lavender, kGridAlpha);
    const int line = std::max(1, m_viewport.wholeScale() / 4);
    for (int x = gridStep; x < m_viewport.logicalWidth(); x += gridStep) {
        m_renderer.fillRect({m_viewport.toOutput(static_cast<float>(x), 0.0F).x, field.y, line, field.h}, grid);
    }
    for (int y = gridStep; y < m_viewport.logicalHeight(); y += gridStep) {
        m_renderer.fillRect({field.x, m_viewport.toOutput(0.0F, static_cast<float>(y)).y, field.w, line}, grid);
    }
}

void Canvas::sprite(std::string_view name, int frame, float x, float y, const SpriteStyle& style) {
    copy(m_atlas.frameRect(name, frame), x, y, style);
}

void Canvas::sprite(const SpriteAtlas::Entry& entry, int frame, float x, float y, const SpriteStyle& style) {
    copy(entry.frames.at(static_cast<std::size_t>(frame)), x, y, style);
}

void Canvas::copy(SDL_Rect source, float x, float y, const SpriteStyle& style) {
    const int sink = std::clamp(style.sink, 0, source.h);
    if (sink == source.h) return;
    source.h -= sink;
    const int zoom = std::max(1, style.zoom);
    const auto z = static_cast<float>(zoom);
    // At a fractional scale SDL stretches the 1x atlas, nearest-neighbour; at a whole one it copies pixel for pixel.
    const bool integral = m_viewport.integral();
    const SDL_Rect target = m_viewport.toOutput(x, y + static_cast<float>(sink) * z, static_cast<float>(source.w) * z,
                                                static_cast<float>(source.h) * z);
    const SpriteAtlas::Magnified from = m_atlas.magnified(integral ? m_viewport.wholeScale() * zoom : 1);
    if (integral && copyDirect(source, target, from, style)) return;
    const int f = from.factor;
    const SDL_Rect magnified{source.x * f, source.y * f, source.w * f, source.h * f};
    // A mirrored copy spares the software renderer its flip (a new surface per copy).
    const bool mirrored = style.flipX && from.mirrored != nullptr;
    Texture& texture = mirrored ? *from.mirrored : from.texture;
    texture.setAlphaMod(style.alpha);
    texture.setColorMod(style.tint ? Palette::color(*style.tint) : SDL_Color{255, 255, 255, 255});
    SDL_RenderCopyEx(m_renderer.get(), texture.get(), &magnified, &target, 0.0, nullptr,
                     style.flipX && !mirrored ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE);
}

bool Canvas::copyDirect(const SDL_Rect& source, const SDL_Rect& target, const SpriteAtlas::Magnified& from,
                        const SpriteStyle& style) {
    if (from.spans == nullptr) return false;
    const SpanSprites& spans = style.flipX ? *from.mirroredSpans : *from.spans;
    SDL_Rect clip{};
    SDL_Surface* direct = m_renderer.directTarget(clip);
    if (direct == nullptr || spans.format() != direct->format->format) return false;
    SDL_Color modulation = style.tint ? Palette::color(*style.tint) : SDL_Color{255, 255, 255, 255};
    modulation.a = style.alpha;
    return spans.copy(source, {target.x, target.y}, direct, clip, modulation);
}

void Canvas::animation(std::string_view name, std::uint64_t milliseconds, float x, float y, const SpriteStyle& style) {
    sprite(name, m_atlas.frameAt(name, milliseconds), x, y, style);
}

void Canvas::fill(const SDL_Rect& logical, PaletteColor color, std::uint8_t alpha) {
    m_renderer.fillRect(m_viewport.toOutput(logical), Palette::color(color, alpha));
}

void Canvas::outline(const SDL_Rect& logical, PaletteColor color, int thickness, std::uint8_t alpha) {
    m_renderer.drawRect(m_viewport.toOutput(logical), Palette::color(color, alpha),
                        thickness > 0 ? thickness : std::max(1, Viewport::roundToInt(m_viewport.scale())));
}

void Canvas::panel(const SDL_Rect& logical, PaletteColor edge) {
    fill(logical, PaletteColor::Black, kPanelAlpha);
    outline(logical, edge, std::max(1, m_viewport.wholeScale() / 2));
}

int Canvas::textPixels(float size) const {
    return m_viewport.textPixels(size);
}

SDL_FPoint Canvas::text(const std::string& text, float x, float y, const TextStyle& style) {
    const SDL_Point drawn =
        m_text.draw(text, m_viewport.toOutput(x, y), textPixels(style.size), Palette::color(style.color, style.alpha),
                    style.align, style.face, style.shadow);
    const float scale = m_viewport.scale();
    const SDL_FPoint size{static_cast<float>(drawn.x) / scale, static_cast<float>(drawn.y) / scale};
    if (m_log != nullptr) {
        float left = x;
        if (style.align == TextAlign::Center) left -= size.x / 2;
        if (style.align == TextAlign::Right) left -= size.x;
        m_log->add(text, {left, y, size.x, size.y});
    }
    return size;
}

SDL_FPoint Canvas::measureText(const std::string& text, const TextStyle& style) {
    const SDL_Point size = m_text.measure(text, textPixels(style.size), style.face);
    const float scale = m_viewport.scale();
    return {static_cast<float>(size.x) / scale, static_cast<float>(size.y) / scale};
}

}  // namespace meshlings::render
