#include "app/game_window.hpp"

#include <ctime>
#include <iostream>

#include "app/campaign.hpp"
#include "app/credential_wait.hpp"
#include "app/input_bindings.hpp"
#include "app/level_catalog.hpp"
#include "app/level_select_screen.hpp"
#include "app/play_command.hpp"
#include "app/progress_store.hpp"
#include "app/session_loop.hpp"
#include "app/session_reporter.hpp"
#include "render/screenshot.hpp"
#include "render/sprite_library.hpp"

namespace meshlings::app {

namespace {

constexpr double kMinFrameSeconds = 1.0 / 120.0;  // without vsync (dummy driver, Xvfb) do not spin

bool useDummyDriver(bool headless) {
    if (headless) SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    return true;
}

}  // namespace

GameWindow::GameWindow(const PlayOptions& options, ClusterTarget& target, const world::Level& level, std::uint64_t seed,
                       const StopSignal& stop)
    : m_options(options),
      m_stop(stop),
      m_target(target),
      m_level(level),
      m_seed(seed),
      m_sdl(useDummyDriver(options.headless)),
      m_window("Meshlings: " + level.title, options.width, options.height, options.fullscreen),
      m_renderer(m_window, !options.headless),
      m_atlas(m_renderer, render::SpriteLibrary::loadFolder(render::SpriteLibrary::defaultFolder())),
      m_text(m_renderer),
      m_canvas(m_renderer, m_atlas, m_text, render::WorldScreen::playfieldViewport()),
      m_screen(m_canvas),
      m_router(m_screen, m_controller),
      m_fullscreen(options.fullscreen) {
    if (options.monkey) m_monkey.emplace(*options.monkey);
}

GameWindow::~GameWindow() = default;

bool GameWindow::waitForCredentials() {
    CredentialWait wait(m_target);
    while (!wait.finished()) {
        SDL_Event event;
        while (SDL_PollEvent(&event) != 0) {
            if (event.type == SDL_QUIT) m_quit = true;
            if (event.type == SDL_KEYDOWN) {
                const auto action = InputBindings::forKey(event.key.keysym.sym, event.key.keysym.mod);
                if (action == Action::Quit || action == Action::Back) m_quit = true;
            }
        }
        if (m_quit || m_stop.requested()) {
            wait.cancel();
            std::cerr << "meshlings: stopped while " << wait.waitingLine() << "\n";
            return false;
        }
        drawWaiting(wait.waitingLine());
        SDL_Delay(static_cast<Uint32>(kMinFrameSeconds * 1000) + 1);
    }
    wait.conclude();
    return true;
}

void GameWindow::drawWaiting(const std::string& line) {
    m_canvas.beginFrame();
    const auto style =
        render::TextStyle::of(5.0F, render::PaletteColor::White, render::FontFace::Bold, render::TextAlign::Center);
    m_canvas.text(line, render::WorldScreen::kLogicalWidth / 2.0F, render::WorldScreen::kLogicalHeight / 2.0F, style);
    m_renderer.present();
}

bool GameWindow::opensTitle() const {
    // A scripted run (screenshots, a duration, a recording, a report) goes straight into its level.
    const PlayOptions& o = m_options;
    return o.level.empty() && o.screenshots.empty() && o.durationSeconds <= 0 && o.record.empty() && o.report.empty() &&
           !o.headless && !o.monkey;
}

int GameWindow::run() {
    if (!waitForCredentials()) return 0;  // as a session ended by a signal or by quitting
    const LevelCatalog catalog;
    const Campaign campaign(catalog);
    ProgressStore progress;
    LevelSelectScreen select(
        m_canvas, m_pads, [this] { return m_stop.requested(); }, [this] { saveScreenshot(timestampedName()); });
    world::Level level = m_level;
    ClusterTarget* target = &m_target;
    bool first = true;
    if (opensTitle()) {
        auto chosen = select.choose(campaign, catalog, progress, "");
        if (!chosen) return 0;
        if (chosen->id != level.id) target = &targetFor(*chosen);
        level = *chosen;
    }
    int exitCode = 0;
    for (;; first = false) {
        AppRequest next = playLevel(level, *target, first, exitCode);
        if (m_ended) progress.record(level.id, m_ended->first, m_ended->second);
        if (next == AppRequest::NextLevel) {
            if (auto after = campaign.after(level.id)) {
                level = *after;
            } else {
                next = AppRequest::LevelSelect;  // the last level, or one outside the campaign
            }
        }
        if (next == AppRequest::LevelSelect) {
            auto chosen = select.choose(campaign, catalog, progress, level.id);
            if (!chosen) return exitCode;
            level = *chosen;
        } else if (next != AppRequest::Restart && next != AppRequest::NextLevel) {
            return exitCode;
        }
        target = &targetFor(level);
    }
}

ClusterTarget& GameWindow::targetFor(const world::Level& level) {
    if (!m_target.builtIn()) return m_target;
    m_ownTarget.reset();  // the previous restart's cluster stops before the next one starts
    TargetOptions options = m_options.cluster.target(m_options.seed.value_or(level.seed));
    options.timeScale = m_options.timeScale;
    m_ownTarget = std::make_unique<ClusterTarget>(options);
    return *m_ownTarget;
}

AppRequest GameWindow::playLevel(const world::Level& level, ClusterTarget& target, bool first, int& exitCode) {
    const std::uint64_t seed = first && level.id == m_level.id ? m_seed : m_options.seed.value_or(level.seed);
    m_ended.reset();
    if (!first)
        std::cout << "meshlings: level " << level.id << " (" << level.title << "), " << target.describe() << std::endl;
    SDL_SetWindowTitle(m_window.get(), ("Meshlings: " + level.title).c_str());
    m_controller = PlayerController();
    m_controller.setPausesWorld(target.builtIn());
    m_quit = false;
    m_next = AppRequest::Quit;
    m_session.emplace(level, seed, target, m_screen.effects());
    if (first && !m_options.record.empty()) m_session->record(m_options.record);
    if (first && !m_options.report.empty()) m_reporter.emplace(*m_session);
    m_session->start();
    SessionLoop loop(*m_session, &m_stop, {}, target.timeScale());
    SessionLoop::Frame frame;
    m_levelEndSeen.reset();
    m_levelEndTick.reset();
    frame.input = [this] {
        m_frameStart = FixedStepClock::steadySeconds();
        if (m_monkey) monkeyMoves();
        poll();
        if (m_monkey && monkeyDone()) m_quit = true;
        return !m_quit;
    };
    frame.commands = [this] { return m_controller.takeCommands(); };
    frame.draw = [this, &loop](double alpha) { draw(alpha, loop.clock().elapsed()); };
    frame.done = [this] {
        m_controller.observeTick(m_session->world());  // the result screen's figures, frozen at the end's tick
        return false;
    };
    frame.durationSeconds = first ? m_options.durationSeconds : 0;
    frame.minFrameSeconds = kMinFrameSeconds;
    if (loop.run(frame) != SessionLoop::End::Quit) m_next = AppRequest::Quit;  // time up or a stop signal
    m_session->finish();
    if (const render::PlayerUi& ui = m_controller.ui(m_session->world()); ui.finalHud) {
        m_ended.emplace(ui.finalHud->result, ui.finalScore ? ui.finalScore->headline : std::nullopt);
    }
    const std::string summary = m_session->summary(loop.clock().elapsed());
    std::cout << summary;
    if (m_monkey) {
        const auto& hud = m_controller.ui(m_session->world()).finalHud;
        std::cout << "monkey: level " << level.id << " "
                  << (hud && m_levelEndTick ? "ended at tick " + std::to_string(*m_levelEndTick) + " (" +
                                                  std::string(world::levelResultName(hud->result)) + ")"
                                            : std::string("did not end"))
                  << "; " << m_monkey->tally() << "; " << m_monkeyDeclined << " session-ending choices declined\n";
    }
    sayFrameTimes();
    std::cout << std::flush;
    if (m_reporter && !SessionReporter::writeAndSay(m_reporter->record(summary), m_options.report, "play")) {
        exitCode = 1;
    }
    if (m_result != 0 && exitCode == 0) exitCode = m_result;
    if (m_session->routingLeftUnrestored()) exitCode = PlayCommand::kExitRoutingNotRestored;
    m_reporter.reset();
    m_session.reset();
    return m_next;
}

void GameWindow::monkeyMoves() {
    const double now = FixedStepClock::steadySeconds();
    const double seconds = m_lastMonkey > 0 ? now - m_lastMonkey : 0;
    m_lastMonkey = now;
    MonkeyView view;
    SDL_GetWindowSize(m_window.get(), &view.width, &view.height);
    view.at = [this](int x, int y) {
        if (m_screen.choiceAt(x, y) >= 0) return MonkeyTarget::Choice;
        if (m_screen.weightsPanelSlotAt(x, y) >= 0) return MonkeyTarget::Slider;
        const auto tile = m_screen.tileAt(x, y);
        if (tile && m_session->world().pods().podAt(*tile)) return MonkeyTarget::Pod;
        return MonkeyTarget::Elsewhere;
    };
    view.menuOpen = m_controller.pauseMenuOpen();
    view.worldPaused = m_session->world().paused();
    MonkeyMoves moves = m_monkey->frame(view, seconds);
    const Uint32 windowId = SDL_GetWindowID(m_window.get());
    for (SDL_Event& event : moves.events) {
        event.common.timestamp = SDL_GetTicks();
        if (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP) event.key.windowID = windowId;
        if (event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP) event.button.windowID = windowId;
        if (event.type == SDL_MOUSEMOTION) event.motion.windowID = windowId;
        if (SDL_PushEvent(&event) < 0) std::cerr << "meshlings: monkey: SDL_PushEvent: " << SDL_GetError() << "\n";
    }
    if (moves.resize && !m_fullscreen) SDL_SetWindowSize(m_window.get(), moves.resize->x, moves.resize->y);
}

bool GameWindow::monkeyDone() {
    const double now = FixedStepClock::steadySeconds();
    if (!m_levelEndSeen && m_session->world().rules().ended()) {
        m_levelEndSeen = now;
        m_levelEndTick = m_session->world().now().value;
    }
    return m_levelEndSeen && now - *m_levelEndSeen >= PlayOptions::kMonkeyDwellSeconds;
}

void GameWindow::sayFrameTimes() const {
    std::cout << m_frameWork.line("frame time") << "\n" << m_frameIntervals.line("frame interval") << "\n";
}

void GameWindow::draw(double alpha, double elapsed) {
    m_controller.setBanner(m_session->banner());
    m_controller.setArming(!m_session->armed(), m_session->armingContext());
    m_screen.draw(m_session->world(), alpha, m_controller.ui(m_session->world()));
    takeDueScreenshots(elapsed);
    if (m_screenshotPending) {
        saveScreenshot(timestampedName());
        m_screenshotPending = false;
    }
    m_renderer.present();
    const double now = FixedStepClock::steadySeconds();
    if (m_frameStart > 0) m_frameWork.add(now - m_frameStart);
    if (m_lastFrame > 0) m_frameIntervals.add(now - m_lastFrame);
    m_lastFrame = now;
}

void GameWindow::poll() {
    SDL_Event event;
    while (SDL_PollEvent(&event) != 0) handle(event);
}

void GameWindow::handle(const SDL_Event& event) {
    m_pads.handle(event);
    const AppRequest request = m_router.handle(event, m_session->world());
    const bool endsSession = request == AppRequest::Quit || request == AppRequest::Restart ||
                             request == AppRequest::NextLevel || request == AppRequest::LevelSelect;
    if (m_monkey && endsSession && event.type != SDL_QUIT) {
        ++m_monkeyDeclined;  // the monkey plays the level to its end; closing the window still quits
        return;
    }
    switch (request) {
        case AppRequest::Quit:
        case AppRequest::Restart:
        case AppRequest::NextLevel:
        case AppRequest::LevelSelect:
            m_next = request;
            m_quit = true;
            break;
        case AppRequest::Screenshot:
            m_screenshotPending = true;
            break;
        case AppRequest::Fullscreen:
            m_fullscreen = !m_fullscreen;
            m_window.setFullscreen(m_fullscreen);
            break;
        case AppRequest::Halt:
            m_session->halt(event.type == SDL_CONTROLLERBUTTONDOWN ? "the pad's halt button" : "the halt key");
            break;
        case AppRequest::Arm:
            m_session->arm();
            break;
        case AppRequest::None:
            break;
    }
}

void GameWindow::takeDueScreenshots(double elapsed) {
    const auto& due = m_options.screenshots;
    for (; m_nextScreenshot < due.size() && elapsed >= due[m_nextScreenshot].first; ++m_nextScreenshot) {
        if (!saveScreenshot(due[m_nextScreenshot].second)) m_result = 1;
    }
    const bool last = !due.empty() && m_nextScreenshot == due.size();
    if (last && elapsed >= m_options.durationSeconds) m_quit = true;
}

bool GameWindow::saveScreenshot(const std::string& path) {
    try {
        render::Screenshot::save(m_renderer, path);
    } catch (const std::exception& e) {
        std::cerr << "meshlings: screenshot: " << e.what() << "\n";
        return false;
    }
    const SDL_Point size = m_renderer.outputSize();
    std::cout << "wrote " << path << " (" << size.x << "x" << size.y << ", "
              << (m_session ? std::to_string(m_session->world().now().value) + " ticks" : std::string("title"))
              << ")\n";
    return true;
}

std::string GameWindow::timestampedName() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char name[64];
    std::strftime(name, sizeof name, "meshlings-%Y%m%d-%H%M%S.bmp", &local);
    return name;
}

}  // namespace meshlings::app
