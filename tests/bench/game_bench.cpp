// Benchmark of the game's frame: one World tick plus one frame of the real
// WorldScreen drawn with SDL's software renderer into a 1280x720 surface
// (offscreen; no window, no X server), with N meshlings walking the map's
// paths and 300 pods standing on their platforms. The world is fed only
// through its commands, as GameSession feeds it: the pods arrive as
// PodUpserted (cluster events), the requests as ProbeObserved (probe
// results), at a steady rate that keeps about N meshlings on the map.
// Also the memory one case takes (resident set growth, bytes per meshling),
// measured in a child process so the other cases' heap does not blur it.
// Prints Markdown; BENCHMARKS.md (section 4) has the command and the numbers.
// Run: build-bench2/meshlings_game_bench [--counts 1000,10000,50000] [--pods 300]
//      [--frames 300] [--repetitions 5] [--memory-count 10000] [--screenshots DIR]
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/canvas.hpp"
#include "render/meshling_painter.hpp"
#include "render/renderer.hpp"
#include "render/screenshot.hpp"
#include "render/sdl_context.hpp"
#include "render/sprite_atlas.hpp"
#include "render/sprite_library.hpp"
#include "render/surface.hpp"
#include "render/text_renderer.hpp"
#include "render/window.hpp"
#include "render/world_screen.hpp"
#include "world/model/route_planner.hpp"
#include "world/model/world.hpp"
#include "world/replay/replay_verifier.hpp"

namespace {

namespace w = meshlings::world;
namespace common = meshlings::common;
namespace r = meshlings::render;
using Steady = std::chrono::steady_clock;

constexpr int kWidth = 1280;
constexpr int kHeight = 720;
constexpr std::uint64_t kSeed = 42;
constexpr double kAlpha = 0.5;  // half a tick since the last step, as between two steps

struct Settings {
    std::vector<int> counts{1000, 10000, 50000};
    int pods = 300;
    int frames = 300;
    int repetitions = 5;
    int memoryCount = 10000;
    std::string screenshots;        // a folder for one frame of each case; empty: none
    std::string target = "window";  // or "surface"
    std::string writes = "direct";  // or "sdl": Renderer::setDirectWrites
};

// Frame times of one meshling count, pooled over the repetitions.
struct Case {
    int count = 0;
    std::vector<double> updateMs;
    std::vector<double> drawMs;
    std::vector<double> frameMs;
    std::vector<double> alive;     // meshlings in the crowd, per measured frame
    std::vector<double> visible;   // walking or dying inside the 40x22 map, per measured frame
    std::vector<double> copied;    // meshlings drawn (the rest hidden under them: MeshlingPainter's culling)
    double requestsPerSecond = 0;  // ProbeObserved commands fed, to keep `count` on the map
    double lifetimeTicks = 0;      // mean ticks a meshling of this traffic lives
};

double ms(Steady::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

long statusKiB(const char* field) {
    std::ifstream status("/proc/self/status");
    const std::string prefix = field;
    for (std::string line; std::getline(status, line);) {
        if (line.rfind(prefix, 0) == 0) return std::stol(line.substr(prefix.size()));
    }
    return 0;
}

// The requests the probe reports: mostly full pages split over the reviews
// versions, a few degraded (details or ratings unavailable) and failed ones
// (they die where they failed), a few slow. Drawn from the world's own PRNG
// type with a fixed seed, so every run feeds the same commands.
class Traffic {
public:
    explicit Traffic(int podsPerDeployment) : m_rng(kSeed), m_podsPerDeployment(podsPerDeployment) {}

    w::ProbeResult next() {
        w::ProbeResult p;
        const auto version = static_cast<int>(m_rng.below(3));
        p.reviewsVersion =
            std::array{common::ReviewsVersion::V1, common::ReviewsVersion::V2, common::ReviewsVersion::V3}[version];
        m_lastPod = static_cast<int>(m_rng.below(static_cast<std::uint64_t>(m_podsPerDeployment)));
        p.reviewsPod = podName("reviews-v" + std::to_string(version + 1), m_lastPod);
        p.latencyMs = m_rng.below(100) < 3 ? 1500 : 40 + static_cast<int>(m_rng.below(300));
        const auto roll = m_rng.below(100);
        if (roll < 5) {
            p.outcome = common::PageOutcome::Degraded;
            p.failedAt = roll < 3 ? common::PagePart::Details : common::PagePart::Ratings;
            if (p.failedAt == common::PagePart::Ratings && p.reviewsVersion == common::ReviewsVersion::V1)
                p.failedAt = common::PagePart::Details;
        } else if (roll < 9) {
            p.outcome = common::PageOutcome::Failed;
            p.failedAt = std::array{common::PagePart::ProductPage, common::PagePart::Details, common::PagePart::Reviews,
                                    common::PagePart::Reviews}[roll - 5];
        }
        return p;
    }
    // The index (0..pods per deployment) of the reviews pod that answered the last request.
    int lastPod() const { return m_lastPod; }

    static std::string podName(const std::string& deployment, int index) {
        char suffix[24];
        std::snprintf(suffix, sizeof suffix, "-bench-%04d", index);
        return deployment + suffix;
    }

private:
    common::Rng m_rng;
    int m_podsPerDeployment;
    int m_lastPod = 0;
};

const std::array<std::string, 6> kDeployments{"productpage-v1", "details-v1", "reviews-v1",
                                              "reviews-v2",     "reviews-v3", "ratings-v1"};

w::PodObservation readyPod(const std::string& deployment, int index) {
    w::PodObservation p;
    p.name = Traffic::podName(deployment, index);
    p.deployment = deployment;
    p.app = deployment.substr(0, deployment.find('-'));
    p.version = deployment.substr(deployment.find('-') + 1);
    p.state = w::PodState::Ready;
    p.totalContainers = 2;
    p.readyContainers = 2;
    p.createdAtSeconds = 1'700'000'000;
    return p;
}

// Ticks a meshling of this traffic lives on average (hatch, walk, death) and
// the longest: the spawn rate for N on the map, and how long to warm up.
struct Lifetimes {
    double mean = 0;
    std::int32_t longest = 0;
};

Lifetimes lifetimes(int podsPerDeployment) {
    const w::BookinfoMap map;
    w::RoutePlanner planner(map);
    Traffic traffic(podsPerDeployment);
    Lifetimes life;
    constexpr int kSamples = 4000;
    double sum = 0;
    for (int i = 0; i < kSamples; ++i) {
        const w::ProbeResult probe = traffic.next();
        // Each pod keeps the slot it arrived in: the i-th pod of a deployment stands in slot i.
        const w::MapNode node = w::BookinfoMap::nodeForVersion(probe.reviewsVersion);
        const auto route = planner.plan(probe, map.podSlot(node, traffic.lastPod()).x);
        const std::int32_t ticks = w::Crowd::kMaxStartDelayTicks / 2 + route->duration() +
                                   (route->endsInDeath() ? w::Meshling::kDeathTicks : 0);
        sum += ticks;
        life.longest = std::max(life.longest, ticks);
    }
    life.mean = sum / kSamples;
    return life;
}

// SDL, the 1280x720 software target and the assets: made once per process.
// Target "window": what `meshlings play --headless` draws into, a window of
// SDL's dummy video driver with the software renderer (its framebuffer is
// XRGB8888, as X11's usually is). Target "surface": an RGBA32 Surface, as the
// render tests and the gallery draw offscreen.
class Stage {
public:
    explicit Stage(const std::string& target)
        : m_sdl(target == "window"),
          m_window(target == "window" ? std::make_unique<r::Window>("meshlings_game_bench", kWidth, kHeight) : nullptr),
          m_target(target == "window" ? nullptr : std::make_unique<r::Surface>(kWidth, kHeight)),
          m_renderer(m_window ? r::Renderer(*m_window, false) : r::Renderer(*m_target)),
          m_atlas(m_renderer, r::SpriteLibrary::loadFolder(r::SpriteLibrary::defaultFolder())),
          m_text(m_renderer) {}

    r::Renderer& renderer() { return m_renderer; }
    r::SpriteAtlas& atlas() { return m_atlas; }
    r::TextRenderer& text() { return m_text; }
    std::string describe() const {
        SDL_RendererInfo info{};
        SDL_GetRendererInfo(m_renderer.get(), &info);
        const SDL_Surface* surface = m_window ? SDL_GetWindowSurface(m_window->get()) : m_target->get();
        return std::string(info.name) + " renderer into " + (m_window ? "a dummy-driver window" : "a Surface") +
               " of " + SDL_GetPixelFormatName(surface->format->format);
    }

private:
    r::SdlContext m_sdl;
    std::unique_ptr<r::Window> m_window;
    std::unique_ptr<r::Surface> m_target;
    r::Renderer m_renderer;
    r::SpriteAtlas m_atlas;
    r::TextRenderer m_text;
};

// One world with its screen, fed as GameSession feeds it.
class Session {
public:
    Session(Stage& stage, const Settings& settings)
        : m_stage(stage),
          m_canvas(stage.renderer(), stage.atlas(), stage.text(), r::WorldScreen::playfieldViewport()),
          m_screen(m_canvas),
          m_world(w::ReplayVerifier::sandboxLevel(), kSeed, m_screen.effects()),
          m_podsPerDeployment(std::max(1, settings.pods / static_cast<int>(kDeployments.size()))),
          m_traffic(m_podsPerDeployment),
          m_life(lifetimes(m_podsPerDeployment)) {
        stage.renderer().setDirectWrites(settings.writes == "direct");
        m_screen.meshlingPainter().setThinning(false);  // every meshling of the case is drawn, as before CrowdDensity
        m_world.submit(w::ConnectionChanged{w::ConnectionState::Connected, "", ""});
        m_world.submit(w::WeightsObserved{w::ReviewsWeights::of(34, 33, 33)});
        for (int i = 0; i < settings.pods; ++i) {
            const auto& deployment = kDeployments[static_cast<std::size_t>(i) % kDeployments.size()];
            m_world.submit(w::PodUpserted{readyPod(deployment, i / static_cast<int>(kDeployments.size()))});
        }
    }

    // From now on, requests arrive at the rate that keeps about `count` meshlings on the map.
    void setCrowd(int count) { m_perTick = count / m_life.mean; }
    double perTick() const { return m_perTick; }
    double lifetime() const { return m_life.mean; }

    // Steps until the crowd is in its steady state (every age present), undrawn.
    void warmUp() {
        for (std::int32_t t = 0; t < m_life.longest + 60; ++t) tick();
    }

    // Steps and draws (untimed): fills the text cache, puts effects in flight.
    void play(int frames) {
        for (int i = 0; i < frames; ++i) {
            tick();
            draw();
        }
    }

    void tick() {
        m_owed += m_perTick;
        for (; m_owed >= 1.0; m_owed -= 1.0) m_world.submit(w::ProbeObserved{m_traffic.next()});
        m_world.step();
        m_world.takeRequests();
    }

    void draw() {
        m_screen.draw(m_world, kAlpha, m_ui);
        m_stage.renderer().present();
    }

    void measure(Case& c) {
        const auto start = Steady::now();
        tick();
        const auto stepped = Steady::now();
        draw();
        const auto drawn = Steady::now();
        c.updateMs.push_back(ms(stepped - start));
        c.drawMs.push_back(ms(drawn - stepped));
        c.frameMs.push_back(ms(drawn - start));
        c.alive.push_back(static_cast<double>(m_world.meshlings().size()));
        c.visible.push_back(static_cast<double>(visible()));
        c.copied.push_back(static_cast<double>(m_screen.meshlingPainter().lastCounts().first));
    }

    void screenshot(const std::string& path) {
        m_screen.draw(m_world, kAlpha, m_ui);
        r::Screenshot::save(m_stage.renderer(), path);
        m_stage.renderer().present();
    }

    const w::World& world() const { return m_world; }

private:
    std::size_t visible() const {
        std::size_t n = 0;
        for (const w::Meshling& m : m_world.meshlings().all()) {
            if (m.state() != w::MeshlingState::Walking && m.state() != w::MeshlingState::Dying) continue;
            const w::Vec2 at = m.position();
            if (at.x >= 0 && at.y >= 0 && at.x < w::BookinfoMap::kWidthTiles && at.y < w::BookinfoMap::kHeightTiles)
                ++n;
        }
        return n;
    }

    Stage& m_stage;
    r::Canvas m_canvas;
    r::WorldScreen m_screen;
    w::World m_world;
    r::PlayerUi m_ui;
    int m_podsPerDeployment;
    Traffic m_traffic;
    Lifetimes m_life;
    double m_perTick = 0;
    double m_owed = 0;
};

void runCase(Stage& stage, const Settings& settings, Case& c, bool shoot) {
    Session session(stage, settings);
    session.setCrowd(c.count);
    c.requestsPerSecond = session.perTick() * static_cast<double>(w::kTicksPerSecond);
    c.lifetimeTicks = session.lifetime();
    session.warmUp();
    session.play(30);
    if (shoot) {
        const auto path =
            std::filesystem::path(settings.screenshots) / ("game_bench_" + std::to_string(c.count) + ".bmp");
        session.screenshot(path.string());
    }
    for (int f = 0; f < settings.frames; ++f) session.measure(c);
}

// Resident set before and after a world of `count` meshlings, in a child
// process (a fresh heap): the same world before the requests start and once
// they keep `count` on the map. Returns {baseline KiB, grown KiB, high-water KiB, meshlings}.
std::optional<std::array<long, 4>> memoryOf(const Settings& settings, int count) {
    int fds[2];
    if (pipe(fds) != 0) return std::nullopt;
    const pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        std::array<long, 4> out{};
        Stage stage(settings.target);
        Session session(stage, settings);
        session.play(60);  // the pods arrive, no requests yet
        out[0] = statusKiB("VmRSS:");
        session.setCrowd(count);
        session.warmUp();
        session.play(60);
        out[1] = statusKiB("VmRSS:");
        out[2] = statusKiB("VmHWM:");
        out[3] = static_cast<long>(session.world().meshlings().size());
        const bool ok = write(fds[1], out.data(), sizeof out) == static_cast<ssize_t>(sizeof out);
        _exit(ok ? 0 : 1);
    }
    close(fds[1]);
    std::array<long, 4> out{};
    const bool ok = read(fds[0], out.data(), sizeof out) == static_cast<ssize_t>(sizeof out);
    close(fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    if (!ok) return std::nullopt;
    return out;
}

void printFrames(const std::vector<Case>& cases, const Settings& settings) {
    std::printf(
        "| meshlings (target) | alive, median | on the map, median | drawn (not hidden), median | update median ms | "
        "update p99 | "
        "draw median ms | draw p99 | **frame median ms** | **frame p99** | goal |\n");
    std::printf("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (const Case& c : cases) {
        const double median = percentile(c.frameMs, 0.5);
        std::string goal = "-";
        if (c.count == 10000) goal = median < 4.0 ? "< 4 ms: met" : "< 4 ms: NOT met";
        if (c.count == 50000) goal = median < 12.0 ? "< 12 ms: met" : "< 12 ms: NOT met";
        std::printf("| %d | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | **%.2f** | **%.2f** | %s |\n", c.count,
                    percentile(c.alive, 0.5), percentile(c.visible, 0.5), percentile(c.copied, 0.5),
                    percentile(c.updateMs, 0.5), percentile(c.updateMs, 0.99), percentile(c.drawMs, 0.5),
                    percentile(c.drawMs, 0.99), median, percentile(c.frameMs, 0.99), goal.c_str());
    }
    std::printf("\nRequests fed per second (ProbeObserved):");
    for (const Case& c : cases) std::printf(" %.0f for %d;", c.requestsPerSecond, c.count);
    if (!cases.empty()) std::printf(" a meshling lives %.0f ticks on average.\n", cases.front().lifetimeTicks);
    std::printf(
        "\n%d pods (Ready, %zu deployments), %d frames x %d repetitions per count (p99 over all %d "
        "frames), %dx%d software renderer, wall time.\n",
        settings.pods, kDeployments.size(), settings.frames, settings.repetitions,
        settings.frames * settings.repetitions, kWidth, kHeight);
}

void printMemory(const std::array<long, 4>& m) {
    const long grown = m[1] - m[0];
    std::printf("\n| memory, %ld meshlings | KiB |\n| --- | ---: |\n", m[3]);
    std::printf("| resident set: the world with its pods, before any request | %ld |\n", m[0]);
    std::printf("| resident set with them | %ld |\n| growth | %ld (%.1f MiB) |\n", m[1], grown, grown / 1024.0);
    std::printf("| high-water mark | %ld |\n", m[2]);
    std::printf(
        "\nGrowth per meshling: %.0f bytes (sizeof(Meshling) = %zu; the rest is the request statistics' "
        "samples, the vector's spare capacity, effects in flight).\n",
        m[3] > 0 ? static_cast<double>(grown) * 1024.0 / static_cast<double>(m[3]) : 0.0, sizeof(w::Meshling));
}

}  // namespace

int main(int argc, char** argv) {
    Settings settings;
    CLI::App app{"Frame time (world tick + software-rendered WorldScreen at 1280x720) and memory of the game"};
    app.add_option("--counts", settings.counts, "meshlings on the map, one case each")->delimiter(',');
    app.add_option("--pods", settings.pods, "pods, spread over Bookinfo's 6 deployments");
    app.add_option("--frames", settings.frames, "measured frames per case and repetition");
    app.add_option("--repetitions", settings.repetitions, "repetitions (the cases interleaved in each)");
    app.add_option("--memory-count", settings.memoryCount, "meshlings for the memory figure; 0: skip it");
    app.add_option("--target", settings.target, "window (dummy driver, as play --headless) or surface (RGBA32)")
        ->check(CLI::IsMember({"window", "surface"}));
    app.add_option("--writes", settings.writes,
                   "direct (opaque sprites and translucent fills straight into the software target's pixels) or sdl "
                   "(all through SDL)")
        ->check(CLI::IsMember({"direct", "sdl"}));
    app.add_option("--screenshots", settings.screenshots, "save one frame of each case (BMP) in this folder");
    CLI11_PARSE(app, argc, argv);
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);

    std::optional<std::array<long, 4>> memory;
    if (settings.memoryCount > 0) memory = memoryOf(settings, settings.memoryCount);  // before SDL starts here

    std::vector<Case> cases;
    for (int count : settings.counts) cases.push_back(Case{count, {}, {}, {}, {}, {}, {}, 0, 0});
    Stage stage(settings.target);
    std::fprintf(stderr, "meshlings_game_bench: %s\n", stage.describe().c_str());
    for (int rep = 0; rep < settings.repetitions; ++rep) {
        for (Case& c : cases) runCase(stage, settings, c, rep == 0 && !settings.screenshots.empty());
        std::fprintf(stderr, "meshlings_game_bench: repetition %d/%d done\n", rep + 1, settings.repetitions);
    }
    std::printf("Drawn with the %s; direct writes: %s.\n\n", stage.describe().c_str(), settings.writes.c_str());
    printFrames(cases, settings);
    if (memory) printMemory(*memory);
    if (settings.memoryCount > 0 && !memory) std::printf("\nMemory: the child process failed.\n");
    return 0;
}
