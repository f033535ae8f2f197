#pragma once
// The reviews weights panel as the player edits it: which version has the
// focus, the weights being set (always summing to 100), and whether the
// player has touched them. Until touched, it follows the weights the cluster
// really has (from the watch), so it always shows the truth, including
// changes made with kubectl. Owned by the PlayerController; no SDL.
#include "world/model/reviews_weights.hpp"

namespace meshlings::app {

class WeightsPanel {
public:
    static constexpr int kStep = 5;

    bool open() const { return m_open; }
    void openWith(const world::ReviewsWeights& observed);
    void close();
    // While untouched, show what the cluster has.
    void observe(const world::ReviewsWeights& observed);

    int focus() const { return m_focus; }
    void moveFocus(int direction);
    void setFocus(int slot);

    // The focused weight up or down by kStep; the difference is taken from
    // (or given to) the other versions so the sum stays 100.
    void nudge(int direction);
    // Sets one weight (dragging) and spreads the rest over the others in proportion.
    void set(int slot, int percent);

    const world::ReviewsWeights& weights() const { return m_weights; }
    bool edited() const { return m_edited; }

    // What an undefined route (round robin over all versions) looks like as weights.
    static world::ReviewsWeights startingPoint(const world::ReviewsWeights& observed);

private:
    bool m_open = false;
    bool m_edited = false;
    int m_focus = 0;
    world::ReviewsWeights m_weights = world::ReviewsWeights::of(100, 0, 0);
};

}  // namespace meshlings::app
