// Issue 16, "A game flow": the title screen lists the campaign in order,
// each level open once the one before it was won, with its best result and
// resilience score kept in $XDG_STATE_HOME/meshlings/progress.json
// (~/.local/state/meshlings/ without XDG_STATE_HOME), then free play and quit.
#include "app/progress_store.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/campaign.hpp"
#include "app/level_select_screen.hpp"
#include "render/menu_painter.hpp"
#include "render/offscreen_screen.hpp"
#include "render/sdl_context.hpp"

using namespace meshlings;

namespace {

// A fresh folder under the temporary directory, removed at the end.
class StateFolder {
public:
    StateFolder()
        : m_path(std::filesystem::temp_directory_path() / ("meshlings-progress-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~StateFolder() { std::filesystem::remove_all(m_path); }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// Sets an environment variable for the scope, putting the old value back.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (m_old) {
            ::setenv(m_name, m_old->c_str(), 1);
        } else {
            ::unsetenv(m_name);
        }
    }

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

}  // namespace

TEST_CASE("issue 16: progress lives in $XDG_STATE_HOME/meshlings/progress.json, else ~/.local/state") {
    StateFolder folder;
    {
        ScopedEnv state("XDG_STATE_HOME", folder.path().string());
        CHECK(app::ProgressStore::defaultFile() == folder.path() / "meshlings" / "progress.json");
    }
    ScopedEnv home("HOME", folder.path().string());
    ScopedEnv relative("XDG_STATE_HOME", "not/absolute");  // the XDG spec ignores a relative path
    CHECK(app::ProgressStore::defaultFile() == folder.path() / ".local" / "state" / "meshlings" / "progress.json");
}

TEST_CASE("issue 16: the best result and score per level survive a restart of the game") {
    StateFolder folder;
    const auto file = folder.path() / "meshlings" / "progress.json";
    {
        app::ProgressStore store(file);
        store.record("hello-mesh", world::LevelResult::Lost, 61.5);
        store.record("hello-mesh", world::LevelResult::Won, 87.25);
        store.record("hello-mesh", world::LevelResult::Lost, 40.0);    // a worse run keeps the best
        store.record("free-play", world::LevelResult::Sandbox, 99.0);  // not a result: not kept
    }
    REQUIRE(std::filesystem::exists(file));
    const app::ProgressStore again(file);
    const auto hello = again.of("hello-mesh");
    REQUIRE(hello.has_value());
    CHECK(hello->won);
    CHECK(hello->last == "lost");
    REQUIRE(hello->bestScore.has_value());
    CHECK(*hello->bestScore == doctest::Approx(87.25));
    CHECK(again.note("hello-mesh") == "won, best 87.2");
    CHECK_FALSE(again.of("free-play").has_value());
    CHECK(again.note("canary").empty());

    std::ofstream(file) << "{ not json";  // a broken file is an empty progress, not a crash
    CHECK_FALSE(app::ProgressStore(file).of("hello-mesh").has_value());
}

TEST_CASE("issue 16: the title lists the campaign in order, unlocked in order, then free play and quit") {
    StateFolder folder;
    const app::Campaign campaign{app::LevelCatalog()};
    REQUIRE(campaign.levels().size() >= 6);
    for (std::size_t i = 1; i < campaign.levels().size(); ++i) {
        CHECK(campaign.levels()[i - 1].campaignOrder < campaign.levels()[i].campaignOrder);
    }
    CHECK(campaign.levels().front().id == "hello-mesh");
    REQUIRE(campaign.after("hello-mesh").has_value());
    CHECK(campaign.after("hello-mesh")->id == campaign.levels()[1].id);
    CHECK_FALSE(campaign.after(campaign.levels().back().id).has_value());
    CHECK_FALSE(campaign.after("free-play").has_value());

    app::ProgressStore progress(folder.path() / "progress.json");
    std::vector<bool> open = app::LevelSelectScreen::open(campaign, progress);
    REQUIRE(open.size() == campaign.levels().size() + 2);
    CHECK(open[0]);
    CHECK_FALSE(open[1]);          // locked until hello-mesh is won
    CHECK(open[open.size() - 2]);  // free play
    CHECK(open.back());            // quit
    progress.record("hello-mesh", world::LevelResult::Lost, 50.0);
    CHECK_FALSE(app::LevelSelectScreen::open(campaign, progress)[1]);
    progress.record("hello-mesh", world::LevelResult::Won, 90.0);
    open = app::LevelSelectScreen::open(campaign, progress);
    CHECK(open[1]);
    CHECK_FALSE(open[2]);

    const render::MenuView view = app::LevelSelectScreen::view(campaign, progress, 0);
    CHECK(view.items.front() == "1. " + campaign.levels().front().title);
    CHECK(view.notes.front() == "won, best 90.0");
    CHECK(view.notes[2] == "locked");
    CHECK(view.items[view.items.size() - 2] == "Free play");
    CHECK(view.items.back() == "Quit");
    CHECK(view.disabled[2]);

    // Every text stays inside the panel at the projector sizes.
    render::SdlContext sdl{false};
    for (const auto& [w, h] : std::vector<std::pair<int, int>>{{1024, 768}, {1280, 720}, {800, 600}, {1920, 1080}}) {
        CAPTURE(w);
        render::OffscreenScreen offscreen(w, h);
        offscreen.canvas().beginFrame();
        render::MenuPainter painter(offscreen.canvas());
        painter.draw(view);
        const render::PanelLayout& layout = painter.layout();
        CHECK(layout.buttons.size() == view.items.size());
        for (const SDL_FRect& box : layout.texts) {
            CHECK(box.x >= layout.panel.x);
            CHECK(box.y >= layout.panel.y);
            CHECK(box.x + box.w <= layout.panel.x + layout.panel.w);
            CHECK(box.y + box.h <= layout.panel.y + layout.panel.h);
        }
    }
}
