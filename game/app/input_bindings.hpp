#pragma once
// The one table from input to action: keys (with Shift where it matters),
// mouse buttons and SDL game-controller buttons each map to an Action, and
// the help overlay's lines are generated from the same table, so what the
// help says is what the keys do. Screens react to Actions, never to raw
// key codes. Plain data; no SDL initialisation needed.
#include <SDL.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace meshlings::app {

enum class Action : std::uint8_t {
    SelectNext,
    SelectPrevious,
    SelectAtPointer,  // the pod under the mouse (or, on the weights panel, the slider)
    DeleteSelected,
    ToggleWeights,
    FocusLeft,
    FocusRight,
    WeightUp,
    WeightDown,
    ApplyWeights,
    ScaleUp,
    ScaleDown,
    Back,  // closes what is open (panel, help, result, a menu), else opens the pause menu
    Pause,
    Help,
    Screenshot,
    Fullscreen,
    HaltAll,  // emergency stop: automatic chaos off for the session, routing restored
    Arm,      // opens the arming dialog (a session in dry run)
    Confirm,  // the arming dialog's yes (Enter works too)
    Quit,
};

inline constexpr std::size_t kActionCount = static_cast<std::size_t>(Action::Quit) + 1;

struct KeyBinding {
    SDL_Keycode key = SDLK_UNKNOWN;
    bool shift =
        false;  // true: only with Shift held; false: without Shift (or Shift ignored when no Shift binding exists)
    Action action = Action::Quit;
};

struct MouseBinding {
    std::uint8_t button = SDL_BUTTON_LEFT;
    Action action = Action::SelectAtPointer;
};

struct PadBinding {
    SDL_GameControllerButton button = SDL_CONTROLLER_BUTTON_A;
    Action action = Action::DeleteSelected;
};

class InputBindings {
public:
    static const std::vector<KeyBinding>& keys();
    static const std::vector<MouseBinding>& mouseButtons();
    static const std::vector<PadBinding>& padButtons();

    static std::optional<Action> forKey(SDL_Keycode key, std::uint16_t modifiers);
    static std::optional<Action> forMouse(std::uint8_t button);
    static std::optional<Action> forPad(SDL_GameControllerButton button);

    // "Delete selected pod", ... (what the help says the action does).
    static std::string_view describe(Action action);
    // "Delete / X / pad A": every input bound to the action.
    static std::string inputsFor(Action action);
    // (inputs, description) per action, in Action order: the help overlay's lines.
    static std::vector<std::pair<std::string, std::string>> helpLines();

private:
    static std::string keyName(const KeyBinding& binding);
    static std::string_view padName(SDL_GameControllerButton button);
    static std::string_view mouseName(std::uint8_t button);
};

}  // namespace meshlings::app
