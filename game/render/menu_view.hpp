#pragma once
// What a menu shows (the pause menu, its "quit?" question, the title
// screen): a title, a message, the choices and which one has the focus.
// Plain data made by the app (game/app) each frame and drawn by MenuPainter;
// the app decides what choosing an item does.
#include <string>
#include <vector>

#include "render/palette.hpp"

namespace meshlings::render {

struct MenuView {
    std::string title;
    std::vector<std::string> message;  // paragraphs under the title, wrapped to the panel
    std::vector<std::string> items;
    std::vector<std::string> notes;  // one short line per item drawn on its right (e.g. best result), may be empty
    std::vector<bool> disabled;      // per item (locked levels); empty: all enabled
    int focus = 0;
    PaletteColor accent = PaletteColor::Blue;
    bool dim = true;  // darken what is behind (a frozen level); false over the title's own backdrop
};

}  // namespace meshlings::render
