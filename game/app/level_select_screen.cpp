#include "app/level_select_screen.hpp"

#include <cmath>

namespace meshlings::app {

LevelSelectScreen::LevelSelectScreen(render::Canvas& canvas, GamePads& pads, std::function<bool()> stop,
                                     std::function<void()> screenshot)
    : m_canvas(canvas), m_pads(pads), m_stop(std::move(stop)), m_screenshot(std::move(screenshot)), m_painter(canvas) {}

std::vector<bool> LevelSelectScreen::open(const Campaign& campaign, const ProgressStore& progress) {
    std::vector<bool> open;
    bool previousWon = true;  // the first level is always open
    for (const world::Level& level : campaign.levels()) {
        open.push_back(previousWon);
        const auto played = progress.of(level.id);
        previousWon = played && played->won;
    }
    open.push_back(true);  // free play
    open.push_back(true);  // quit
    return open;
}

render::MenuView LevelSelectScreen::view(const Campaign& campaign, const ProgressStore& progress, int focus) {
    render::MenuView view;
    view.title = "MESHLINGS";
    view.message = {"Chaos engineering on Kubernetes and Istio. Win a level to open the next one."};
    const std::vector<bool> unlocked = open(campaign, progress);
    int n = 1;
    for (const world::Level& level : campaign.levels()) {
        const bool isOpen = unlocked[static_cast<std::size_t>(n - 1)];
        view.items.push_back(std::to_string(n) + ". " + level.title);
        view.notes.push_back(isOpen ? progress.note(level.id) : std::string("locked"));
        ++n;
    }
    view.items.emplace_back("Free play");
    view.notes.emplace_back("no clock, no objectives");
    view.items.emplace_back("Quit");
    view.notes.emplace_back("");
    for (const bool each : unlocked) view.disabled.push_back(!each);
    view.focus = focus;
    view.accent = render::PaletteColor::Pink;
    view.dim = false;
    return view;
}

std::optional<world::Level> LevelSelectScreen::choose(const Campaign& campaign, const LevelCatalog& catalog,
                                                      const ProgressStore& progress, const std::string& current) {
    const std::size_t count = campaign.levels().size() + 2;
    m_menu = ChoiceMenu(count, 0);
    m_menu.setEnabled(open(campaign, progress));
    for (std::size_t i = 0; i < campaign.levels().size(); ++i) {
        if (campaign.levels()[i].id == current) m_menu.setFocus(static_cast<int>(i));
    }
    m_menu.setEnabled(open(campaign, progress));  // a locked focus moves to an open item
    const auto freePlay = static_cast<int>(count - 2);
    bool screenshot = false;
    for (;;) {
        SDL_Event event;
        while (SDL_PollEvent(&event) != 0) {
            m_pads.handle(event);
            if (event.type == SDL_QUIT) return std::nullopt;
            if (event.type == SDL_MOUSEMOTION) m_menu.hover(itemAt(event.motion.x, event.motion.y));
            int pointer = -1;
            const auto action = actionOf(event, pointer);
            if (!action) continue;
            if (*action == Action::Quit) return std::nullopt;
            if (*action == Action::Screenshot) screenshot = true;
            const ChoiceMenu::Outcome outcome = m_menu.handle(*action, pointer);
            if (outcome == ChoiceMenu::Outcome::Back) return std::nullopt;
            if (outcome != ChoiceMenu::Outcome::Chosen) continue;
            const int chosen = m_menu.focus();
            if (chosen < freePlay) return campaign.levels()[static_cast<std::size_t>(chosen)];
            if (chosen == freePlay) return catalog.find(LevelCatalog::kDefaultLevel);
            return std::nullopt;
        }
        if (m_stop()) return std::nullopt;
        m_canvas.beginFrame();
        m_painter.draw(view(campaign, progress, m_menu.focus()));
        if (screenshot && m_screenshot) m_screenshot();
        screenshot = false;
        m_canvas.renderer().present();
        SDL_Delay(10);
    }
}

std::optional<Action> LevelSelectScreen::actionOf(const SDL_Event& event, int& pointerItem) {
    switch (event.type) {
        case SDL_KEYDOWN:
            return InputBindings::forKey(event.key.keysym.sym, event.key.keysym.mod);
        case SDL_MOUSEBUTTONDOWN:
            pointerItem = itemAt(event.button.x, event.button.y);
            return InputBindings::forMouse(event.button.button);
        case SDL_CONTROLLERBUTTONDOWN:
            return InputBindings::forPad(static_cast<SDL_GameControllerButton>(event.cbutton.button));
        default:
            return std::nullopt;
    }
}

int LevelSelectScreen::itemAt(int windowX, int windowY) const {
    // HiDPI: the renderer's output may be larger than the window.
    const SDL_Point output = m_canvas.viewport().outputSize();
    float sx = 1;
    float sy = 1;
    if (SDL_Window* window = SDL_RenderGetWindow(m_canvas.renderer().get())) {
        int ww = 0;
        int wh = 0;
        SDL_GetWindowSize(window, &ww, &wh);
        if (ww > 0 && wh > 0) {
            sx = static_cast<float>(output.x) / static_cast<float>(ww);
            sy = static_cast<float>(output.y) / static_cast<float>(wh);
        }
    }
    const SDL_Point pixel{static_cast<int>(std::floor(static_cast<float>(windowX) * sx)),
                          static_cast<int>(std::floor(static_cast<float>(windowY) * sy))};
    const SDL_FPoint p = m_canvas.viewport().toLogical(pixel);
    return m_painter.itemAt(p.x, p.y);
}

}  // namespace meshlings::app
