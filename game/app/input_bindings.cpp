#include "app/input_bindings.hpp"

#include <array>

namespace meshlings::app {

const std::vector<KeyBinding>& InputBindings::keys() {
    static const std::vector<KeyBinding> kKeys{
        {SDLK_TAB, false, Action::SelectNext},
        {SDLK_TAB, true, Action::SelectPrevious},
        {SDLK_DELETE, false, Action::DeleteSelected},
        {SDLK_x, false, Action::DeleteSelected},
        {SDLK_w, false, Action::ToggleWeights},
        {SDLK_LEFT, false, Action::FocusLeft},
        {SDLK_RIGHT, false, Action::FocusRight},
        {SDLK_UP, false, Action::WeightUp},
        {SDLK_DOWN, false, Action::WeightDown},
        {SDLK_RETURN, false, Action::ApplyWeights},
        {SDLK_KP_ENTER, false, Action::ApplyWeights},
        {SDLK_PLUS, false, Action::ScaleUp},
        {SDLK_EQUALS, false, Action::ScaleUp},
        {SDLK_KP_PLUS, false, Action::ScaleUp},
        {SDLK_MINUS, false, Action::ScaleDown},
        {SDLK_KP_MINUS, false, Action::ScaleDown},
        {SDLK_ESCAPE, false, Action::Back},
        {SDLK_p, false, Action::Pause},
        {SDLK_SPACE, false, Action::Pause},
        {SDLK_h, false, Action::Help},
        {SDLK_F1, false, Action::Help},
        {SDLK_F12, false, Action::Screenshot},
        {SDLK_F11, false, Action::Fullscreen},
        {SDLK_BACKSPACE, false, Action::HaltAll},
        {SDLK_a, false, Action::Arm},
        {SDLK_y, false, Action::Confirm},
        {SDLK_q, false, Action::Quit},
    };
    return kKeys;
}

const std::vector<MouseBinding>& InputBindings::mouseButtons() {
    static const std::vector<MouseBinding> kMouse{
        {SDL_BUTTON_LEFT, Action::SelectAtPointer},
        {SDL_BUTTON_RIGHT, Action::Back},
    };
    return kMouse;
}

const std::vector<PadBinding>& InputBindings::padButtons() {
    static const std::vector<PadBinding> kPad{
        {SDL_CONTROLLER_BUTTON_RIGHTSHOULDER, Action::SelectNext},
        {SDL_CONTROLLER_BUTTON_LEFTSHOULDER, Action::SelectPrevious},
        {SDL_CONTROLLER_BUTTON_A, Action::DeleteSelected},
        {SDL_CONTROLLER_BUTTON_Y, Action::ToggleWeights},
        {SDL_CONTROLLER_BUTTON_DPAD_LEFT, Action::FocusLeft},
        {SDL_CONTROLLER_BUTTON_DPAD_RIGHT, Action::FocusRight},
        {SDL_CONTROLLER_BUTTON_DPAD_UP, Action::WeightUp},
        {SDL_CONTROLLER_BUTTON_DPAD_DOWN, Action::WeightDown},
        {SDL_CONTROLLER_BUTTON_X, Action::ApplyWeights},
        {SDL_CONTROLLER_BUTTON_RIGHTSTICK, Action::ScaleUp},
        {SDL_CONTROLLER_BUTTON_LEFTSTICK, Action::ScaleDown},
        {SDL_CONTROLLER_BUTTON_B, Action::Back},
        {SDL_CONTROLLER_BUTTON_START, Action::Pause},
        {SDL_CONTROLLER_BUTTON_BACK, Action::Help},
        {SDL_CONTROLLER_BUTTON_GUIDE, Action::Screenshot},
        {SDL_CONTROLLER_BUTTON_MISC1, Action::HaltAll},
    };
    return kPad;
}

std::optional<Action> InputBindings::forKey(SDL_Keycode key, std::uint16_t modifiers) {
    const bool shift = (modifiers & KMOD_SHIFT) != 0;
    std::optional<Action> unshifted;
    for (const auto& binding : keys()) {
        if (binding.key != key) continue;
        if (binding.shift == shift) return binding.action;
        if (!binding.shift) unshifted = binding.action;
    }
    // Shift held on a key with no Shift binding (e.g. Shift-= gives +): the plain action.
    return shift ? unshifted : std::nullopt;
}

std::optional<Action> InputBindings::forMouse(std::uint8_t button) {
    for (const auto& binding : mouseButtons()) {
        if (binding.button == button) return binding.action;
    }
    return std::nullopt;
}

std::optional<Action> InputBindings::forPad(SDL_GameControllerButton button) {
    for (const auto& binding : padButtons()) {
        if (binding.button == button) return binding.action;
    }
    return std::nullopt;
}

std::string_view InputBindings::describe(Action action) {
    static constexpr std::array<std::string_view, kActionCount> kText{
        "Select next pod",
        "Select previous pod",
        "Select the pod under the mouse / drag a weight",
        "Delete the selected pod",
        "Open or close the reviews weights panel",
        "Weights panel: previous version",
        "Weights panel: next version",
        "Weights panel: +5 %",
        "Weights panel: -5 %",
        "Weights panel: apply",
        "Scale the selected pod's Deployment up",
        "Scale the selected pod's Deployment down",
        "Close panel / help; the pause menu when nothing is open",
        "Pause or resume",
        "Show or hide this help",
        "Screenshot (BMP in the current directory)",
        "Fullscreen on or off",
        "HALT ALL: stop automatic chaos for the session, restore the routing",
        "Arm a dry-run session (a dialog asks to confirm)",
        "Arming dialog: confirm (Enter too; Escape cancels)",
        "Quit (a running level asks first)",
    };
    return kText.at(static_cast<std::size_t>(action));
}

std::string InputBindings::inputsFor(Action action) {
    std::string text;
    const auto add = [&text](std::string_view name) {
        if (!text.empty()) text += " / ";
        text += name;
    };
    for (const auto& binding : keys()) {
        if (binding.action == action) add(keyName(binding));
    }
    for (const auto& binding : mouseButtons()) {
        if (binding.action == action) add(mouseName(binding.button));
    }
    for (const auto& binding : padButtons()) {
        if (binding.action == action) add(padName(binding.button));
    }
    return text;
}

std::vector<std::pair<std::string, std::string>> InputBindings::helpLines() {
    std::vector<std::pair<std::string, std::string>> lines;
    for (std::size_t i = 0; i < kActionCount; ++i) {
        const auto action = static_cast<Action>(i);
        lines.emplace_back(inputsFor(action), std::string(describe(action)));
    }
    return lines;
}

std::string InputBindings::keyName(const KeyBinding& binding) {
    std::string name = SDL_GetKeyName(binding.key);
    if (binding.key == SDLK_KP_PLUS) name = "Keypad +";
    if (binding.key == SDLK_KP_MINUS) name = "Keypad -";
    if (binding.key == SDLK_KP_ENTER) name = "Keypad Enter";
    return binding.shift ? "Shift-" + name : name;
}

std::string_view InputBindings::padName(SDL_GameControllerButton button) {
    switch (button) {
        case SDL_CONTROLLER_BUTTON_RIGHTSHOULDER:
            return "pad RB";
        case SDL_CONTROLLER_BUTTON_LEFTSHOULDER:
            return "pad LB";
        case SDL_CONTROLLER_BUTTON_A:
            return "pad A";
        case SDL_CONTROLLER_BUTTON_B:
            return "pad B";
        case SDL_CONTROLLER_BUTTON_X:
            return "pad X";
        case SDL_CONTROLLER_BUTTON_Y:
            return "pad Y";
        case SDL_CONTROLLER_BUTTON_DPAD_LEFT:
            return "pad left";
        case SDL_CONTROLLER_BUTTON_DPAD_RIGHT:
            return "pad right";
        case SDL_CONTROLLER_BUTTON_DPAD_UP:
            return "pad up";
        case SDL_CONTROLLER_BUTTON_DPAD_DOWN:
            return "pad down";
        case SDL_CONTROLLER_BUTTON_RIGHTSTICK:
            return "pad right stick";
        case SDL_CONTROLLER_BUTTON_LEFTSTICK:
            return "pad left stick";
        case SDL_CONTROLLER_BUTTON_START:
            return "pad Start";
        case SDL_CONTROLLER_BUTTON_BACK:
            return "pad Back";
        case SDL_CONTROLLER_BUTTON_GUIDE:
            return "pad Guide";
        case SDL_CONTROLLER_BUTTON_MISC1:
            return "pad Share";
        default:
            return "pad button";
    }
}

std::string_view InputBindings::mouseName(std::uint8_t button) {
    switch (button) {
        case SDL_BUTTON_LEFT:
            return "left click";
        case SDL_BUTTON_RIGHT:
            return "right click";
        case SDL_BUTTON_MIDDLE:
            return "middle click";
        default:
            return "mouse button";
    }
}

}  // namespace meshlings::app
