#pragma once
// How many colours a drawn surface shows (every third pixel of every third
// row): the render tests' check that a picture was drawn at all and not
// left one flat colour.
#include <SDL.h>

#include <cstddef>
#include <set>

#include "render/surface.hpp"

namespace meshlings::render::test {

inline std::size_t distinctColours(const Surface& surface) {
    std::set<Uint32> colours;
    for (int y = 0; y < surface.height(); y += 3) {
        for (int x = 0; x < surface.width(); x += 3) {
            const SDL_Color c = surface.pixel(x, y);
            colours.insert((static_cast<Uint32>(c.r) << 16) | (static_cast<Uint32>(c.g) << 8) | c.b);
        }
    }
    return colours.size();
}

}  // namespace meshlings::render::test
