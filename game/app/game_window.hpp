#pragma once
// The windowed game: SDL window (resizable, HiDPI-aware, fullscreen on
// F11), the WorldScreen drawing the session's World with the PlayerUi, and
// the fixed-step loop between them: the EventRouter maps events through
// InputBindings to Actions, the PlayerController turns them into world
// commands, and the SessionLoop ticks the session and draws each frame with
// the clock's alpha. Screenshots on F12 (timestamped BMP) and at the times
// --screenshot-at gives (it exits after the last). With --headless it runs on
// SDL's dummy video driver (screenshots with no display). When the cluster's
// credential comes from an exec plugin, the window opens first and says
// "waiting for credentials (plugin NAME)" until the plugin answers (the
// CredentialWait); the session is made after that. Escape opens the pause
// menu; its and the result screen's choices end the session and start the
// next one in the same window: Restart (on a fresh built-in cluster, or the
// same real one), Next level (the campaign's order) or Level select (the
// LevelSelectScreen, with the progress kept by ProgressStore). With no
// --level and nothing scripted it opens on that screen (the title).
// --record and --report cover the first session only. With --monkey the
// MonkeyPlayer's events are pushed into SDL's queue before each poll; the
// requests that would end the session (quit, restart, next level, level
// select) are declined while it plays, and the session ends
// kMonkeyDwellSeconds after the level's end (or at --duration). At exit the
// window prints its frame times (work and intervals) and, with the monkey,
// what it did.
#include <memory>
#include <optional>
#include <string>

#include "app/cluster_target.hpp"
#include "app/event_router.hpp"
#include "app/frame_times.hpp"
#include "app/game_pads.hpp"
#include "app/game_session.hpp"
#include "app/monkey_player.hpp"
#include "app/play_options.hpp"
#include "app/player_controller.hpp"
#include "app/session_reporter.hpp"
#include "app/stop_signal.hpp"
#include "render/canvas.hpp"
#include "render/renderer.hpp"
#include "render/sdl_context.hpp"
#include "render/sprite_atlas.hpp"
#include "render/text_renderer.hpp"
#include "render/window.hpp"
#include "render/world_screen.hpp"

namespace meshlings::app {

class GameWindow {
public:
    GameWindow(const PlayOptions& options, ClusterTarget& target, const world::Level& level, std::uint64_t seed,
               const StopSignal& stop);
    ~GameWindow();
    GameWindow(const GameWindow&) = delete;
    GameWindow& operator=(const GameWindow&) = delete;

    // Plays until quit, the duration, the last screenshot or a stop signal; 0, or 1 when a screenshot failed
    // (or PlayCommand::kExitRoutingNotRestored when a session could not put the routing back).
    int run();

private:
    // Until the plugin's first answer: events pumped, the waiting line drawn. False when quit or stopped.
    bool waitForCredentials();
    // One session of `level` on `target` until it ends; what the player chose next (Quit for every other end).
    AppRequest playLevel(const world::Level& level, ClusterTarget& target, bool first, int& exitCode);
    // The cluster the next session plays on: a fresh built-in one (a clean start), or the same real one.
    ClusterTarget& targetFor(const world::Level& level);
    // `meshlings play` with no --level and nothing scripted opens the title screen first.
    bool opensTitle() const;
    void drawWaiting(const std::string& line);
    void poll();
    // The monkey's events of this frame, pushed into SDL's queue; its window size, set.
    void monkeyMoves();
    // With the monkey: true once the level ended kMonkeyDwellSeconds ago.
    bool monkeyDone();
    // The lines printed at exit: frame times, and what the monkey did.
    void sayFrameTimes() const;
    void handle(const SDL_Event& event);
    // The frame after its ticks: the world, the due screenshots, present.
    void draw(double alpha, double elapsed);
    void takeDueScreenshots(double elapsed);
    bool saveScreenshot(const std::string& path);
    static std::string timestampedName();

    const PlayOptions& m_options;
    const StopSignal& m_stop;
    ClusterTarget& m_target;
    const world::Level& m_level;
    std::uint64_t m_seed;
    render::SdlContext m_sdl;
    render::Window m_window;
    render::Renderer m_renderer;
    render::SpriteAtlas m_atlas;
    render::TextRenderer m_text;
    render::Canvas m_canvas;
    render::WorldScreen m_screen;
    GamePads m_pads;
    std::optional<GameSession> m_session;        // made once the credentials are there
    std::optional<SessionReporter> m_reporter;   // --report
    std::unique_ptr<ClusterTarget> m_ownTarget;  // the built-in cluster of a restarted or later session
    PlayerController m_controller;
    EventRouter m_router;
    bool m_fullscreen;
    bool m_quit = false;
    AppRequest m_next = AppRequest::Quit;  // what ends the session: quit, restart, next level, level select
    std::optional<std::pair<world::LevelResult, std::optional<double>>> m_ended;  // the last session's result, score
    bool m_screenshotPending = false;
    std::size_t m_nextScreenshot = 0;
    int m_result = 0;
    std::optional<MonkeyPlayer> m_monkey;
    std::optional<double> m_levelEndSeen;        // steady seconds when the monkey saw the level end
    std::optional<std::int64_t> m_levelEndTick;  // the world's tick then
    double m_lastMonkey = 0;                     // steady seconds at its last frame
    int m_monkeyDeclined = 0;                    // its quit, restart, next level and level select choices
    double m_frameStart = 0;                     // steady seconds at this frame's input
    double m_lastFrame = 0;                      // steady seconds at the last present
    FrameTimes m_frameWork;                      // input to present
    FrameTimes m_frameIntervals;                 // present to present
};

}  // namespace meshlings::app
