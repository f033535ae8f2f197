#pragma once
// The HUD a chaos engineer watches, printed with SDL2_ttf at the output
// resolution: the top bar (level title, time left, action budget, connection
// state), the figures panel at the top right (success rate, p50/p99,
// saved/degraded/lost, pods down and recovering, the reviews weights the
// cluster really has), a red alert with the failed step and message when
// not connected, the banner and the paused sign. Each is laid out from its
// measured text (at 800x600 text is larger against the map than at 1080p):
// the figures panel grows to what it holds, the banner wraps. Keeps the
// figures panel's rectangle of the last frame (the tooltip keeps clear of
// it); owned by WorldScreen.
#include <string>

#include "render/canvas.hpp"
#include "render/frame_context.hpp"
#include "render/text_column.hpp"

namespace meshlings::render {

class HudPainter {
public:
    static constexpr int kTopBarHeight = 16;
    static constexpr SDL_Rect kFiguresPanel{470, 20, 166, 132};  // its height grows with the text's
    // The banner's strip ends just above the objectives panel.
    static constexpr SDL_Rect kBannerArea{136, 0, 500, 305};

    explicit HudPainter(Canvas& canvas);

    void draw(const FrameContext& frame, const world::HudFigures& hud);

    static std::string clock(int seconds);  // "1:05"
    static std::string budgetText(const world::BudgetLeft& budget);
    static PaletteColor successColor(double percent);
    // "1 meshling = 8 requests" (HudFigures::requestsPerMeshling; the figures show it past 1, the legend always).
    static std::string crowdScaleText(int requestsPerMeshling);
    // The figures panel as drawn on the last frame.
    const SDL_Rect& figuresPanel() const { return m_figuresPanel; }

private:
    void drawTopBar(const FrameContext& frame, const world::HudFigures& hud);
    void drawFigures(const world::HudFigures& hud);
    void figureLines(TextColumn& column, const world::HudFigures& hud);
    void drawResilience(TextColumn& column, const world::ResilienceSummary& summary);
    void drawWeightsBar(const world::ReviewsWeights& weights, int x, int y, int w);
    void drawConnectionAlert(const world::HudFigures& hud);
    void drawBanner(const std::string& banner);
    void drawPaused();

    Canvas& m_canvas;
    SDL_Rect m_figuresPanel = kFiguresPanel;
};

}  // namespace meshlings::render
