// The weights panel keeps the sum at 100, follows the cluster until touched.
#include "app/weights_panel.hpp"

#include <doctest/doctest.h>

using meshlings::app::WeightsPanel;
using meshlings::world::ReviewsWeights;

TEST_CASE("nudges keep the sum at 100 and stay within 0..100") {
    WeightsPanel panel;
    panel.openWith(ReviewsWeights::of(100, 0, 0));
    panel.setFocus(2);
    panel.nudge(1);
    CHECK(panel.weights() == ReviewsWeights::of(95, 0, 5));
    for (int i = 0; i < 30; ++i) panel.nudge(1);
    CHECK(panel.weights() == ReviewsWeights::of(0, 0, 100));
    panel.nudge(-1);
    CHECK(panel.weights() == ReviewsWeights::of(5, 0, 95));  // given to the next version (v1, wrapping)
    CHECK(panel.weights().valid());
}

TEST_CASE("dragging a slider spreads the rest in proportion; focus wraps") {
    WeightsPanel panel;
    panel.openWith(ReviewsWeights::of(50, 50, 0));
    panel.set(2, 20);
    CHECK(panel.weights() == ReviewsWeights::of(40, 40, 20));
    CHECK(panel.focus() == 2);
    panel.moveFocus(1);
    CHECK(panel.focus() == 0);
    panel.moveFocus(-1);
    CHECK(panel.focus() == 2);
}

TEST_CASE("until edited the panel shows what the cluster has; round robin starts near equal") {
    WeightsPanel panel;
    panel.openWith(ReviewsWeights{});
    CHECK(panel.weights().valid());
    panel.observe(ReviewsWeights::of(0, 100, 0));  // kubectl moved everything to v2
    CHECK(panel.weights() == ReviewsWeights::of(0, 100, 0));
    panel.setFocus(1);
    panel.nudge(-1);
    panel.observe(ReviewsWeights::of(100, 0, 0));
    CHECK(panel.weights() == ReviewsWeights::of(0, 95, 5));
}
