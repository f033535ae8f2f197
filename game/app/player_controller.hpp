#pragma once
// What the player's Actions do: world commands (select, delete, scale,
// shift weights, pause) queued for the next tick, and the screen state that
// is not part of the world (help, the weights panel, hover, the pause menu,
// the result screen and its choices, the banner), kept as the PlayerUi the
// WorldScreen draws. Escape with nothing open opens the pause menu (the
// world's clock stops while it is open when the caller says the level runs
// on the game's own clock); quitting a running level asks once. Requests
// that concern the program rather than the world (quit, restart, next
// level, level select, screenshot, fullscreen) are handed back to the
// caller. No SDL: the window maps events through InputBindings and the
// pointer through WorldScreen.
#include <optional>
#include <string>
#include <vector>

#include "app/choice_menu.hpp"
#include "app/input_bindings.hpp"
#include "app/pause_menu.hpp"
#include "app/weights_panel.hpp"
#include "render/player_ui.hpp"
#include "world/model/command.hpp"
#include "world/model/vec2.hpp"
#include "world/model/world.hpp"

namespace meshlings::app {

// Halt: the emergency stop; Arm: the arming dialog was confirmed; Restart, NextLevel, LevelSelect: the
// pause menu's or the result screen's choices (the session ends and the caller starts what was chosen).
enum class AppRequest : std::uint8_t { None, Quit, Screenshot, Fullscreen, Halt, Arm, Restart, NextLevel, LevelSelect };

// Where the pointer is when a pointer action happens.
struct Pointer {
    std::optional<world::Vec2> tile;  // map tile under it; empty outside the playfield
    int panelSlot = -1;               // weights panel slider under it, -1 none
    int choice = -1;                  // the open menu's item or the result screen's button under it, -1 none
};

class PlayerController {
public:
    static constexpr int kMaxReplicas = world::World::kMaxReplicas;

    PlayerController();

    AppRequest handle(Action action, const world::World& world, const Pointer& pointer = {});
    // Mouse moved with the button held after pressing on a slider: `percent` from WorldScreen.
    void drag(std::optional<int> percent);
    void release() { m_dragSlot = -1; }
    void hover(const world::World& world, const std::optional<world::Vec2>& tile);
    // The mouse moved over a menu item or a result button (-1: none): the focus follows it.
    void hoverChoice(int choice);
    // True: the pause menu stops the world's clock while it is open (the built-in cluster runs on the
    // game's own clock; a real cluster goes on whatever the game does).
    void setPausesWorld(bool pauses) { m_pausesWorld = pauses; }
    bool pauseMenuOpen() const { return m_pause.isOpen(); }
    // After every tick (the SessionLoop's `done`): at the first tick the level is over, the session's
    // figures and resilience report are frozen for the result screen, which shows them and not the
    // counters that go on after the end (the probe keeps running while the routing is restored).
    void observeTick(const world::World& world);

    static constexpr int kRetry = 0;
    static constexpr int kNextLevel = 1;
    static constexpr int kLevelSelect = 2;

    // Commands for the next tick, in the order the actions came.
    std::vector<world::Command> takeCommands();
    // The screen state for this frame (follows the world's weights and result).
    const render::PlayerUi& ui(const world::World& world);
    void setBanner(std::string banner) { m_ui.banner = std::move(banner); }
    // Whether the session is in dry run (the arming dialog opens only then) and what the dialog shows.
    void setArming(bool disarmed, std::vector<std::string> context);
    bool armingDialogOpen() const { return m_ui.armingDialogOpen; }

    const WeightsPanel& panel() const { return m_panel; }

private:
    AppRequest back(const world::World& world);
    void openPauseMenu(const world::World& world, bool askQuit);
    AppRequest pauseMenu(Action action, const world::World& world, const Pointer& pointer);
    // The result screen's buttons; nullopt for an action that is not theirs.
    std::optional<AppRequest> resultMenu(Action action, const Pointer& pointer);
    bool resultShown(const world::World& world) const;
    // The arming dialog is modal: confirm, cancel, help, halt and the window's keys only.
    AppRequest armingDialog(Action action);
    void selectAt(const world::World& world, const Pointer& pointer);
    void deleteSelected();
    void scale(int direction);
    void weightsAction(Action action, const world::World& world);

    render::PlayerUi m_ui;
    WeightsPanel m_panel;
    std::vector<world::Command> m_commands;
    int m_dragSlot = -1;
    bool m_resultDismissed = false;
    bool m_disarmed = false;
    PauseMenu m_pause;
    ChoiceMenu m_result{3};
    bool m_pausesWorld = false;
    bool m_menuPaused = false;  // the pause menu stopped the world's clock (and starts it again)
};

}  // namespace meshlings::app
