#pragma once
// What the player meant by one SDL event: keys, mouse buttons and gamepad
// buttons go through InputBindings to Actions for the PlayerController; the
// mouse's position goes through the WorldScreen's geometry (the tile under
// it for hovering and selecting, the weights slider or menu button under it, the value
// along a slider while the button is held: dragging). Window-level wishes
// (quit, screenshot, fullscreen) come back as an AppRequest for the
// GameWindow. Holds only the button state; testable with synthetic events.
#include <SDL.h>

#include <optional>

#include "app/input_bindings.hpp"
#include "app/player_controller.hpp"
#include "render/world_screen.hpp"

namespace meshlings::app {

class EventRouter {
public:
    // `screen` answers geometry questions about the last frame it drew.
    EventRouter(const render::WorldScreen& screen, PlayerController& controller)
        : m_screen(screen), m_controller(controller) {}

    AppRequest handle(const SDL_Event& event, const world::World& world);

private:
    AppRequest act(std::optional<Action> action, const world::World& world, int windowX, int windowY);

    const render::WorldScreen& m_screen;
    PlayerController& m_controller;
    bool m_pointerDown = false;
};

}  // namespace meshlings::app
