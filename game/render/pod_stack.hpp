#pragma once
// Where a platform with more pods than its two rows of slots hold draws them
// (issue 16, "Legible chaos"): the first kSingles pods in their slots, then a
// stack of three pod sprites in the next slot standing for the rest, and a
// plaque on the platform's face with their count ("×4,995"). Everything stays
// inside room(): the platform's surface wide, from the top of its second row
// of pods down to the bottom of its tiles. Plain layout in logical pixels; the
// PodPainter draws it and the tests check it.
#include <SDL.h>

#include <array>
#include <string>

#include "world/model/bookinfo_map.hpp"

namespace meshlings::render {

class PodStack {
public:
    static constexpr int kSlotRows = 2;   // rows of slots drawn one pod each before stacking
    static constexpr int kSingles = 5;    // pods still drawn in their slots when stacked
    static constexpr int kLayers = 3;     // sprites in the stack, back to front
    static constexpr int kLayerStep = 2;  // each one this much up and left of the one in front
    static constexpr int kPodWidth = 16;
    static constexpr int kPodHeight = 20;
    static constexpr int kRowRise = 24;    // the second row of slots stands this far above the surface
    static constexpr int kFaceBelow = 12;  // the platform's tiles below its walking surface

    // More visible pods than the slots show one by one: drawn as a stack.
    static bool stacked(int pods) { return pods > kSlotRows * world::BookinfoMap::kSlotsPerRow; }
    // The platform's rectangle for its pods and their stack.
    static SDL_Rect room(const world::Platform& platform);
    // Top-left of each stack sprite, back to front.
    static std::array<SDL_Point, kLayers> layers(const world::Platform& platform);
    // The plaque for a text `textW` x `textH` logical pixels: on the platform's face, right-aligned under the
    // stack, clipped to room() if the text is taller than the face.
    static SDL_Rect plaque(const world::Platform& platform, float textW, float textH);
    // "×4,995": the count of pods the stack stands for, with thousands separators.
    static std::string badgeText(int pods);
    static std::string thousands(long long value);
};

}  // namespace meshlings::render
