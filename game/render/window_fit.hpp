#pragma once
// The size a window opens at: the size asked for, shrunk (keeping its
// shape) to fit the display's usable area less the window's borders, so the
// default 1280x720 window is not cut off on a 1024x768 projector. Plain
// arithmetic; Window asks SDL for the usable bounds and the borders.

#include <SDL.h>

namespace meshlings::render {

class WindowFit {
public:
    // `usable`: SDL_GetDisplayUsableBounds of the display the window opens
    // on; `borders`: the decorations' total width and height (0 if unknown).
    // The requested size when it fits; never below 1x1.
    static SDL_Point fit(SDL_Point requested, SDL_Point usable, SDL_Point borders = {0, 0});
};

}  // namespace meshlings::render
