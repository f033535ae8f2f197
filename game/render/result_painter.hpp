#pragma once
// The result screen drawn over the map when the level ends (ui.resultVisible):
// won, lost or the sandbox's summary; each objective with its mark (a tick,
// a cross: shapes that read without colour), its text and its figure; the
// session's figures; the resilience score with its verdict, the reasons and
// the breakdown (ResilienceBreakdown); and the choices (ui.resultChoices:
// retry, next level, level select) as buttons. It shows the figures frozen
// at the tick the level ended (ui.finalHud, ui.finalScore) when the app gives
// them. Every text is measured and kept inside the panel (wrapped or
// shortened with an ellipsis). Remembers its buttons for the mouse
// (choiceAt). Owned by WorldScreen.
#include "render/canvas.hpp"
#include "render/frame_context.hpp"
#include "render/panel_text.hpp"

namespace meshlings::render {

class ResultPainter {
public:
    static constexpr SDL_Rect kPanel{36, 14, 568, 332};

    explicit ResultPainter(Canvas& canvas);

    void draw(const FrameContext& frame, const world::HudFigures& hud);
    // The choice under logical point (x, y) on the last drawn result screen, or -1.
    int choiceAt(float x, float y) const;
    const PanelLayout& layout() const { return m_layout; }

private:
    float drawHeader(const FrameContext& frame, const world::HudFigures& hud, PanelText& text);
    void drawObjectives(const world::HudFigures& hud, PanelText& text, float top, float bottom);
    void drawScore(const world::ResilienceReport& report, PanelText& text, float top, float bottom);
    void drawChoices(const FrameContext& frame, PanelText& text, float top);

    Canvas& m_canvas;
    PanelLayout m_layout;
};

}  // namespace meshlings::render
