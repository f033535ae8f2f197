// The whole game path without a window, against the built-in cluster served
// in-process: the player's actions go through the PlayerController, the
// session's tick submits them, the world asks, the bridge calls the API, and
// the watches bring back what the cluster really did.
#include "app/game_session.hpp"

#include <doctest/doctest.h>

#include <functional>

#include "app/cluster_target.hpp"
#include "app/player_controller.hpp"
#include "app/session_loop.hpp"
#include "client/core_calls.hpp"
#include "client/istio_routing.hpp"
#include "client/kube_client.hpp"
#include "client/status_error.hpp"
#include "world/replay/replay_verifier.hpp"

using namespace meshlings;

namespace {

// Ticks the session in the SessionLoop, the player's commands before each tick, until `done` or `seconds` pass.
bool tickUntil(app::GameSession& session, app::PlayerController& controller, const std::function<bool()>& done,
               int seconds = 40) {
    app::SessionLoop::Frame frame;
    frame.commands = [&controller] { return controller.takeCommands(); };
    frame.done = done;
    frame.durationSeconds = seconds;
    frame.minFrameSeconds = 0.016;
    return app::SessionLoop(session, nullptr).run(frame) == app::SessionLoop::End::Done;
}

bool readyReplacement(const world::World& world, const std::string& deployment, const std::string& victim) {
    for (const auto& [name, pod] : world.pods().all()) {
        if (name != victim && pod.observed.deployment == deployment && pod.observed.state == world::PodState::Ready &&
            pod.firstSeen > world::Tick{0} && !pod.gone) {
            return true;
        }
    }
    return false;
}

}  // namespace

TEST_CASE("the player's delete and weight shift go through the game's own path and the cluster agrees") {
    app::TargetOptions options;
    options.seed = 3;
    app::ClusterTarget target(options);
    world::NullEffectSink effects;
    app::GameSession session(world::ReplayVerifier::sandboxLevel(), 3, target, effects);
    app::PlayerController controller;
    const world::World& world = session.world();
    session.start();
    REQUIRE(tickUntil(session, controller, [&] {
        return world.connection().state == world::ConnectionState::Connected && world.pods().all().size() >= 6;
    }));

    // Select (Tab) and delete (Delete): Terminating, then a replacement that becomes Ready.
    controller.handle(app::Action::SelectNext, world);
    REQUIRE(tickUntil(session, controller, [&] { return !world.selectedPod().empty(); }));
    const std::string victim = world.selectedPod();
    const std::string deployment = world.pods().find(victim)->observed.deployment;
    controller.handle(app::Action::DeleteSelected, world);
    bool terminating = false;
    REQUIRE(tickUntil(session, controller, [&] {
        const world::Pod* pod = world.pods().find(victim);
        terminating = terminating || !pod || pod->observed.state == world::PodState::Terminating;
        return terminating && readyReplacement(world, deployment, victim);
    }));
    k8s::KubeClient client(*target.restConfig());
    bool goneOrTerminating = false;
    try {
        goneOrTerminating = k8s::getPod(client, victim)["metadata"].contains("deletionTimestamp");
    } catch (const k8s::StatusError& e) {
        goneOrTerminating = e.notFound();  // 404: already gone; any other answer fails the CHECK
    }
    CHECK(goneOrTerminating);

    // W, focus v3, Up until it has everything, Enter: the VirtualService says so and the world sees it.
    controller.handle(app::Action::ToggleWeights, world);
    controller.handle(app::Action::FocusLeft, world);  // v1 -> v3 (wraps)
    for (int i = 0; i < 20; ++i) controller.handle(app::Action::WeightUp, world);
    CHECK(controller.panel().weights() == world::ReviewsWeights::of(0, 0, 100));
    controller.handle(app::Action::ApplyWeights, world);
    REQUIRE(tickUntil(session, controller,
                      [&] { return world.observedWeights() == world::ReviewsWeights::of(0, 0, 100); }));
    k8s::IstioRouting istio(client);
    CHECK(istio.getVirtualService("reviews")["spec"]["http"][0]["route"].size() == 3);

    // Scale the selected pod's Deployment up (+).
    controller.handle(app::Action::SelectNext, world);
    tickUntil(session, controller, [] { return true; });
    const world::Pod* selected = world.pods().find(world.selectedPod());
    REQUIRE(selected != nullptr);
    const std::string scaled = selected->observed.deployment;
    controller.handle(app::Action::ScaleUp, world);
    REQUIRE(tickUntil(session, controller, [&] {
        const auto found = world.deployments().find(scaled);
        return found != world.deployments().end() && found->second.desired == 2;
    }));
    session.finish();
}
