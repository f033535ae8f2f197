#pragma once
// The pause menu Escape opens over a running level: Resume, Restart, Level
// select, Quit. Quitting a level that is still running asks once ("Quit
// this level? Routing will be restored.", Yes / No, No first); Escape in
// the question goes back to the menu, Escape in the menu resumes. Whether
// the world's clock stops while it is open is the PlayerController's
// business. Plain state; no SDL.
#include <cstdint>

#include "app/choice_menu.hpp"
#include "render/menu_view.hpp"

namespace meshlings::app {

enum class PauseChoice : std::uint8_t { None, Resume, Restart, LevelSelect, Quit };

class PauseMenu {
public:
    static constexpr int kResume = 0;
    static constexpr int kRestart = 1;
    static constexpr int kLevelSelect = 2;
    static constexpr int kQuit = 3;
    static constexpr int kYes = 0;
    static constexpr int kNo = 1;

    // `askQuit`: straight to the question (the Quit key in a running level).
    void open(bool askQuit = false);
    bool isOpen() const { return m_open; }
    bool asking() const { return m_asking; }
    // What the action decided; None while the menu stays open. `levelRunning`: quitting asks first.
    PauseChoice handle(Action action, int pointerItem, bool levelRunning);
    void hover(int item);
    // `pausesWorld`: the level's clock stands still while the menu is open (said in the menu).
    render::MenuView view(bool pausesWorld) const;

private:
    PauseChoice choose(int item, bool levelRunning);
    PauseChoice answer(int item);

    ChoiceMenu m_menu{4};
    ChoiceMenu m_question{2, kNo};
    bool m_open = false;
    bool m_asking = false;
};

}  // namespace meshlings::app
