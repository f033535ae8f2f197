// Issue 16, "One truth": every figure a person reads is computed once and is
// the same number wherever it is shown. Each recorded session in
// tests/replays is played through the real replay code (ReplayVerifier::play,
// the PlayerController watching each tick as the window's loop does), and at
// its end every place that shows figures produces its text with its real
// code: the HUD's figures panel, the objectives panel and the result screen
// (the real WorldScreen drawing offscreen, its texts read from the Canvas's
// TextLog), the exit summary's lines (SessionFigures), report.md
// (MarkdownWriter) and journal.json (JournalWriter). The figures are read
// back out of those texts and compared by name and window: served % (this
// session, last 30 s), p50 and p99 (last 30 s, this session), request
// counts, the error budget left, the resilience score, each objective's
// figure and mark, the result. An objective is ticked only when the figure
// shown beside it meets its own threshold (crossed only when it does not).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "../world/test_levels.hpp"
#include "app/level_catalog.hpp"
#include "app/player_controller.hpp"
#include "app/session_figures.hpp"
#include "render/objectives_painter.hpp"
#include "render/offscreen_screen.hpp"
#include "render/sdl_context.hpp"
#include "render/text_log.hpp"
#include "report/drill_record.hpp"
#include "report/drill_timeline.hpp"
#include "report/journal_writer.hpp"
#include "report/markdown_writer.hpp"
#include "world/model/world_digest.hpp"
#include "world/replay/replay_reader.hpp"
#include "world/replay/replay_verifier.hpp"

using namespace meshlings;
namespace fs = std::filesystem;

namespace {

// One figure as a place shows it: its value and how many decimals the text had.
struct Shown {
    std::string place;
    double value = 0;
    int decimals = 0;
    std::string text;  // the text it was read from
};

// A figure's value read from matched text ("97.2", "-117.0", "58").
Shown shown(const std::string& place, const std::string& number, const std::string& text) {
    Shown s;
    s.place = place;
    s.value = std::stod(number);
    const auto dot = number.find('.');
    s.decimals = dot == std::string::npos ? 0 : static_cast<int>(number.size() - dot - 1);
    s.text = text;
    return s;
}

// Every figure by name ("served % (this session)"), as each place showed it.
class FigureBook {
public:
    void add(const std::string& name, Shown s) { m_figures[name].push_back(std::move(s)); }
    // Reads group `group` of `pattern` in `text` as figure `name` shown at `place`; false when absent.
    bool read(const std::string& name, const std::string& place, const std::string& text, const std::string& pattern,
              int group = 1) {
        std::smatch m;
        if (!std::regex_search(text, m, std::regex(pattern))) return false;
        if (m[group].str() == "-" || m[group].str() == "--") return true;  // not yet known there: nothing to compare
        add(name, shown(place, m[group].str(), m[0].str()));
        return true;
    }
    // Two places agree when their values are the same once rounded to the coarser of their texts.
    std::vector<std::string> disagreements() const {
        std::vector<std::string> out;
        for (const auto& [name, all] : m_figures) {
            for (std::size_t i = 1; i < all.size(); ++i) {
                const Shown& a = all.front();
                const Shown& b = all[i];
                const double tolerance = 0.5 * std::pow(10.0, -std::min(a.decimals, b.decimals)) + 1e-9;
                if (std::fabs(a.value - b.value) > tolerance) {
                    out.push_back(name + ": " + a.place + " shows \"" + a.text + "\" but " + b.place + " shows \"" +
                                  b.text + "\"");
                }
            }
        }
        return out;
    }
    std::size_t places(const std::string& name) const {
        const auto it = m_figures.find(name);
        return it == m_figures.end() ? 0 : it->second.size();
    }

private:
    std::map<std::string, std::vector<Shown>> m_figures;
};

std::string joined(const std::vector<const render::LoggedText*>& texts) {
    std::string out;
    for (const auto* t : texts) out += (out.empty() ? "" : " ") + t->text;
    return out;
}

std::vector<const render::LoggedText*> inPanel(const render::TextLog& log, const std::string& panel) {
    std::vector<const render::LoggedText*> out;
    for (const auto& t : log.texts()) {
        if (t.panelName == panel) out.push_back(&t);
    }
    return out;
}

// The result screen's texts: drawn last, after the log panel's, outside any named panel.
std::vector<const render::LoggedText*> resultTexts(const render::TextLog& log) {
    std::size_t after = 0;
    for (std::size_t i = 0; i < log.texts().size(); ++i) {
        if (log.texts()[i].panelName == "log") after = i + 1;
    }
    std::vector<const render::LoggedText*> out;
    for (std::size_t i = after; i < log.texts().size(); ++i) {
        if (log.texts()[i].panelName.empty()) out.push_back(&log.texts()[i]);
    }
    return out;
}

const char* kNumber = "(-?[0-9]+(?:\\.[0-9]+)?|-)";

std::string pattern(const std::string& before, const std::string& after = "") {
    return before + kNumber + after;
}

// Reads an objective's shown figure into the book and checks its mark against its threshold.
void checkObjective(const world::Objective& objective, const world::ObjectiveProgress& p, FigureBook& book,
                    const std::string& place) {
    const std::string& text = p.progress;
    std::smatch m;
    const bool met = p.status == world::ObjectiveStatus::Met;
    const bool failed = p.status == world::ObjectiveStatus::Failed;
    INFO(place, ": \"", p.text, "\" shows \"", text, "\" (", world::objectiveStatusName(p.status), ")");
    switch (objective.kind) {
        case world::ObjectiveKind::KeepServed: {
            REQUIRE(std::regex_search(text, m, std::regex(pattern("^", " % served \\(>= ([0-9.]+) %\\)$"))));
            book.read("served % (this session)", place + " objective", text, pattern("^", " % served"));
            if (met || failed) CHECK((std::stod(m[1]) >= std::stod(m[2])) == met);
            break;
        }
        case world::ObjectiveKind::KeepP99Below: {
            REQUIRE(std::regex_search(text, m,
                                      std::regex("^p99 \\((last 30 s|this session)\\) " + std::string(kNumber) +
                                                 " ms \\(< ([0-9]+) ms\\)$")));
            book.read("p99 ms (" + m[1].str() + ")", place + " objective", text, pattern("\\) ", " ms"));
            if ((met || failed) && m[2].str() != "-") CHECK((std::stod(m[2]) < std::stod(m[3])) == met);
            break;
        }
        case world::ObjectiveKind::Survive: {
            REQUIRE(std::regex_search(text, m, std::regex(pattern("^error budget ", " % left$"))));
            book.read("error budget left %", place + " objective", text, pattern("^error budget ", " % left"));
            if (met || failed) CHECK((std::stod(m[1]) >= 0 && m[1].str()[0] != '-') == met);
            break;
        }
        case world::ObjectiveKind::DeletePods: {
            REQUIRE(std::regex_search(text, m, std::regex("^([0-9]+) / ([0-9]+) pods$")));
            if (met || failed) CHECK((std::stoi(m[1]) >= std::stoi(m[2])) == met);
            break;
        }
        case world::ObjectiveKind::ShiftTraffic: {
            REQUIRE(std::regex_search(text, m,
                                      std::regex("^v[123] at ([0-9]+) %, ([0-9]+) steps held 3 s \\(>= "
                                                 "([0-9]+)\\)$")));
            if (met) CHECK(std::stoi(m[2]) >= std::stoi(m[3]));
            if (failed) CHECK_FALSE((std::stoi(m[1]) >= objective.percent && std::stoi(m[2]) >= std::stoi(m[3])));
            break;
        }
        case world::ObjectiveKind::ShiftAwayFrom: {
            REQUIRE(std::regex_search(text, m, std::regex("^v[123] (behaving|misbehaving: now at ([0-9]+) %)$")));
            if (failed) CHECK(m[1].str() != "behaving");
            if (met && m[2].matched) CHECK(std::stoi(m[2]) == 0);
            break;
        }
    }
}

struct Played {
    world::Level level;
    std::string summary;
    render::TextLog hud;     // the frame at the end without the result screen (the HUD as it stands behind it)
    render::TextLog result;  // the frame at the end as drawn (the result screen over it once the level ended)
    std::optional<world::HudFigures> final;
    world::HudFigures live;
    std::string markdown;
    nlohmann::json journal;
    std::string outcome;
};

class FigureRig {
public:
    FigureRig() : m_offscreen(1280, 720) { m_offscreen.canvas().setTextLog(&m_log); }

    Played play(const world::Replay& replay) {
        std::optional<world::Level> level = app::LevelCatalog().resolver()(replay.header.levelId);
        if (!level) level = world::test::testLevel(replay.header.levelId);  // the scenario replays' levels
        REQUIRE_MESSAGE(level, "unknown level ", replay.header.levelId);
        Played out;
        out.level = *level;
        world::World world(*level, replay.header.seed, m_offscreen.screen().effects());
        report::DrillTimeline timeline(world.resilience().config().latencyObjectiveMs);
        world.setCommandListener([&timeline](world::Tick at, const world::Command& command) {
            if (const auto* probe = std::get_if<world::ProbeObserved>(&command)) timeline.observe(at, probe->probe);
        });
        app::PlayerController controller;
        world::ReplayVerifier::play(replay, world, [&controller](const world::World& w) { controller.observeTick(w); });
        out.outcome = world::WorldDigest::outcomeLine(world);
        CHECK(out.outcome == replay.expectedOutcome);
        out.summary = app::SessionFigures::figuresLine(world) + app::SessionFigures::outcomeLine(world);
        render::PlayerUi ui = controller.ui(world);
        out.final = ui.finalHud;
        out.live = world.hud();
        render::PlayerUi behind = ui;
        behind.resultVisible = false;
        m_offscreen.screen().draw(world, 0, behind);
        out.hud = m_log;
        m_offscreen.screen().draw(world, 0, ui);
        out.result = m_log;
        const report::DrillRecord record = report::DrillRecord::make(world.level(), world.resilience().config(),
                                                                     world.resilience().report(), timeline, 0, 0, {});
        out.markdown = report::MarkdownWriter::markdown(record);
        out.journal = report::JournalWriter::journal(record);
        return out;
    }

private:
    render::SdlContext m_sdl{false};
    render::OffscreenScreen m_offscreen;
    render::TextLog m_log;
};

// Reads every place's figures into the book, and checks the objectives' texts and marks.
void readPlaces(const Played& p, FigureBook& book) {
    const world::HudFigures& hud = p.final ? *p.final : p.live;
    // The HUD's figures panel.
    const std::string figures = joined(inPanel(p.hud, "figures"));
    INFO("HUD figures panel: ", figures);
    if (hud.successPercent) CHECK(book.read("served % (last 30 s)", "HUD", figures, pattern("SERVED ", " %")));
    if (hud.p50Ms) CHECK(book.read("p50 ms (last 30 s)", "HUD", figures, pattern("p50 ", " ms")));
    if (hud.p99Ms) CHECK(book.read("p99 ms (last 30 s)", "HUD", figures, pattern("p99 ", " ms")));
    book.read("resilience score", "HUD", figures, pattern("RESILIENCE ", "( |$)"));
    book.read("error budget left %", "HUD", figures, pattern("budget ", "% left"));

    // The exit summary's lines: after the level's end its figures at the end ("the level, to its end at 1:30"),
    // the outcome line the whole recording's (to the exit: the probe goes on after the end).
    INFO("summary: ", p.summary);
    const std::string session = "(?:this session|the level, to its end at [0-9]+:[0-9]{2}): success ";
    CHECK(p.summary.find(p.final ? "the level, to its end at " : "this session: ") == 0);
    CHECK(book.read("served % (this session)", "exit summary", p.summary, pattern(session, " %")));
    CHECK(book.read("p99 ms (this session)", "exit summary", p.summary, pattern(session + "[^;]*p99 ")));
    CHECK(book.read("served % (last 30 s)", "exit summary", p.summary, pattern("last 30 s: success ")));
    CHECK(book.read("p50 ms (last 30 s)", "exit summary", p.summary, pattern("last 30 s: [^;]*p50 ")));
    CHECK(book.read("p99 ms (last 30 s)", "exit summary", p.summary, pattern("last 30 s: [^;]*p99 ")));
    const std::string exit = p.final ? " (to the exit)" : "";
    CHECK(book.read("served % (this session)" + exit, "outcome line", p.summary, pattern("success=")));
    CHECK(book.read("p99 ms (this session)" + exit, "outcome line", p.summary, pattern("p99=")));
    CHECK(book.read("requests" + exit, "outcome line", p.summary, pattern("requests=")));
    if (p.final) {  // the outcome line is the world's at the exit
        book.add("requests (to the exit)", Shown{"the world at the exit", static_cast<double>(p.live.requests), 0, ""});
        if (p.live.sessionSuccessPercent) {
            book.add("served % (this session) (to the exit)",
                     Shown{"the world at the exit", *p.live.sessionSuccessPercent, 6, ""});
        }
    }

    // Objectives: the HUD's panel and the result screen show the same ObjectiveProgress texts.
    const std::string objectives = joined(inPanel(p.hud, "objectives"));
    REQUIRE(hud.objectives.size() == p.level.objectives.size());
    for (std::size_t i = 0; i < hud.objectives.size(); ++i) {
        const world::ObjectiveProgress& o = hud.objectives[i];
        CHECK_MESSAGE(objectives.find(o.progress) != std::string::npos, "objectives panel: ", objectives);
        CHECK(objectives.find(render::ObjectivesPainter::mark(o)) != std::string::npos);
        checkObjective(p.level.objectives[i], o, book, "objectives panel");
    }

    // The report and the journal (the resilience score's figures, frozen at the level's end).
    INFO("report.md: ", p.markdown);
    CHECK(book.read("requests", "report.md", p.markdown,
                    pattern("Error budget \\(SLO [0-9.]+ %\\): [0-9]+ bad of ", " requests")));
    book.read("error budget left %", "report.md", p.markdown, pattern(" requests, ", " % left"));
    book.read("resilience score", "report.md", p.markdown, pattern("score ", " \\(pass mark"));
    const nlohmann::json& r = p.journal.at("resilience");
    book.add("requests", shown("journal.json", std::to_string(r.at("requests").get<std::uint64_t>()), r.dump()));
    if (!r.at("budget_left").is_null()) {
        const double left = r.at("budget_left").get<double>() * 100;
        book.add("error budget left %", Shown{"journal.json", left, 6, "budget_left " + std::to_string(left)});
    }
    if (!r.at("score").is_null()) {
        book.add("resilience score", Shown{"journal.json", r.at("score").get<double>(), 6, "score"});
    }

    // The result screen, once the level ended.
    if (!p.final) return;
    const std::string result = joined(resultTexts(p.result));
    INFO("result screen: ", result);
    CHECK(result.find(p.final->result == world::LevelResult::Won ? "LEVEL WON" : "LEVEL LOST") != std::string::npos);
    CHECK(book.read("requests", "result screen", result, pattern("requests ", ", served")));
    CHECK(book.read("served % (this session)", "result screen", result, pattern("success ", " % \\(this session\\)")));
    book.read("resilience score", "result screen", result,
              "(?:\u2714 |\u2718 |\u25A0 )?" + std::string(kNumber) + "  (PASS|FAIL|HALTED|NOT SCORED|PENDING)");
    book.read("error budget left %", "result screen", result, pattern("allowed\\), left ", " %"));
    for (std::size_t i = 0; i < p.final->objectives.size(); ++i) {
        const world::ObjectiveProgress& o = p.final->objectives[i];
        CHECK_MESSAGE(result.find(o.progress) != std::string::npos, "result screen: ", result);
        checkObjective(p.level.objectives[i], o, book, "result screen");
    }
    // The outcome line's objectives are the marks shown.
    std::string statuses;
    for (const auto& o : p.final->objectives) {
        statuses += (statuses.empty() ? "" : ",") + std::string(world::objectiveStatusName(o.status));
    }
    CHECK(p.summary.find("objectives=" + statuses + " ") != std::string::npos);
}

std::vector<fs::path> replayFiles() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(MESHLINGS_REPLAY_DIR))) {
        if (entry.path().extension() == ".replay") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("One truth: every recorded session's figures are the same wherever they are shown") {
    FigureRig rig;
    const auto files = replayFiles();
    CHECK(files.size() >= 15);  // the three scenario replays and each campaign level's winning and losing one
    for (const fs::path& file : files) {
        CAPTURE(file.filename().string());
        const world::ReplayReadResult read = world::ReplayReader::readFile(file);
        REQUIRE_MESSAGE(read.ok(), read.errors.front().text());
        const Played played = rig.play(read.replay);
        FigureBook book;
        readPlaces(played, book);
        for (const char* name : {"served % (this session)", "requests"}) {
            CHECK_MESSAGE(book.places(name) >= 2, name);
        }
        for (const std::string& problem : book.disagreements()) CHECK_MESSAGE(false, problem);
    }
}
