#pragma once
// The pixels every frame starts from (letterbox bars, playfield, grid),
// kept after they were drawn once into the software renderer's target and
// copied back row by row in the frames that follow, instead of filling the
// playfield and blending the grid lines again. Kept for one target size,
// pitch, format and layout; anything else draws afresh.
#include <SDL.h>

#include <cstdint>
#include <vector>

namespace meshlings::render {

class FrameBackdrop {
public:
    // What the backdrop depends on besides the target: the playfield and the grid.
    struct Layout {
        SDL_Rect playfield;
        int gridStep;
        bool operator==(const Layout& other) const {
            return SDL_RectEquals(&playfield, &other.playfield) == SDL_TRUE && gridStep == other.gridStep;
        }
    };

    // Copies the kept pixels into `target` when they were kept for it and
    // this layout; false (nothing written) otherwise.
    bool restore(SDL_Surface& target, const Layout& layout) const;
    // Keeps `target`'s pixels as the backdrop for this layout.
    void keep(const SDL_Surface& target, const Layout& layout);

private:
    bool fits(const SDL_Surface& target, const Layout& layout) const;

    std::vector<std::uint8_t> m_pixels;
    int m_width = 0;
    int m_height = 0;
    int m_pitch = 0;
    std::uint32_t m_format = 0;
    Layout m_layout{{0, 0, 0, 0}, 0};
};

}  // namespace meshlings::render
