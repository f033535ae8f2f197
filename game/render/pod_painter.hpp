#pragma once
// Draws the pods standing on their platforms, one look per PodState
// (pods.txt): Pending blinking outline, ContainerCreating scaffold, grey not
// ready, green Ready, sick (Ready but its answers fail: World::sick), red Terminating sinking and shaking,
// CrashLoopBackOff with stars, gone fading away; reviews v2/v3 stars on the pod; a spinner while a delete is in flight;
// a lavender ghost rising after a dry run; the selected pod's pulsing brackets. A platform with more pods than
// its slots show is drawn as a few pods, a stack and a count plaque (PodStack). Stateless; owned by WorldScreen.
#include <string_view>

#include "render/canvas.hpp"
#include "render/effects_player.hpp"
#include "render/frame_context.hpp"

namespace meshlings::render {

class PodPainter {
public:
    static constexpr int kWidth = 16;
    static constexpr int kHeight = 20;
    static constexpr int kMaxSink = 16;

    PodPainter(Canvas& canvas, const EffectsPlayer& effects);

    void draw(const FrameContext& frame);
    // The sprite a pod is drawn with ("pod_ready", "pod_gone", ...).
    static std::string_view spriteFor(const world::Pod& pod);

private:
    void drawPod(const world::Pod& pod, const FrameContext& frame);
    void drawStack(const world::Platform& platform, const FrameContext& frame);

    Canvas& m_canvas;
    const EffectsPlayer& m_effects;
};

}  // namespace meshlings::render
