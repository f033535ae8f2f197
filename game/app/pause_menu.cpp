#include "app/pause_menu.hpp"

namespace meshlings::app {

void PauseMenu::open(bool askQuit) {
    m_open = true;
    m_asking = askQuit;
    m_menu.setFocus(askQuit ? kQuit : kResume);
    m_question.setFocus(kNo);
}

PauseChoice PauseMenu::handle(Action action, int pointerItem, bool levelRunning) {
    if (!m_open) return PauseChoice::None;
    if (m_asking) {
        if (action == Action::Quit) return answer(kYes);  // Q twice
        switch (m_question.handle(action, pointerItem)) {
            case ChoiceMenu::Outcome::Chosen:
                // Y says yes whatever has the focus; Enter, a click and the pad's A answer the focused one.
                return answer(action == Action::Confirm ? kYes : m_question.focus());
            case ChoiceMenu::Outcome::Back:
                m_asking = false;
                return PauseChoice::None;
            default:
                return PauseChoice::None;
        }
    }
    if (action == Action::Pause) return choose(kResume, levelRunning);
    if (action == Action::Quit) return choose(kQuit, levelRunning);
    switch (m_menu.handle(action, pointerItem)) {
        case ChoiceMenu::Outcome::Chosen:
            return choose(m_menu.focus(), levelRunning);
        case ChoiceMenu::Outcome::Back:
            return choose(kResume, levelRunning);
        default:
            return PauseChoice::None;
    }
}

PauseChoice PauseMenu::choose(int item, bool levelRunning) {
    switch (item) {
        case kResume:
            m_open = false;
            return PauseChoice::Resume;
        case kRestart:
            m_open = false;
            return PauseChoice::Restart;
        case kLevelSelect:
            m_open = false;
            return PauseChoice::LevelSelect;
        default:
            if (levelRunning) {
                m_asking = true;
                m_question.setFocus(kNo);
                return PauseChoice::None;
            }
            m_open = false;
            return PauseChoice::Quit;
    }
}

PauseChoice PauseMenu::answer(int item) {
    if (item == kYes) {
        m_open = false;
        m_asking = false;
        return PauseChoice::Quit;
    }
    m_asking = false;
    return PauseChoice::None;
}

void PauseMenu::hover(int item) {
    if (m_asking) {
        m_question.hover(item);
    } else {
        m_menu.hover(item);
    }
}

render::MenuView PauseMenu::view(bool pausesWorld) const {
    render::MenuView view;
    if (m_asking) {
        view.title = "QUIT?";
        view.message = {"Quit this level? Routing will be restored.", "Y: yes; Escape: back to the menu"};
        view.items = {"Yes, quit", "No, keep playing"};
        view.focus = m_question.focus();
        view.accent = render::PaletteColor::Orange;
        return view;
    }
    view.title = "PAUSED";
    view.message = {pausesWorld ? "The level's clock stands still."
                                : "The cluster is real: its pods and traffic go on while you read this."};
    view.items = {"Resume", "Restart", "Level select", "Quit"};
    view.focus = m_menu.focus();
    view.accent = render::PaletteColor::Yellow;
    return view;
}

}  // namespace meshlings::app
