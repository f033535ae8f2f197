// The SessionLoop alone, on a session with no cluster (nothing to reach) and
// a clock the test moves one tick per frame: the frame's commands go in
// before each tick, the end condition is read after each tick, the input can
// quit, the duration ends it, SIGTERM stops it and SIGUSR1 halts the session
// while the loop goes on.
#include "app/session_loop.hpp"

#include <doctest/doctest.h>

#include <csignal>

#include "app/cluster_target.hpp"
#include "app/game_session.hpp"
#include "app/stop_signal.hpp"
#include "loopback_session.hpp"
#include "world/replay/replay_verifier.hpp"

using namespace meshlings;

namespace {

// A session with no cluster and a loop whose clock moves one tick each frame (in the frame's input).
struct LoopFixture {
    app::ClusterTarget target{meshlings::testing::noClusterTarget("meshlings-session-loop-test.kubeconfig")};
    world::NullEffectSink effects;
    app::GameSession session{world::ReplayVerifier::sandboxLevel(), 5, target, effects};
    double now = 0;
    int frames = 0;

    app::SessionLoop::Frame frame() {
        app::SessionLoop::Frame f;
        f.input = [this] {
            ++frames;
            now += 1.0 / static_cast<double>(world::kTicksPerSecond);
            return true;
        };
        f.minFrameSeconds = 0;
        return f;
    }
    app::SessionLoop loop(const app::StopSignal* stop) {
        return app::SessionLoop(session, stop, [this] { return now; });
    }
};

}  // namespace

TEST_CASE("session loop: commands before each tick, the end condition after each tick") {
    LoopFixture fx;
    fx.session.start();
    auto loop = fx.loop(nullptr);
    auto frame = fx.frame();
    int handed = 0;
    frame.commands = [&handed]() -> std::vector<world::Command> {
        ++handed;
        return {world::SetPaused{false}};
    };
    frame.done = [&fx] { return fx.session.world().now() >= world::Tick{10}; };
    CHECK(loop.run(frame) == app::SessionLoop::End::Done);
    CHECK(fx.session.world().now() == world::Tick{10});
    CHECK(handed == 10);
}

TEST_CASE("session loop: the input quits before any tick, the duration ends it") {
    LoopFixture fx;
    fx.session.start();
    auto quitting = fx.frame();
    quitting.input = [] { return false; };
    CHECK(fx.loop(nullptr).run(quitting) == app::SessionLoop::End::Quit);
    CHECK(fx.session.world().now() == world::Tick{0});

    auto timed = fx.frame();
    timed.durationSeconds = 0.5;
    CHECK(fx.loop(nullptr).run(timed) == app::SessionLoop::End::TimeUp);
    CHECK(fx.session.world().now() >= world::Tick{world::kTicksPerSecond / 2 - 1});
    CHECK(fx.session.world().now() <= world::Tick{world::kTicksPerSecond / 2 + 1});
}

TEST_CASE("session loop: SIGUSR1 halts the session and the loop goes on; SIGTERM stops it") {
    LoopFixture fx;
    const app::StopSignal stop;
    fx.session.start();
    auto loop = fx.loop(&stop);
    auto frame = fx.frame();
    const auto input = frame.input;
    frame.input = [&] {
        if (fx.frames == 3) std::raise(SIGUSR1);
        if (fx.frames == 30) std::raise(SIGTERM);
        return input();
    };
    CHECK(loop.run(frame) == app::SessionLoop::End::Stopped);
    CHECK(fx.session.halted());
    CHECK(fx.session.banner().find("HALTED by SIGUSR1") != std::string::npos);
    CHECK(stop.signal() == SIGTERM);
    CHECK(fx.session.world().now() >= world::Tick{25});  // the ticks went on after the halt
    fx.session.finish();
}
