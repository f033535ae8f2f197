#include "render/window_fit.hpp"

#include <algorithm>

namespace meshlings::render {

SDL_Point WindowFit::fit(SDL_Point requested, SDL_Point usable, SDL_Point borders) {
    const int roomW = usable.x - borders.x;
    const int roomH = usable.y - borders.y;
    if (requested.x < 1 || requested.y < 1 || roomW < 1 || roomH < 1)
        return {std::max(1, requested.x), std::max(1, requested.y)};
    if (requested.x <= roomW && requested.y <= roomH) return requested;
    // The largest size of the requested shape that fits: width-limited or height-limited.
    const long long byWidth =
        static_cast<long long>(roomW) * requested.y;  // compare roomW/requested.x with roomH/requested.y
    const long long byHeight = static_cast<long long>(roomH) * requested.x;
    if (byWidth <= byHeight) {
        return {roomW, std::max(1, static_cast<int>(static_cast<long long>(roomW) * requested.y / requested.x))};
    }
    return {std::max(1, static_cast<int>(static_cast<long long>(roomH) * requested.x / requested.y)), roomH};
}

SDL_Point WindowFit::initial(SDL_Point requested, SDL_Point usable, SDL_Point display, bool fullscreen) {
    if (fullscreen && display.x > 0 && display.y > 0) return display;
    return fit(requested, usable);
}

}  // namespace meshlings::render
