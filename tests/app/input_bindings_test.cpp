// The one input table: every Action is reachable, no key, mouse button or
// pad button is bound twice, and the help lines come from the same table.
#include "app/input_bindings.hpp"

#include <doctest/doctest.h>

#include <set>
#include <utility>

using namespace meshlings::app;

TEST_CASE("every Action has a key and a description, and a help line") {
    std::set<Action> keyed;
    for (const auto& binding : InputBindings::keys()) keyed.insert(binding.action);
    for (std::size_t i = 0; i < kActionCount; ++i) {
        const auto action = static_cast<Action>(i);
        CAPTURE(i);
        // Pointer selection is the mouse's; everything else has a key.
        if (action != Action::SelectAtPointer) CHECK(keyed.count(action) == 1);
        CHECK_FALSE(InputBindings::describe(action).empty());
        CHECK_FALSE(InputBindings::inputsFor(action).empty());
    }
    CHECK(InputBindings::helpLines().size() == kActionCount);
}

TEST_CASE("no key, mouse button or pad button is bound twice") {
    std::set<std::pair<SDL_Keycode, bool>> keys;
    for (const auto& binding : InputBindings::keys()) CHECK(keys.insert({binding.key, binding.shift}).second);
    std::set<std::uint8_t> mouse;
    for (const auto& binding : InputBindings::mouseButtons()) CHECK(mouse.insert(binding.button).second);
    std::set<int> pad;
    for (const auto& binding : InputBindings::padButtons()) CHECK(pad.insert(binding.button).second);
}

TEST_CASE("the brief's controls map as promised") {
    CHECK(InputBindings::forKey(SDLK_TAB, KMOD_NONE) == Action::SelectNext);
    CHECK(InputBindings::forKey(SDLK_TAB, KMOD_LSHIFT) == Action::SelectPrevious);
    CHECK(InputBindings::forKey(SDLK_DELETE, KMOD_NONE) == Action::DeleteSelected);
    CHECK(InputBindings::forKey(SDLK_x, KMOD_NONE) == Action::DeleteSelected);
    CHECK(InputBindings::forKey(SDLK_w, KMOD_NONE) == Action::ToggleWeights);
    CHECK(InputBindings::forKey(SDLK_RETURN, KMOD_NONE) == Action::ApplyWeights);
    CHECK(InputBindings::forKey(SDLK_EQUALS, KMOD_LSHIFT) == Action::ScaleUp);  // "+" on a US keyboard
    CHECK(InputBindings::forKey(SDLK_MINUS, KMOD_NONE) == Action::ScaleDown);
    CHECK(InputBindings::forKey(SDLK_SPACE, KMOD_NONE) == Action::Pause);
    CHECK(InputBindings::forKey(SDLK_F1, KMOD_NONE) == Action::Help);
    CHECK(InputBindings::forKey(SDLK_F12, KMOD_NONE) == Action::Screenshot);
    CHECK(InputBindings::forKey(SDLK_F11, KMOD_NONE) == Action::Fullscreen);
    CHECK(InputBindings::forKey(SDLK_ESCAPE, KMOD_NONE) == Action::Back);
    CHECK(InputBindings::forKey(SDLK_q, KMOD_NONE) == Action::Quit);
    CHECK_FALSE(InputBindings::forKey(SDLK_z, KMOD_NONE).has_value());
    CHECK(InputBindings::forMouse(SDL_BUTTON_LEFT) == Action::SelectAtPointer);
    CHECK(InputBindings::forPad(SDL_CONTROLLER_BUTTON_A) == Action::DeleteSelected);
    CHECK(InputBindings::forPad(SDL_CONTROLLER_BUTTON_START) == Action::Pause);
    CHECK(InputBindings::forPad(SDL_CONTROLLER_BUTTON_RIGHTSHOULDER) == Action::SelectNext);
    CHECK(InputBindings::inputsFor(Action::DeleteSelected) == "Delete / X / pad A");
}
