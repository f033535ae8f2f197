#pragma once
// SDL's game-controller subsystem and the controllers plugged in, for as
// long as this object lives: opened when SDL reports them added, closed
// when removed or at the end. The SdlContext must outlive it. Without the
// subsystem (no joystick support) it stays empty and the game plays on.
#include <SDL.h>

#include <map>
#include <memory>

namespace meshlings::app {

class GamePads {
public:
    GamePads();
    ~GamePads();
    GamePads(const GamePads&) = delete;
    GamePads& operator=(const GamePads&) = delete;

    // Feed every event; opens and closes controllers as they come and go.
    void handle(const SDL_Event& event);
    std::size_t count() const { return m_pads.size(); }

private:
    struct Closer {
        void operator()(SDL_GameController* pad) const { SDL_GameControllerClose(pad); }
    };

    bool m_initialised = false;
    std::map<SDL_JoystickID, std::unique_ptr<SDL_GameController, Closer>> m_pads;
};

}  // namespace meshlings::app
