#include "render/pod_stack.hpp"

#include <algorithm>
#include <cmath>

namespace meshlings::render {

namespace {

int pixels(float tiles) {
    return static_cast<int>(std::lround(tiles * 16.0F));
}

}  // namespace

SDL_Rect PodStack::room(const world::Platform& p) {
    const int surface = pixels(p.anchor.y);
    const int top = surface - kRowRise - kPodHeight;
    return {pixels(p.left), top, p.width * kPodWidth, surface + kFaceBelow - top};
}

std::array<SDL_Point, PodStack::kLayers> PodStack::layers(const world::Platform& p) {
    // The slot after the singles' (BookinfoMap::podSlot's first row): its sprite's left edge and top.
    const int front = pixels(p.left) + kSingles * kPodWidth;
    const int top = pixels(p.anchor.y) - kPodHeight;
    std::array<SDL_Point, kLayers> out{};
    for (int i = 0; i < kLayers; ++i) {
        const int back = (kLayers - 1 - i) * kLayerStep;
        out[static_cast<std::size_t>(i)] = {front - back, top - back};
    }
    return out;
}

SDL_Rect PodStack::plaque(const world::Platform& p, float textW, float textH) {
    const SDL_Rect r = room(p);
    const int w = std::min(r.w, static_cast<int>(std::ceil(textW)) + 4);
    const int surface = pixels(p.anchor.y);
    const int h = std::min(kFaceBelow + kRowRise, static_cast<int>(std::ceil(textH)) + 1);
    // On the face, from just under the surface; taller text rises over the stack's feet, never out of the room.
    const int y = std::min(surface + 1, r.y + r.h - h);
    return {r.x + r.w - w, y, w, h};
}

std::string PodStack::thousands(long long value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return value < 0 ? "-" + out : out;
}

std::string PodStack::badgeText(int pods) {
    return "\xC3\x97" + thousands(pods);  // U+00D7 MULTIPLICATION SIGN
}

}  // namespace meshlings::render
