#include "render/map_painter.hpp"

#include <algorithm>
#include <cmath>

namespace meshlings::render {

namespace {

using world::MapNode;

constexpr int kSurfaceRow = 4;  // floor tiles' walking surface
constexpr int kSignHeight = 13;
constexpr float kSignText = 6.0F;

int ix(float v) {
    return static_cast<int>(std::lround(v));
}

}  // namespace

MapPainter::MapPainter(Canvas& canvas, const EffectsPlayer& effects) : m_canvas(canvas), m_effects(effects) {}

void MapPainter::draw(const FrameContext& frame) {
    const world::BookinfoMap& map = frame.world.map();
    for (std::size_t i = 0; i < map.edges().size(); ++i) {
        drawEdge(map.edges()[i], map, m_effects.edgeGlow(i), world::healthLevel(frame.world.health().edge(i)));
    }
    for (const world::Platform& p : map.platforms()) {
        switch (p.node) {
            case MapNode::Ingress:
                drawHatch(p, frame);
                break;
            case MapNode::Exit:
                drawExit(p, frame);
                break;
            case MapNode::Reviews:
                drawJunction(p, frame);
                break;
            default:
                drawPlatform(p, frame);
                break;
        }
    }
}

PaletteColor MapPainter::healthColor(world::HealthLevel health) {
    switch (health) {
        case world::HealthLevel::Healthy:
            return PaletteColor::Green;
        case world::HealthLevel::Degraded:
            return PaletteColor::Orange;
        case world::HealthLevel::Failure:
            return PaletteColor::Red;
        case world::HealthLevel::Idle:
            break;
    }
    return PaletteColor::DarkGrey;
}

int MapPainter::dashLength(world::HealthLevel health, int solid) {
    if (health == world::HealthLevel::Degraded) return 6;
    if (health == world::HealthLevel::Failure) return 3;
    return solid;
}

void MapPainter::drawRailing(int x0, int x1, int y, world::HealthLevel health) {
    if (health == world::HealthLevel::Idle) return;  // the walkway's own grey rail
    const int on = dashLength(health, x1 - x0);
    const int thick = health == world::HealthLevel::Failure ? 3 : 2;
    for (int x = x0; x < x1; x += on + 2) m_canvas.fill({x, y, std::min(on, x1 - x), thick}, healthColor(health));
}

void MapPainter::drawEdge(const world::MapEdge& edge, const world::BookinfoMap& map, float glow,
                          world::HealthLevel health) {
    for (std::size_t i = 1; i < edge.points.size(); ++i) {
        const world::Vec2 a = FrameContext::toPixels(edge.points[i - 1]);
        const world::Vec2 b = FrameContext::toPixels(edge.points[i]);
        if (std::abs(a.y - b.y) < 0.5F) {
            int x0 = ix(std::min(a.x, b.x)) - 8;
            int x1 = ix(std::max(a.x, b.x)) + 8;
            const bool bridge = (x1 - x0) >= kLongEdgeTiles * 16;
            // Stop at the platforms the walkway runs into (no railing behind the pods).
            for (const world::Platform& p : map.platforms()) {
                if (p.width == 0 || std::abs(FrameContext::px(p.anchor.y) - a.y) > 0.5F) continue;
                const int pl = ix(FrameContext::px(p.left));
                const int pr = pl + p.width * 16;
                if (pl <= x0 + 8 && pr > x0) x0 = std::max(x0, pr);
                if (pr >= x1 - 8 && pl < x1) x1 = std::min(x1, pl);
            }
            if (x1 <= x0) continue;
            const int top = ix(a.y) - kSurfaceRow;
            for (int x = x0; x < x1; x += 16) {
                m_canvas.sprite(bridge ? "tile_bridge" : "tile_walkway", 0, static_cast<float>(x),
                                static_cast<float>(top));
            }
            drawRailing(x0, x1, top + 1, health);
            if (glow > 0) {
                m_canvas.fill({x0, top + 1, x1 - x0, 5}, PaletteColor::Red, static_cast<std::uint8_t>(200 * glow));
            }
        } else {
            // A ladder: two rails and rungs, the surface rows of its ends joined.
            const int x = ix(a.x);
            const int y0 = ix(std::min(a.y, b.y)) - 2;
            const int y1 = ix(std::max(a.y, b.y)) + 2;
            m_canvas.fill({x - 6, y0, 2, y1 - y0}, PaletteColor::Brown);
            m_canvas.fill({x + 4, y0, 2, y1 - y0}, PaletteColor::Brown);
            for (int y = y0 + 2; y < y1; y += 4) m_canvas.fill({x - 4, y, 8, 1}, PaletteColor::Orange);
            if (health != world::HealthLevel::Idle) {
                // The rails in the health colour, dashed as the railings are (shape as well as colour).
                const int on = dashLength(health, y1 - y0);
                for (int y = y0; y < y1; y += on + 2) {
                    const int len = std::min(on, y1 - y);
                    m_canvas.fill({x - 6, y, 2, len}, healthColor(health));
                    m_canvas.fill({x + 4, y, 2, len}, healthColor(health));
                }
            }
            if (glow > 0) {
                m_canvas.fill({x - 6, y0, 12, y1 - y0}, PaletteColor::Red, static_cast<std::uint8_t>(170 * glow));
            }
        }
    }
}

void MapPainter::drawPlatform(const world::Platform& p, const FrameContext& frame) {
    const float shake = m_effects.shakeOf("", p.node);
    const float left = FrameContext::px(p.left) + shake;
    const float surface = FrameContext::px(p.anchor.y);
    const float top = surface - kSurfaceRow;
    // The name board on two posts, above the pods, posts behind them.
    const float centre = left + FrameContext::px(static_cast<float>(p.width)) / 2.0F;
    const float boardBottom = surface - 24.0F;
    drawSign(p, centre, boardBottom, ix(surface - boardBottom));
    for (int i = 0; i < p.width; ++i) {
        const int piece = i == 0 ? 0 : (i == p.width - 1 ? 2 : 1);
        m_canvas.sprite("tile_platform", piece, left + FrameContext::px(static_cast<float>(i)), top);
    }
    (void)frame;
}

void MapPainter::drawSign(const world::Platform& p, float centreX, float bottomY, int postHeight) {
    TextStyle style;
    style.size = kSignText;
    style.color = PaletteColor::Black;
    style.face = FontFace::Bold;
    style.shadow = false;
    style.align = TextAlign::Center;
    const std::string name(p.name);
    const SDL_FPoint size = m_canvas.measureText(name, style);
    const bool starred = p.version != common::ReviewsVersion::None;
    const int starsW = starred ? 20 : 0;
    const int w = ix(size.x) + 10 + starsW;
    const int x = ix(centreX) - w / 2;
    const int y = ix(bottomY) - kSignHeight;
    // Two posts down to the platform, behind the pods.
    m_canvas.fill({x + 3, y + kSignHeight, 2, postHeight}, PaletteColor::Brown);
    m_canvas.fill({x + w - 5, y + kSignHeight, 2, postHeight}, PaletteColor::Brown);
    m_canvas.fill({x + 3, y + kSignHeight, 1, postHeight}, PaletteColor::Orange);
    m_canvas.fill({x + w - 5, y + kSignHeight, 1, postHeight}, PaletteColor::Orange);
    m_canvas.fill({x - 1, y - 1, w + 2, kSignHeight + 2}, PaletteColor::Black);
    m_canvas.fill({x, y, w, kSignHeight}, PaletteColor::Peach);
    m_canvas.fill({x, y, w, 1}, PaletteColor::White);
    m_canvas.fill({x, y + kSignHeight - 2, w, 2}, PaletteColor::Brown);
    const float textX = static_cast<float>(x) + (static_cast<float>(w - starsW) / 2.0F);
    m_canvas.text(name, textX, static_cast<float>(y) + 1.5F, style);
    if (!starred) return;
    // hollow grey (v1: no stars), black (v2), red (v3)
    const int icon = p.version == common::ReviewsVersion::V2 ? 0 : (p.version == common::ReviewsVersion::V3 ? 1 : 3);
    SpriteStyle star;
    if (icon == 3) star.withTint(PaletteColor::DarkGrey);  // hollow stars read on the peach board
    for (int i = 0; i < 3; ++i) {
        m_canvas.sprite("icon_star", icon, static_cast<float>(x + w - starsW - 2 + 6 * i), static_cast<float>(y + 3),
                        star);
    }
}

void MapPainter::drawJunction(const world::Platform& p, const FrameContext& frame) {
    // The reviews Service: a round switch where the VirtualService splits traffic.
    const world::Vec2 c = FrameContext::toPixels(p.anchor);
    m_canvas.fill({ix(c.x) - 9, ix(c.y) - 3, 18, 8}, PaletteColor::Black);
    m_canvas.fill({ix(c.x) - 8, ix(c.y) - 2, 16, 6}, PaletteColor::Lavender);
    m_canvas.fill({ix(c.x) - 8, ix(c.y) - 2, 16, 2}, PaletteColor::LightGrey);
    const world::ReviewsWeights& w = frame.world.observedWeights();
    // Three lamps under it, lit by the share each version gets.
    const PaletteColor lamps[3] = {PaletteColor::White, PaletteColor::DarkGrey, PaletteColor::Red};
    for (int i = 0; i < 3; ++i) {
        const bool lit = !w.defined || w.percent[static_cast<std::size_t>(i)] > 0;
        m_canvas.fill({ix(c.x) - 7 + 5 * i, ix(c.y) + 5, 4, 3}, lit ? lamps[i] : PaletteColor::Black);
    }
    TextStyle style;
    style.size = 5.0F;
    style.align = TextAlign::Center;
    style.color = PaletteColor::LightGrey;
    m_canvas.text("reviews", c.x, c.y + 9.0F, style);
}

void MapPainter::drawHatch(const world::Platform& p, const FrameContext& frame) {
    const world::Vec2 c = FrameContext::toPixels(p.anchor);
    bool busy = false;
    for (const world::Meshling& m : frame.world.meshlings().all()) {
        if (m.state() == world::MeshlingState::Waiting || (m.position() - p.anchor).length() < 1.2F) {
            busy = true;
            break;
        }
    }
    if (busy) {
        m_hatchLastBusyMs = frame.ms;
        if (!m_hatchOpenedMs) m_hatchOpenedMs = frame.ms;
    } else if (m_hatchOpenedMs && frame.ms - m_hatchLastBusyMs > 600) {
        m_hatchOpenedMs.reset();
    }
    const int hatchFrame = m_hatchOpenedMs ? m_canvas.atlas().frameOnce("hatch", frame.ms - *m_hatchOpenedMs) : 0;
    m_canvas.sprite("hatch", hatchFrame, c.x - 12, c.y - 28);
    TextStyle style;
    style.size = 6.0F;
    style.color = PaletteColor::Blue;
    style.face = FontFace::Bold;
    m_canvas.text("ingress", c.x + 15, c.y - 24, style);
}

void MapPainter::drawExit(const world::Platform& p, const FrameContext& frame) {
    const world::Vec2 c = FrameContext::toPixels(p.anchor);
    m_canvas.sprite("tile_platform", 0, c.x - 16, c.y - kSurfaceRow);
    m_canvas.sprite("tile_platform", 2, c.x, c.y - kSurfaceRow);
    m_canvas.animation("exit_door", frame.ms, c.x - 8, c.y - 20);
    TextStyle style;
    style.size = 6.0F;
    style.color = PaletteColor::Yellow;
    style.face = FontFace::Bold;
    style.align = TextAlign::Center;
    m_canvas.text("browser", c.x, c.y - 31, style);
}

}  // namespace meshlings::render
