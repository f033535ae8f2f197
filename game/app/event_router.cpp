#include "app/event_router.hpp"

namespace meshlings::app {

AppRequest EventRouter::handle(const SDL_Event& event, const world::World& world) {
    switch (event.type) {
        case SDL_QUIT:
            return AppRequest::Quit;
        case SDL_KEYDOWN: {
            const auto action = InputBindings::forKey(event.key.keysym.sym, event.key.keysym.mod);
            const bool repeats = action == Action::WeightUp || action == Action::WeightDown;
            if (event.key.repeat == 0 || repeats) return act(action, world, -1, -1);
            return AppRequest::None;
        }
        case SDL_MOUSEBUTTONDOWN:
            m_pointerDown = event.button.button == SDL_BUTTON_LEFT;
            return act(InputBindings::forMouse(event.button.button), world, event.button.x, event.button.y);
        case SDL_MOUSEBUTTONUP:
            m_pointerDown = false;
            m_controller.release();
            return AppRequest::None;
        case SDL_MOUSEMOTION:
            m_controller.hover(world, m_screen.tileAt(event.motion.x, event.motion.y));
            m_controller.hoverChoice(m_screen.choiceAt(event.motion.x, event.motion.y));
            if (m_pointerDown) m_controller.drag(m_screen.weightsPanelValueAt(event.motion.x));
            return AppRequest::None;
        case SDL_CONTROLLERBUTTONDOWN:
            return act(InputBindings::forPad(static_cast<SDL_GameControllerButton>(event.cbutton.button)), world, -1,
                       -1);
        default:
            return AppRequest::None;
    }
}

AppRequest EventRouter::act(std::optional<Action> action, const world::World& world, int windowX, int windowY) {
    if (!action) return AppRequest::None;
    Pointer pointer;
    if (windowX >= 0) {
        pointer.tile = m_screen.tileAt(windowX, windowY);
        pointer.panelSlot = m_screen.weightsPanelSlotAt(windowX, windowY);
        pointer.choice = m_screen.choiceAt(windowX, windowY);
    }
    return m_controller.handle(*action, world, pointer);
}

}  // namespace meshlings::app
