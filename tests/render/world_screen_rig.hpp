#pragma once
// Test rig for WorldScreen: an offscreen software renderer of a given size,
// the sprite atlas and fonts, a WorldScreen on a 640x360 canvas, and a World
// fed by the world tests' FakeBookinfo, populated with Bookinfo pods in every
// state, probe results of every outcome, a delete in flight, a dry-run ghost
// and a selection. Used by world_screen_test.cpp.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "../world/fake_bookinfo.hpp"
#include "../world/test_levels.hpp"
#include "render/offscreen_screen.hpp"
#include "render/screenshot.hpp"
#include "render/sdl_context.hpp"
#include "world/model/world.hpp"

namespace meshlings::render::test {

namespace w = meshlings::world;
namespace common = meshlings::common;

// The software renderer's target pixels, once what SDL queued is drawn; in
// XRGB8888 the unused byte is left out (SDL's blitters leave what they like
// there, and nothing shows it). For comparing frames byte for byte.
inline std::vector<std::uint8_t> targetBytes(Renderer& renderer) {
    SDL_RenderFlush(renderer.get());
    const SDL_Surface* s = renderer.softwareTarget();
    REQUIRE(s != nullptr);
    const auto* first = static_cast<const std::uint8_t*>(s->pixels);
    std::vector<std::uint8_t> bytes(first, first + static_cast<std::ptrdiff_t>(s->pitch) * s->h);
    if (s->format->Amask == 0) {
        for (std::size_t i = 0; i + 4 <= bytes.size(); i += 4) {
            Uint32 pixel = 0;
            std::memcpy(&pixel, &bytes[i], 4);
            pixel &= 0x00FFFFFFU;
            std::memcpy(&bytes[i], &pixel, 4);
        }
    }
    return bytes;
}

inline w::PodObservation bookinfoPod(const std::string& name, const std::string& deployment, w::PodState state,
                                     int restarts = 0) {
    w::PodObservation p;
    p.name = name;
    p.deployment = deployment;
    p.app = deployment.substr(0, deployment.find('-'));
    p.version = deployment.substr(deployment.find('-') + 1);
    p.state = state;
    p.totalContainers = 2;
    p.readyContainers = state == w::PodState::Ready ? 2 : (state == w::PodState::RunningNotReady ? 1 : 0);
    p.restarts = restarts;
    p.createdAtSeconds = 1'700'000'000;
    return p;
}

class WorldScreenRig {
public:
    WorldScreenRig(int width, int height, const std::string& levelId = "test-delete",
                   Uint32 format = SDL_PIXELFORMAT_RGBA32)
        : m_offscreen(width, height, format),
          m_world(*w::test::testLevel(levelId), 7, m_offscreen.screen().effects()),
          m_fake(11, 5) {}

    WorldScreen& screen() { return m_offscreen.screen(); }
    Canvas& canvas() { return m_offscreen.canvas(); }
    Renderer& renderer() { return m_offscreen.renderer(); }
    w::World& world() { return m_world; }
    w::test::FakeBookinfo& fake() { return m_fake; }

    // Steps the world `ticks` times with the fake cluster answering.
    void run(int ticks) {
        for (int i = 0; i < ticks; ++i) {
            for (auto& c : m_fake.commandsAt(m_world.now())) m_world.submit(std::move(c));
            m_world.step();
            for (const auto& request : m_world.takeRequests()) m_fake.execute(request, m_world.now());
        }
    }

    // Pods in every state, probes of every outcome, a delete in flight, a selection.
    void populate() {
        run(150);
        using S = w::PodState;
        m_world.submit(w::PodUpserted{bookinfoPod("productpage-v1-new-a", "productpage-v1", S::ContainerCreating)});
        m_world.submit(w::PodUpserted{bookinfoPod("details-v1-crash-b", "details-v1", S::CrashLoopBackOff, 5)});
        m_world.submit(w::PodUpserted{bookinfoPod("reviews-v1-sleepy-c", "reviews-v1", S::RunningNotReady)});
        m_world.submit(w::PodUpserted{bookinfoPod("reviews-v3-pending-d", "reviews-v3", S::Pending)});
        m_world.submit(w::PodUpserted{bookinfoPod("ratings-v1-doomed-e", "ratings-v1", S::Ready)});
        m_world.submit(w::PodUpserted{bookinfoPod("reviews-v2-extra-f", "reviews-v2", S::Ready)});
        m_world.submit(w::WeightsObserved{w::ReviewsWeights::of(50, 25, 25)});
        m_fake.setWeights(w::ReviewsWeights::of(50, 25, 25));
        run(2);
        m_world.submit(w::PodDeleted{"ratings-v1-doomed-e"});
        w::ProbeResult failed;
        failed.outcome = common::PageOutcome::Failed;
        failed.failedAt = common::PagePart::Ratings;
        failed.reviewsVersion = common::ReviewsVersion::V2;
        failed.latencyMs = 3000;
        w::ProbeResult degraded;
        degraded.outcome = common::PageOutcome::Degraded;
        degraded.failedAt = common::PagePart::Details;
        degraded.reviewsVersion = common::ReviewsVersion::V3;
        degraded.latencyMs = 80;
        for (int i = 0; i < 3; ++i) {
            m_world.submit(w::ProbeObserved{failed});
            m_world.submit(w::ProbeObserved{degraded});
            run(14);
        }
        // Delete a Ready reviews-v2 pod through the game's own path; select it.
        const std::string victim = readyPod("reviews-v2");
        m_world.submit(w::SelectPod{victim});
        m_world.submit(w::RequestDeletePod{victim});
        run(30);
        // A second delete stays in flight: submitted, not yet answered.
        const std::string next = readyPod("reviews-v1");
        m_world.submit(w::SelectPod{next});
        m_world.submit(w::RequestDeletePod{next});
        m_world.step();
        m_pendingRequests = m_world.takeRequests();
        // A third is answered as a server-side dry run: a ghost.
        m_world.submit(w::RequestDeletePod{readyPod("details-v1")});
        m_world.step();
        for (const auto& request : m_world.takeRequests()) {
            m_world.submit(w::ApiResult{request.id, w::ApiOutcome::DryRun, ""});
        }
        m_world.step();
    }

    // A Ready pod of a deployment, as the fake cluster has it.
    std::string readyPod(const std::string& deployment) const {
        for (const auto& [name, pod] : m_fake.pods()) {
            if (pod.deployment == deployment && pod.state == w::PodState::Ready) return name;
        }
        return {};
    }

    void draw(double alpha = 0.5, const PlayerUi& ui = {}) { screen().draw(m_world, alpha, ui); }

    // Saves the current frame to `name` in the temp folder (and in
    // MESHLINGS_SCREENSHOT_DIR when set); returns the temp path.
    std::filesystem::path save(const std::string& name) {
        const auto path = std::filesystem::temp_directory_path() / name;
        Screenshot::save(renderer(), path.string());
        if (const char* dir = std::getenv("MESHLINGS_SCREENSHOT_DIR"); dir != nullptr && *dir != '\0') {
            Screenshot::save(renderer(), (std::filesystem::path(dir) / name).string());
        }
        return path;
    }

private:
    SdlContext m_sdl{false};
    OffscreenScreen m_offscreen;
    w::World m_world;
    w::test::FakeBookinfo m_fake;
    std::vector<w::ClusterRequest> m_pendingRequests;
};

}  // namespace meshlings::render::test
