// How quickly the game shows the cluster, on the built-in cluster served
// in-process exactly as `meshlings` plays it:
//   start-up:  from nothing (no cluster) to the first frame drawn, and to
//              the first one with Bookinfo's pods on it, through the real
//              GameSession and WorldScreen;
//   change:    a pod deleted through the Kubernetes API (by another client,
//              as kubectl would) to the end of the first frame that draws it
//              Terminating or gone. The game loop runs as GameWindow's does:
//              FixedStepClock ticks, then one draw, ~60 frames a second.
// Drawn with SDL's software renderer into an offscreen 1280x720 surface, so
// no display is needed.
// Usage: meshlings_latency_bench [--startups N] [--deletes N]
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "app/cluster_target.hpp"
#include "app/fixed_step_clock.hpp"
#include "app/game_session.hpp"
#include "app/level_catalog.hpp"
#include "client/core_calls.hpp"
#include "client/kube_client.hpp"
#include "render/offscreen_screen.hpp"
#include "render/sdl_context.hpp"

using namespace meshlings;

namespace {

double now() {
    return app::FixedStepClock::steadySeconds();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[at];
}

// Everything a frame needs, built in the order GameWindow builds it (the
// cluster first, as `meshlings play` does).
class Game {
public:
    explicit Game(std::uint64_t seed)
        : m_target(targetOptions(seed)),
          m_offscreen(1280, 720),
          m_session(app::LevelCatalog().find("free-play"), seed, m_target, m_offscreen.screen().effects()) {
        m_session.start();
        m_clock.resync();
    }
    ~Game() { m_session.finish(); }

    // One frame as GameWindow::frame draws it.
    void frame() {
        for (int steps = m_clock.advance(); steps > 0; --steps) m_session.tick();
        m_offscreen.screen().draw(m_session.world(), m_clock.alpha(), {});
        m_offscreen.renderer().present();
    }

    const world::World& world() const { return m_session.world(); }
    app::ClusterTarget& target() { return m_target; }

private:
    static app::TargetOptions targetOptions(std::uint64_t seed) {
        app::TargetOptions options;
        options.seed = seed;
        return options;
    }

    app::ClusterTarget m_target;
    render::OffscreenScreen m_offscreen;
    app::GameSession m_session;
    app::FixedStepClock m_clock;
};

// Sleeps out the rest of a 60 Hz frame that began at `start`.
void paceFrame(double start) {
    const double left = 1.0 / 60.0 - (now() - start);
    if (left > 0) std::this_thread::sleep_for(std::chrono::duration<double>(left));
}

struct Startup {
    std::vector<double> firstFrame;  // the first frame (the cluster still connecting)
    std::vector<double> allPods;     // the first frame with Bookinfo's 6 pods on the board
};

Startup startups(int runs) {
    Startup result;
    for (int i = 0; i < runs; ++i) {
        const double start = now();
        Game game(static_cast<std::uint64_t>(100 + i));
        game.frame();
        result.firstFrame.push_back(now() - start);
        while (game.world().pods().all().size() < 6 && now() - start < 30) {
            const double frameStart = now();
            game.frame();
            paceFrame(frameStart);
        }
        result.allPods.push_back(now() - start);
    }
    return result;
}

bool showsDeleted(const world::World& world, const std::string& name) {
    const world::Pod* pod = world.pods().find(name);
    return pod == nullptr || pod->gone || pod->observed.state == world::PodState::Terminating;
}

struct Deletion {
    std::string pod;
    double answeredAt = 0;  // when the DELETE's answer came back
};

// Deletes a Ready Bookinfo pod every ~1.5 s (at a random phase of the frame)
// from its own client and thread, like a second person with kubectl.
class Deleter {
public:
    Deleter(const k8s::RestConfig& config, int count) : m_client(config), m_count(count) {
        m_thread = std::thread([this] { run(); });
    }
    ~Deleter() {
        m_stop = true;
        m_thread.join();
    }
    std::optional<Deletion> take() {
        std::lock_guard lock(m_mutex);
        auto d = m_pending;
        m_pending.reset();
        return d;
    }
    bool done() const { return m_done; }

private:
    void run() {
        std::mt19937 random(7);
        std::uniform_int_distribution<int> jitterMs(0, 17);
        for (int i = 0; i < m_count && !m_stop; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1500 + jitterMs(random)));
            const std::string victim = readyPod(random);
            if (victim.empty()) {
                std::cerr << "no Ready pod to delete\n";
                continue;
            }
            k8s::deletePod(m_client, victim);
            std::lock_guard lock(m_mutex);
            m_pending = Deletion{victim, now()};
        }
        m_done = true;
    }

    std::string readyPod(std::mt19937& random) {
        std::vector<std::string> names;
        const k8s::Json list = k8s::listPods(m_client);  // kept: a range-for over a temporary's member dangles
        for (const auto& pod : list["items"]) {
            if (pod["metadata"].contains("deletionTimestamp")) continue;
            bool ready = false;
            for (const auto& c : pod["status"].value("conditions", k8s::Json::array())) {
                ready =
                    ready || (c.value("type", std::string()) == "Ready" && c.value("status", std::string()) == "True");
            }
            if (ready) names.push_back(pod["metadata"]["name"].get<std::string>());
        }
        if (names.empty()) return "";
        return names[std::uniform_int_distribution<std::size_t>(0, names.size() - 1)(random)];
    }

    k8s::KubeClient m_client;
    int m_count;
    std::mutex m_mutex;
    std::optional<Deletion> m_pending;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_done{false};
    std::thread m_thread;
};

struct ChangeLatency {
    std::vector<double> seconds;  // DELETE answered -> end of the frame that shows it
    std::vector<double> frames;   // frames begun after the answer, up to and including that one
    std::vector<double> drawSeconds;
};

ChangeLatency changeToFrame(int deletes) {
    Game game(42);
    for (double start = now(); now() - start < 3.0;) {  // connect and list
        const double frameStart = now();
        game.frame();
        paceFrame(frameStart);
    }
    ChangeLatency result;
    Deleter deleter(*game.target().restConfig(), deletes);
    std::optional<Deletion> watching;
    int framesSince = 0;
    const double deadline = now() + 1.5 * deletes + 30;
    while (now() < deadline) {
        const double frameStart = now();
        if (!watching) {
            const bool last = deleter.done();  // read before take(): the last deletion is not lost
            watching = deleter.take();
            framesSince = 0;
            if (!watching && last) break;
        }
        game.frame();
        const double frameEnd = now();
        result.drawSeconds.push_back(frameEnd - frameStart);
        if (watching) {
            ++framesSince;
            if (showsDeleted(game.world(), watching->pod)) {
                result.seconds.push_back(frameEnd - watching->answeredAt);
                result.frames.push_back(framesSince);
                watching.reset();
            }
        }
        paceFrame(frameStart);
    }
    return result;
}

void row(const char* what, const std::vector<double>& values, double scale, const char* unit) {
    std::printf("| %s | %zu | %.1f %s | %.1f %s | %.1f %s |\n", what, values.size(), percentile(values, 0.5) * scale,
                unit, percentile(values, 0.99) * scale, unit, *std::max_element(values.begin(), values.end()) * scale,
                unit);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli("Start-up to first frame, and a cluster change to the frame that shows it, on the built-in cluster");
    int startupRuns = 10;
    int deletes = 30;
    cli.add_option("--startups", startupRuns, "Start-ups to time")->check(CLI::Range(1, 1000));
    cli.add_option("--deletes", deletes, "Pods to delete while playing")->check(CLI::Range(1, 1000));
    CLI11_PARSE(cli, argc, argv);
    const render::SdlContext sdl(false);  // no video: the software renderer draws into memory

    const auto boot = startups(startupRuns);
    const auto change = changeToFrame(deletes);
    if (change.seconds.empty()) {
        std::cerr << "no deletion was seen by the game\n";
        return 1;
    }
    std::printf("| measure | n | median | p99 | max |\n| --- | --- | --- | --- | --- |\n");
    row("start-up to the first frame (built-in cluster, session, first draw)", boot.firstFrame, 1000, "ms");
    row("start-up to the first frame with Bookinfo's 6 pods", boot.allPods, 1000, "ms");
    row("pod DELETE answered -> end of the frame that shows it", change.seconds, 1000, "ms");
    row("... in frames begun after the answer", change.frames, 1, "frames");
    row("one frame (ticks + draw, software renderer, 1280x720) meanwhile", change.drawSeconds, 1000, "ms");
    return 0;
}
