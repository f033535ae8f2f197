#pragma once
// What the app's screen state adds to the world when drawing: the overlays
// and panels that are not part of the game model (help, the weights panel
// being dragged, what the mouse hovers, the result screen, banners).
// Owned by the app (game/app), read by WorldScreen each frame.
#include <optional>
#include <string>
#include <vector>

#include "render/menu_view.hpp"
#include "world/model/hud_figures.hpp"
#include "world/model/reviews_weights.hpp"
#include "world/score/resilience_report.hpp"

namespace meshlings::render {

struct PlayerUi {
    bool helpVisible = false;
    std::vector<std::pair<std::string, std::string>> helpLines;  // (keys / buttons, action), from the input table

    bool weightsPanelOpen = false;
    world::ReviewsWeights panelWeights;  // what the player is setting (not yet applied)
    int panelFocus = 0;                  // 0 v1, 1 v2, 2 v3

    std::string hoveredPod;                  // under the mouse; the tooltip shows it (else the selected pod's)
    bool resultVisible = false;              // the level ended: draw the result screen over the map
    bool armingDialogOpen = false;           // "arm this session?" over the map
    std::vector<std::string> armingContext;  // context, server, namespace lines the dialog shows
    std::string banner;                      // a line across the top (e.g. "DRY RUN: not armed"), empty for none

    // A modal menu over the frozen level (the pause menu, or its "quit?"); empty when none is open.
    std::optional<MenuView> menu;

    // The session's figures as they were at the tick the level ended (the result screen and the HUD
    // behind it show these, not the counters that go on after the end); empty while the level runs.
    std::optional<world::HudFigures> finalHud;
    std::optional<world::ResilienceReport> finalScore;
    std::vector<std::string> resultChoices;  // "Retry", "Next level", "Level select"
    int resultFocus = 0;
};

}  // namespace meshlings::render
