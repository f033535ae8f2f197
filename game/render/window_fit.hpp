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
    // The size to create a window at: fullscreen, the whole `display` (its bounds), so that where no window
    // manager makes it fullscreen (a bare X server, Xvfb) the window is still as large as the frame SDL
    // draws for the desktop's size; else fit() to `usable`.
    static SDL_Point initial(SDL_Point requested, SDL_Point usable, SDL_Point display, bool fullscreen);
};

}  // namespace meshlings::render
