// MeshlingPainter leaves out the meshlings whose every opaque pixel the ones
// drawn after them cover (CoverageMask). The frame must be exactly the frame
// that drawing all of them gives, and in a packed crowd most are left out.
#include <doctest/doctest.h>

#include <cstdint>

#include "render/coverage_mask.hpp"
#include "render/meshling_painter.hpp"
#include "world_screen_rig.hpp"

namespace r = meshlings::render;
namespace w = meshlings::world;
namespace common = meshlings::common;

TEST_CASE("a coverage mask reports a sprite seen until others cover every opaque pixel of it") {
    r::CoverageMask mask;
    mask.reset(130, 4);
    const std::uint64_t full[] = {0b1111, 0b1111};
    const std::uint64_t left[] = {0b0011, 0b0011};
    const std::uint64_t right[] = {0b1100, 0b1100};
    CHECK(mask.cover(60, 1, left, 2));
    CHECK(mask.cover(60, 1, full, 2));  // its right half was still clear
    CHECK_FALSE(mask.cover(60, 1, right, 2));
    CHECK_FALSE(mask.cover(60, 1, full, 2));
    CHECK(mask.cover(61, 1, full, 2));  // one column further right is new (and straddles two words)
    CHECK_FALSE(mask.cover(62, 1, left, 2));
    // Off the output: parts outside never count as seen.
    CHECK(mask.cover(-2, 0, full, 2));
    CHECK_FALSE(mask.cover(-2, 0, left, 2));  // wholly left of the output
    CHECK_FALSE(mask.cover(0, -1, left, 1));  // wholly above it
    CHECK(mask.cover(128, 3, full, 2));       // two columns and one row inside
    CHECK_FALSE(mask.cover(128, 3, full, 2));
    CHECK_FALSE(mask.cover(130, 0, full, 2));  // right of it
}

TEST_CASE("a culled crowd draws the same frame as drawing every meshling, with most left out") {
    r::test::WorldScreenRig culled(1280, 720);
    r::test::WorldScreenRig all(1280, 720);
    all.screen().meshlingPainter().setCulling(false);
    for (r::test::WorldScreenRig* rig : {&culled, &all}) {
        rig->screen().meshlingPainter().setThinning(false);  // every meshling of the heap, not one for N requests
        rig->populate();
        w::ProbeResult full;
        full.latencyMs = 30;
        w::ProbeResult degraded;
        degraded.outcome = common::PageOutcome::Degraded;
        degraded.failedAt = common::PagePart::Ratings;
        degraded.reviewsVersion = common::ReviewsVersion::V2;
        w::ProbeResult failed;
        failed.outcome = common::PageOutcome::Failed;
        failed.failedAt = common::PagePart::Reviews;
        for (int tick = 0; tick < 400; ++tick) {
            for (int i = 0; i < 6; ++i) rig->world().submit(w::ProbeObserved{i == 5 ? degraded : full});
            if (tick % 9 == 0) rig->world().submit(w::ProbeObserved{failed});
            rig->run(1);
        }
    }
    for (const double alpha : {0.0, 0.5}) {
        culled.draw(alpha);
        all.draw(alpha);
        CHECK(r::test::targetBytes(culled.renderer()) == r::test::targetBytes(all.renderer()));
        const auto [drawn, hidden] = culled.screen().meshlingPainter().lastCounts();
        const auto [drawnAll, hiddenAll] = all.screen().meshlingPainter().lastCounts();
        CAPTURE(drawn);
        CAPTURE(hidden);
        CHECK(hiddenAll == 0);
        CHECK(drawn + hidden == drawnAll);
        CHECK(drawnAll > 1000);
        CHECK(hidden > drawn);  // a packed crowd: most are hidden
    }
}
