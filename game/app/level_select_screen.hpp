#pragma once
// The title and level select screen (`meshlings play` with no --level, and
// the pause menu's and the result screen's "Level select"): the campaign's
// levels in order with the best result and score of each (ProgressStore),
// each unlocked when the one before it was won, then free play and quit,
// drawn by a MenuPainter over the empty playfield and worked with the same
// Actions as every menu (keys, mouse, pad). Runs its own small event loop in
// the window until the player chooses; holds references to the window's
// Canvas and pads, which must outlive it.
#include <SDL.h>

#include <functional>
#include <optional>

#include "app/campaign.hpp"
#include "app/choice_menu.hpp"
#include "app/game_pads.hpp"
#include "app/progress_store.hpp"
#include "render/canvas.hpp"
#include "render/menu_painter.hpp"

namespace meshlings::app {

class LevelSelectScreen {
public:
    // `stop` says whether to give up (a stop signal); `screenshot` saves the frame drawn (F12), before it is shown.
    LevelSelectScreen(render::Canvas& canvas, GamePads& pads, std::function<bool()> stop,
                      std::function<void()> screenshot);

    // Until a choice: the level to play, or nullopt for quit (or a stop, or the window closed).
    // `current`: the level to put the focus on (the one just played), if it is open.
    std::optional<world::Level> choose(const Campaign& campaign, const LevelCatalog& catalog,
                                       const ProgressStore& progress, const std::string& current);

    // What the menu shows with `focus` on an item (tests).
    static render::MenuView view(const Campaign& campaign, const ProgressStore& progress, int focus);
    // Per item (the campaign's levels, free play, quit): whether it can be chosen.
    static std::vector<bool> open(const Campaign& campaign, const ProgressStore& progress);

private:
    // The choice under a window pixel, -1 none.
    int itemAt(int windowX, int windowY) const;
    std::optional<Action> actionOf(const SDL_Event& event, int& pointerItem);

    render::Canvas& m_canvas;
    GamePads& m_pads;
    std::function<bool()> m_stop;
    std::function<void()> m_screenshot;
    render::MenuPainter m_painter;
    ChoiceMenu m_menu;
};

}  // namespace meshlings::app
