#include "render/gallery_screen.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace meshlings::render {

namespace {

constexpr float kMargin = 4.0F;
constexpr float kGroupGap = 7.0F;
constexpr float kFrameGap = 2.0F;
constexpr float kLabelHeight = 4.0F;
constexpr float kLabelSize = 2.75F;
constexpr std::uint8_t kLiveBoxAlpha = 90;

const TextStyle kLabel{kLabelSize, PaletteColor::LightGrey};

}  // namespace

const std::vector<std::string_view>& GalleryScreen::requiredSprites() {
    static const std::vector<std::string_view> kSprites = {
        "meshling_walk", "meshling_walk_v2", "meshling_walk_v3", "meshling_limp", "meshling_pop", "pod_ready",
        "pod_notready",  "pod_crashloop",    "pod_gone",         "pod_pending",   "pod_creating", "pod_terminating",
        "pod_stars",     "tile_platform",    "tile_walkway",     "tile_bridge",   "tile_ramp",    "tile_sign",
        "tile_building", "icon_star",        "plus_one",         "hatch",         "exit_door",    "exit_flash",
        "spinner",       "sparkle",          "selection",        "pod_sick",
    };
    return kSprites;
}

GalleryScreen::GalleryScreen(Canvas& canvas) : m_canvas(canvas) {}

void GalleryScreen::draw(std::uint64_t milliseconds) {
    m_milliseconds = milliseconds;
    m_canvas.beginFrame();
    title();

    beginRow(10.0F);
    frames("meshling_walk", "walk (v1: no star)");
    frames("meshling_walk_v2", "walk v2");
    frames("meshling_walk_v3", "walk v3");
    frames("meshling_limp", "degraded: limp");
    frames("meshling_pop", "failed: meshling_pop");

    beginRow(29.0F);
    frames("pod_ready", "Ready: pod_ready");
    frames("pod_notready", "Running, not ready");
    frames("pod_crashloop", "CrashLoopBackOff");
    frames("pod_gone", "gone");
    frames("pod_sick", "sick: answers fail");

    beginRow(58.0F);
    frames("pod_pending", "Pending");
    frames("pod_creating", "ContainerCreating");
    terminatingLive();
    reviewsPods();

    beginRow(87.0F);
    frames("tile_platform");
    frames("tile_walkway", "walkway");
    frames("tile_bridge", "bridge");
    frames("tile_ramp");
    frames("tile_sign");
    frames("tile_building", "building");
    frames("icon_star");

    beginRow(112.0F);
    frames("hatch", "hatch (ingress)");
    frames("exit_door", "exit_door (browser)");
    frames("exit_flash");
    frames("plus_one", "+1");

    beginRow(139.0F);
    frames("spinner");
    frames("sparkle");
    frames("selection");
    styles();

    palette(kMargin, 170.0F);
    tooltip(206.0F, 167.0F);
}

void GalleryScreen::title() {
    m_canvas.text("MESHLINGS  sprite gallery", kMargin, 1.5F,
                  {3.5F, PaletteColor::Yellow, TextAlign::Left, FontFace::Bold});
    const Viewport& view = m_canvas.viewport();
    char scale[16];
    std::snprintf(scale, sizeof scale, "%g", static_cast<double>(view.scale()));
    const std::string info = std::to_string(view.logicalWidth()) + "x" + std::to_string(view.logicalHeight()) + " x" +
                             scale + "  " + std::to_string(m_milliseconds) + " ms" +
                             "  (animated copies on dark squares)";
    m_canvas.text(info, static_cast<float>(view.logicalWidth()) - kMargin, 2.0F,
                  {kLabelSize, PaletteColor::Lavender, TextAlign::Right});
}

void GalleryScreen::beginRow(float y) {
    m_x = kMargin;
    m_y = y;
}

float GalleryScreen::label(std::string_view text, float x, float y) {
    return m_canvas.text(std::string(text), x, y, kLabel).x;
}

void GalleryScreen::liveBox(float x, float y, int width, int height) {
    m_canvas.fill({static_cast<int>(x) - 1, static_cast<int>(y) - 1, width + 2, height + 2}, PaletteColor::Black,
                  kLiveBoxAlpha);
}

void GalleryScreen::frames(std::string_view sprite, std::string_view text, const SpriteStyle& style) {
    const SpriteAtlas::Entry& entry = m_canvas.atlas().entry(sprite);
    const float startX = m_x;
    const float labelWidth = label(text.empty() ? sprite : text, startX, m_y);
    float x = startX;
    const float top = m_y + kLabelHeight;
    const int count = static_cast<int>(entry.frames.size());
    for (int f = 0; f < count; ++f) {
        m_canvas.sprite(sprite, f, x, top, style);
        x += static_cast<float>(entry.width) + kFrameGap;
    }
    if (count > 1 && entry.fps > 0) {
        x += 1.0F;
        liveBox(x, top, entry.width, entry.height);
        m_canvas.animation(sprite, m_milliseconds, x, top, style);
        x += static_cast<float>(entry.width) + kFrameGap;
    }
    m_x = std::max(x, startX + labelWidth) + kGroupGap;
}

void GalleryScreen::terminatingLive() {
    // The frames as drawn, then the live copy sinking and shaking as a world
    // renderer draws a pod through its grace period.
    const float startX = m_x;
    label("Terminating (sinks)", startX, m_y);
    const float top = m_y + kLabelHeight;
    float x = startX;
    for (int f = 0; f < 4; ++f) {
        m_canvas.sprite("pod_terminating", f, x, top, SpriteStyle{}.sunk(f * 4));
        x += 18.0F;
    }
    x += 1.0F;
    liveBox(x, top, 16, 20);
    const int sink = static_cast<int>((m_milliseconds / 120) % 24);
    const float shake = (m_milliseconds / 50) % 2 == 0 ? -0.25F : 0.25F;
    m_canvas.animation("pod_terminating", m_milliseconds, x + shake, top, SpriteStyle{}.sunk(std::min(sink, 20)));
    m_x = x + 18.0F + kGroupGap;
}

void GalleryScreen::reviewsPods() {
    const float startX = m_x;
    label("reviews v1 v2 v3", startX, m_y);
    const float top = m_y + kLabelHeight;
    for (int version = 0; version < 3; ++version) {
        const float x = startX + static_cast<float>(version) * 18.0F;
        m_canvas.animation("pod_ready", m_milliseconds, x, top);
        if (version > 0) m_canvas.sprite("pod_stars", version - 1, x, top);
    }
    m_x = startX + 54.0F + kGroupGap;
}

void GalleryScreen::styles() {
    const float startX = m_x;
    label("styles: ghost, left, selected", startX, m_y);
    const float top = m_y + kLabelHeight;
    m_canvas.sprite("pod_ready", 0, startX, top + 2.0F, SpriteStyle::ghost());
    m_canvas.animation("meshling_walk_v3", m_milliseconds, startX + 20.0F, top + 12.0F, SpriteStyle{}.flipped());
    m_canvas.animation("pod_crashloop", m_milliseconds, startX + 32.0F, top + 2.0F);
    m_canvas.animation("selection", m_milliseconds, startX + 30.0F, top);
    m_canvas.animation("spinner", m_milliseconds, startX + 52.0F, top + 2.0F);
    m_x = startX + 62.0F + kGroupGap;
}

void GalleryScreen::tooltip(float x, float y) {
    // What a selected pod shows next to its selection brackets.
    const std::string name = "reviews-v3-7d9f4c-x2k1";
    const std::string status = "READY 0/2  age 3m  restarts 5";
    const TextStyle bold{kLabelSize, PaletteColor::White, TextAlign::Left, FontFace::Bold};
    const TextStyle warn{kLabelSize, PaletteColor::Pink};
    const float width = std::max(m_canvas.measureText(name, bold).x, m_canvas.measureText(status, warn).x);
    m_canvas.panel({static_cast<int>(x), static_cast<int>(y), static_cast<int>(width) + 5, 12}, PaletteColor::Yellow);
    m_canvas.text(name, x + 2.0F, y + 0.75F, bold);
    m_canvas.text(status, x + 2.0F, y + 5.75F, warn);
}

void GalleryScreen::palette(float x, float y) {
    // The 16 colours with the letter each has in the sprite files.
    const float labelWidth = label("palette letters", x, y + 1.0F);
    const int left = static_cast<int>(x + labelWidth) + 3;
    for (int i = 0; i < Palette::kSize; ++i) {
        const auto color = static_cast<PaletteColor>(i);
        const int swatchX = left + i * 9;
        m_canvas.fill({swatchX, static_cast<int>(y), 8, 7}, color);
        m_canvas.outline({swatchX, static_cast<int>(y), 8, 7}, PaletteColor::DarkGrey, 1);
        const bool dark = i <= static_cast<int>(PaletteColor::DarkGrey) || color == PaletteColor::Red;
        m_canvas.text(
            std::string(1, Palette::kLetters[static_cast<std::size_t>(i)]), static_cast<float>(swatchX) + 4.0F,
            y + 0.75F,
            {4.0F, dark ? PaletteColor::White : PaletteColor::Black, TextAlign::Center, FontFace::Bold, false});
    }
}

}  // namespace meshlings::render
