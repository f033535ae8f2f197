#pragma once
// The panel for shifting reviews traffic: three sliders (v1, v2, v3, with
// their hollow, black and red stars), the focused one highlighted, the
// weights the player is setting beside the ones the cluster really has, and
// the total. Remembers where its sliders were drawn on the last frame so the
// app can hit-test the mouse (slotAt, valueAt in logical pixels). Owned by
// WorldScreen.
#include <optional>

#include "render/canvas.hpp"
#include "render/frame_context.hpp"

namespace meshlings::render {

class WeightsPanelPainter {
public:
    static constexpr SDL_Rect kPanel{180, 92, 280, 132};
    static constexpr int kTrackX = 240;
    static constexpr int kTrackWidth = 130;
    static constexpr int kFirstRowY = 128;
    static constexpr int kRowStep = 26;

    explicit WeightsPanelPainter(Canvas& canvas);

    // Draws the panel when ui.weightsPanelOpen; remembers whether it did.
    void draw(const FrameContext& frame);

    // The slider (0..2) under a logical point, or -1; -1 when not drawn open.
    int slotAt(float x, float y) const;
    // The weight (0..100) a logical x stands for on the tracks.
    std::optional<int> valueAt(float x) const;

private:
    void drawRow(int slot, const FrameContext& frame);

    Canvas& m_canvas;
    bool m_open = false;
};

}  // namespace meshlings::render
