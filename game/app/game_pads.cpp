#include "app/game_pads.hpp"

namespace meshlings::app {

GamePads::GamePads() : m_initialised(SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER) == 0) {}

GamePads::~GamePads() {
    m_pads.clear();
    if (m_initialised) SDL_QuitSubSystem(SDL_INIT_GAMECONTROLLER);
}

void GamePads::handle(const SDL_Event& event) {
    if (!m_initialised) return;
    if (event.type == SDL_CONTROLLERDEVICEADDED) {
        std::unique_ptr<SDL_GameController, Closer> pad(SDL_GameControllerOpen(event.cdevice.which));
        if (pad) {
            const SDL_JoystickID id = SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(pad.get()));
            m_pads[id] = std::move(pad);
        }
    } else if (event.type == SDL_CONTROLLERDEVICEREMOVED) {
        m_pads.erase(event.cdevice.which);
    }
}

}  // namespace meshlings::app
