#include "app/player_controller.hpp"

namespace meshlings::app {

PlayerController::PlayerController() {
    m_ui.helpLines = InputBindings::helpLines();
}

AppRequest PlayerController::handle(Action action, const world::World& world, const Pointer& pointer) {
    if (m_ui.armingDialogOpen) return armingDialog(action);
    if (m_pause.isOpen()) return pauseMenu(action, world, pointer);
    if (resultShown(world)) {
        observeTick(world);
        if (auto request = resultMenu(action, pointer)) return *request;
    }
    switch (action) {
        case Action::SelectNext:
            m_commands.emplace_back(world::CycleSelection{1});
            break;
        case Action::SelectPrevious:
            m_commands.emplace_back(world::CycleSelection{-1});
            break;
        case Action::SelectAtPointer:
            selectAt(world, pointer);
            break;
        case Action::DeleteSelected:
            deleteSelected();
            break;
        case Action::ScaleUp:
            scale(1);
            break;
        case Action::ScaleDown:
            scale(-1);
            break;
        case Action::ToggleWeights:
        case Action::FocusLeft:
        case Action::FocusRight:
        case Action::WeightUp:
        case Action::WeightDown:
        case Action::ApplyWeights:
            weightsAction(action, world);
            break;
        case Action::Back:
            return back(world);
        case Action::Pause:
            m_commands.emplace_back(world::SetPaused{!world.paused()});
            break;
        case Action::Help:
            m_ui.helpVisible = !m_ui.helpVisible;
            break;
        case Action::Screenshot:
            return AppRequest::Screenshot;
        case Action::Fullscreen:
            return AppRequest::Fullscreen;
        case Action::HaltAll:
            return AppRequest::Halt;
        case Action::Arm:
            if (m_disarmed) {
                m_panel.close();
                m_ui.helpVisible = false;
                m_ui.armingDialogOpen = true;
            }
            break;
        case Action::Confirm:
            break;
        case Action::Quit:
            if (world.rules().ended()) return AppRequest::Quit;
            openPauseMenu(world, true);  // quitting a running level asks once
            break;
    }
    return AppRequest::None;
}

void PlayerController::openPauseMenu(const world::World& world, bool askQuit) {
    m_panel.close();
    m_ui.helpVisible = false;
    m_pause.open(askQuit);
    if (m_pausesWorld && !world.paused() && !world.rules().ended()) {
        m_commands.emplace_back(world::SetPaused{true});
        m_menuPaused = true;
    }
}

AppRequest PlayerController::pauseMenu(Action action, const world::World& world, const Pointer& pointer) {
    switch (action) {
        case Action::Screenshot:
            return AppRequest::Screenshot;
        case Action::Fullscreen:
            return AppRequest::Fullscreen;
        case Action::HaltAll:
            return AppRequest::Halt;
        default:
            break;
    }
    switch (m_pause.handle(action, pointer.choice, !world.rules().ended())) {
        case PauseChoice::Resume:
            if (m_menuPaused) m_commands.emplace_back(world::SetPaused{false});
            m_menuPaused = false;
            return AppRequest::None;
        case PauseChoice::Restart:
            return AppRequest::Restart;
        case PauseChoice::LevelSelect:
            return AppRequest::LevelSelect;
        case PauseChoice::Quit:
            return AppRequest::Quit;
        case PauseChoice::None:
            break;
    }
    return AppRequest::None;
}

void PlayerController::hoverChoice(int choice) {
    if (choice < 0) return;
    if (m_pause.isOpen()) {
        m_pause.hover(choice);
    } else if (m_ui.resultVisible) {
        m_result.hover(choice);
    }
}

bool PlayerController::resultShown(const world::World& world) const {
    return world.rules().ended() && !m_resultDismissed && !m_ui.helpVisible && !m_panel.open();
}

std::optional<AppRequest> PlayerController::resultMenu(Action action, const Pointer& pointer) {
    switch (m_result.handle(action, pointer.choice)) {
        case ChoiceMenu::Outcome::Chosen:
            if (m_result.focus() == kRetry) return AppRequest::Restart;
            return m_result.focus() == kNextLevel ? AppRequest::NextLevel : AppRequest::LevelSelect;
        case ChoiceMenu::Outcome::Back:
            m_resultDismissed = true;  // look at the map; Escape then opens the pause menu
            return AppRequest::None;
        case ChoiceMenu::Outcome::Moved:
        case ChoiceMenu::Outcome::None:
            return AppRequest::None;
        case ChoiceMenu::Outcome::Ignored:
            break;
    }
    return std::nullopt;
}

void PlayerController::observeTick(const world::World& world) {
    if (m_ui.finalHud || !world.rules().ended()) return;
    m_ui.finalHud = world.hud();
    m_ui.finalScore = world.resilience().report();
    m_result.setFocus(m_ui.finalHud->result == world::LevelResult::Won ? kNextLevel : kRetry);
}

AppRequest PlayerController::armingDialog(Action action) {
    switch (action) {
        case Action::Confirm:
        case Action::ApplyWeights:
            m_ui.armingDialogOpen = false;
            m_disarmed = false;
            return AppRequest::Arm;
        case Action::Back:
        case Action::Arm:
            m_ui.armingDialogOpen = false;
            break;
        case Action::HaltAll:
            m_ui.armingDialogOpen = false;
            return AppRequest::Halt;
        case Action::Screenshot:
            return AppRequest::Screenshot;
        case Action::Fullscreen:
            return AppRequest::Fullscreen;
        case Action::Quit:
            return AppRequest::Quit;
        default:
            break;
    }
    return AppRequest::None;
}

void PlayerController::setArming(bool disarmed, std::vector<std::string> context) {
    m_disarmed = disarmed;
    if (!disarmed) m_ui.armingDialogOpen = false;
    m_ui.armingContext = std::move(context);
}

AppRequest PlayerController::back(const world::World& world) {
    if (m_ui.helpVisible) {
        m_ui.helpVisible = false;
    } else if (m_panel.open()) {
        m_panel.close();
    } else if (world.rules().ended() && !m_resultDismissed) {
        m_resultDismissed = true;
    } else {
        openPauseMenu(world, false);  // one Escape never quits a level: the menu asks
    }
    return AppRequest::None;
}

void PlayerController::selectAt(const world::World& world, const Pointer& pointer) {
    if (m_panel.open() && pointer.panelSlot >= 0) {
        m_panel.setFocus(pointer.panelSlot);
        m_dragSlot = pointer.panelSlot;
        return;
    }
    if (!pointer.tile) return;
    const world::Pod* pod = world.pods().podAt(*pointer.tile);
    m_commands.emplace_back(world::SelectPod{pod ? pod->observed.name : std::string()});
}

void PlayerController::deleteSelected() {
    // The world resolves the selection at the tick the delete applies, after a Tab of the same frame.
    m_commands.emplace_back(world::RequestDeletePod{});
}

void PlayerController::scale(int direction) {
    // The world resolves the selected pod's Deployment and its count at the tick the scale applies, after a
    // Tab of the same frame, and records the Deployment and count it came to.
    m_commands.emplace_back(world::RequestScale{"", 0, direction});
}

void PlayerController::weightsAction(Action action, const world::World& world) {
    if (action == Action::ToggleWeights) {
        if (m_panel.open()) {
            m_panel.close();
        } else {
            m_panel.openWith(world.observedWeights());
        }
        return;
    }
    if (!m_panel.open()) return;
    switch (action) {
        case Action::FocusLeft:
            m_panel.moveFocus(-1);
            break;
        case Action::FocusRight:
            m_panel.moveFocus(1);
            break;
        case Action::WeightUp:
            m_panel.nudge(1);
            break;
        case Action::WeightDown:
            m_panel.nudge(-1);
            break;
        case Action::ApplyWeights:
            m_commands.emplace_back(world::RequestWeights{m_panel.weights()});
            m_panel.close();
            break;
        default:
            break;
    }
}

void PlayerController::drag(std::optional<int> percent) {
    if (m_dragSlot >= 0 && percent && m_panel.open()) m_panel.set(m_dragSlot, *percent);
}

void PlayerController::hover(const world::World& world, const std::optional<world::Vec2>& tile) {
    const world::Pod* pod = tile ? world.pods().podAt(*tile) : nullptr;
    m_ui.hoveredPod = pod ? pod->observed.name : std::string();
}

std::vector<world::Command> PlayerController::takeCommands() {
    std::vector<world::Command> out;
    out.swap(m_commands);
    return out;
}

const render::PlayerUi& PlayerController::ui(const world::World& world) {
    if (m_panel.open()) m_panel.observe(world.observedWeights());
    m_ui.weightsPanelOpen = m_panel.open();
    m_ui.panelWeights = m_panel.weights();
    m_ui.panelFocus = m_panel.focus();
    observeTick(world);  // when no loop told it (tests)
    m_ui.resultVisible = world.rules().ended() && !m_resultDismissed;
    m_ui.resultChoices = {"Retry", "Next level", "Level select"};
    m_ui.resultFocus = m_result.focus();
    if (m_pause.isOpen()) {
        m_ui.menu = m_pause.view(m_pausesWorld);
    } else {
        m_ui.menu.reset();
    }
    return m_ui;
}

}  // namespace meshlings::app
