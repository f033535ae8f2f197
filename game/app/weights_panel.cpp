#include "app/weights_panel.hpp"

#include <algorithm>
#include <array>

namespace meshlings::app {

namespace {
constexpr int kSlots = 3;
}

void WeightsPanel::openWith(const world::ReviewsWeights& observed) {
    m_open = true;
    m_edited = false;
    m_weights = startingPoint(observed);
}

void WeightsPanel::close() {
    m_open = false;
    m_edited = false;
}

void WeightsPanel::observe(const world::ReviewsWeights& observed) {
    if (!m_edited) m_weights = startingPoint(observed);
}

void WeightsPanel::moveFocus(int direction) {
    m_focus = ((m_focus + direction) % kSlots + kSlots) % kSlots;
}

void WeightsPanel::setFocus(int slot) {
    if (slot >= 0 && slot < kSlots) m_focus = slot;
}

void WeightsPanel::nudge(int direction) {
    auto& p = m_weights.percent;
    const int wanted = std::clamp(p.at(m_focus) + direction * kStep, 0, 100);
    int change = wanted - p.at(m_focus);
    if (change == 0) return;
    p.at(m_focus) = wanted;
    // Give to / take from the others, the next version first.
    for (int i = 1; i < kSlots && change != 0; ++i) {
        int& other = p.at((m_focus + i) % kSlots);
        const int moved = change > 0 ? std::min(change, other) : std::max(change, other - 100);
        other -= moved;
        change -= moved;
    }
    m_weights.defined = true;
    m_edited = true;
}

void WeightsPanel::set(int slot, int percent) {
    if (slot < 0 || slot >= kSlots) return;
    auto& p = m_weights.percent;
    const int value = std::clamp(percent, 0, 100);
    const int rest = 100 - value;
    const int a = (slot + 1) % kSlots;
    const int b = (slot + 2) % kSlots;
    const int others = p.at(a) + p.at(b);
    const int forA = others == 0 ? rest / 2 : rest * p.at(a) / others;
    p.at(slot) = value;
    p.at(a) = forA;
    p.at(b) = rest - forA;
    m_focus = slot;
    m_weights.defined = true;
    m_edited = true;
}

world::ReviewsWeights WeightsPanel::startingPoint(const world::ReviewsWeights& observed) {
    if (observed.defined && observed.valid()) return observed;
    return world::ReviewsWeights::of(34, 33, 33);
}

}  // namespace meshlings::app
