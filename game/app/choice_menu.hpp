#pragma once
// A list of choices worked with Actions, the same for every menu (the pause
// menu, its "quit?" question, the result screen's buttons, the title
// screen): up/left and down/right move the focus (arrows, the pad's d-pad),
// Enter, Y and the pad's A choose, a click chooses the button under the
// mouse, Escape / right click / the pad's B go back. Disabled items (locked
// levels) are skipped. Plain state; no SDL.
#include <cstddef>
#include <vector>

#include "app/input_bindings.hpp"

namespace meshlings::app {

class ChoiceMenu {
public:
    enum class Outcome : std::uint8_t { None, Moved, Chosen, Back, Ignored };

    explicit ChoiceMenu(std::size_t count = 0, int focus = 0);

    // `pointerItem` is the item under the mouse for a click (-1: none). Ignored: not a menu action.
    Outcome handle(Action action, int pointerItem = -1);
    // The mouse moved over `item` (-1: over none): the focus follows it.
    void hover(int item);
    void setEnabled(std::vector<bool> enabled);
    void setFocus(int item);
    int focus() const { return m_focus; }
    std::size_t size() const { return m_count; }
    const std::vector<bool>& disabled() const { return m_disabled; }

private:
    bool enabled(int item) const;
    void move(int direction);

    std::size_t m_count;
    int m_focus;
    std::vector<bool> m_disabled;
};

}  // namespace meshlings::app
