#pragma once
// The level select screen (the pause menu's and the result screen's "Level
// select"): the campaign's levels in order, free play, and quit, drawn by a
// MenuPainter over the empty playfield and worked with the same Actions as
// every menu (keys, mouse, pad). Runs its own small event loop in the
// window until the player chooses; holds references to the window's Canvas,
// Renderer and pads, which must outlive it.
#include <SDL.h>

#include <functional>
#include <optional>

#include "app/campaign.hpp"
#include "app/choice_menu.hpp"
#include "app/game_pads.hpp"
#include "render/canvas.hpp"
#include "render/menu_painter.hpp"

namespace meshlings::app {

class LevelSelectScreen {
public:
    // `stop` says whether to give up (a stop signal).
    LevelSelectScreen(render::Canvas& canvas, GamePads& pads, std::function<bool()> stop);

    // Until a choice: the level to play, or nullopt for quit (or a stop, or the window closed).
    std::optional<world::Level> choose(const Campaign& campaign, const LevelCatalog& catalog,
                                       const std::string& current);

    // What the menu shows (tests and screenshots).
    render::MenuView view(const Campaign& campaign) const;
    ChoiceMenu& menu() { return m_menu; }

private:
    // The choice under a window pixel, -1 none.
    int itemAt(int windowX, int windowY) const;
    std::optional<Action> actionOf(const SDL_Event& event, int& pointerItem);

    render::Canvas& m_canvas;
    GamePads& m_pads;
    std::function<bool()> m_stop;
    render::MenuPainter m_painter;
    ChoiceMenu m_menu;
};

}  // namespace meshlings::app
