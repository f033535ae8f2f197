#pragma once
// The HUD a chaos engineer watches, printed with SDL2_ttf at the output
// resolution: the top bar (level title, time left, action budget, connection
// state), the figures panel at the top right (success rate, p50/p99,
// saved/degraded/lost, pods down and recovering, the reviews weights the
// cluster really has), a red alert with the failed step and message when
// not connected, the banner and the paused sign. Stateless; owned by
// WorldScreen.
#include <string>

#include "render/canvas.hpp"
#include "render/frame_context.hpp"

namespace meshlings::render {

class HudPainter {
public:
    static constexpr int kTopBarHeight = 16;
    static constexpr SDL_Rect kFiguresPanel{470, 20, 166, 132};

    explicit HudPainter(Canvas& canvas);

    void draw(const FrameContext& frame, const world::HudFigures& hud);

    static std::string clock(int seconds);  // "1:05"
    static std::string budgetText(const world::BudgetLeft& budget);
    static PaletteColor successColor(double percent);

private:
    void drawTopBar(const FrameContext& frame, const world::HudFigures& hud);
    void drawFigures(const world::HudFigures& hud);
    void drawResilience(const world::ResilienceSummary& summary, float x, float y, float right);
    void drawWeightsBar(const world::ReviewsWeights& weights, int x, int y, int w);
    void drawConnectionAlert(const world::HudFigures& hud);
    void drawBanner(const std::string& banner);
    void drawPaused();

    Canvas& m_canvas;
};

}  // namespace meshlings::render
