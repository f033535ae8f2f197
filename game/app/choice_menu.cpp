#include "app/choice_menu.hpp"

namespace meshlings::app {

ChoiceMenu::ChoiceMenu(std::size_t count, int focus) : m_count(count), m_focus(focus) {}

ChoiceMenu::Outcome ChoiceMenu::handle(Action action, int pointerItem) {
    switch (action) {
        case Action::WeightUp:
        case Action::FocusLeft:
        case Action::SelectPrevious:
            move(-1);
            return Outcome::Moved;
        case Action::WeightDown:
        case Action::FocusRight:
        case Action::SelectNext:
            move(1);
            return Outcome::Moved;
        case Action::ApplyWeights:    // Enter
        case Action::Confirm:         // Y
        case Action::DeleteSelected:  // the pad's A
            return enabled(m_focus) ? Outcome::Chosen : Outcome::None;
        case Action::SelectAtPointer:
            if (pointerItem < 0 || !enabled(pointerItem)) return Outcome::None;
            m_focus = pointerItem;
            return Outcome::Chosen;
        case Action::Back:
            return Outcome::Back;
        default:
            return Outcome::Ignored;
    }
}

void ChoiceMenu::hover(int item) {
    if (enabled(item)) m_focus = item;
}

void ChoiceMenu::setEnabled(std::vector<bool> enabled) {
    m_disabled.assign(m_count, false);
    for (std::size_t i = 0; i < m_count && i < enabled.size(); ++i) m_disabled[i] = !enabled[i];
    if (!this->enabled(m_focus)) move(1);
}

void ChoiceMenu::setFocus(int item) {
    if (item >= 0 && static_cast<std::size_t>(item) < m_count) m_focus = item;
}

bool ChoiceMenu::enabled(int item) const {
    if (item < 0 || static_cast<std::size_t>(item) >= m_count) return false;
    return static_cast<std::size_t>(item) >= m_disabled.size() || !m_disabled[static_cast<std::size_t>(item)];
}

void ChoiceMenu::move(int direction) {
    if (m_count == 0) return;
    const auto n = static_cast<int>(m_count);
    int at = m_focus;
    for (int tried = 0; tried < n; ++tried) {  // wraps around, skipping disabled items
        at = ((at + direction) % n + n) % n;
        if (enabled(at)) {
            m_focus = at;
            return;
        }
    }
}

}  // namespace meshlings::app
