#pragma once
// The skill bar as the player uses it (Lemmings' layout: one button per skill
// along the bottom, the level's remaining count under each): which skill is
// selected (keys 1-9 pick by place), and the small dialog of a resilience
// skill -- its defaults (ResilienceSettings), the one or two values the
// player may adjust, and the world command it makes for the selected pod's
// service (the world resolves "selected" when the command applies). Scale,
// Shift and Delete pod keep their own inputs; the bar shows their counts.
// Owned by the PlayerController; no SDL.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "world/model/action_desk.hpp"
#include "world/model/command.hpp"

namespace meshlings::app {

enum class Skill : std::uint8_t { Scale, Shift, Retry, Timeout, CircuitBreaker, Eject, DeletePod };

struct SkillSlot {
    Skill skill = Skill::Scale;
    std::string_view label;   // "Retry"
    std::optional<int> left;  // nullopt: no limit
    bool usable() const { return !left || *left > 0; }
};

// One adjustable value of the dialog: "attempts 3".
struct SkillValue {
    std::string_view name;
    int value = 0;
    std::string_view unit;  // "", "ms", "s"
};

class SkillBar {
public:
    static constexpr std::array<Skill, 7> kOrder{Skill::Scale,          Skill::Shift, Skill::Retry,    Skill::Timeout,
                                                 Skill::CircuitBreaker, Skill::Eject, Skill::DeletePod};

    static std::string_view label(Skill skill);
    // The buttons in bar order with the counts the level has left.
    static std::vector<SkillSlot> slots(const world::BudgetLeft& left);

    // Selects the skill at `place` (0-based, bar order); false when there is none.
    bool select(std::size_t place);
    std::optional<Skill> selected() const { return m_selected; }
    void clear() { m_selected.reset(); }
    // True for the skills with a dialog (Retry .. Eject).
    static bool hasDialog(Skill skill);

    // The selected skill's adjustable values (one or two), empty without a dialog.
    std::vector<SkillValue> values() const;
    // The `index`-th value one step up (+1) or down (-1), kept in range.
    void adjust(std::size_t index, int direction);
    // The command the dialog's apply makes, for the selected pod's service; nullopt without a dialog.
    std::optional<world::Command> command() const;

    const world::RetrySettings& retry() const { return m_retry; }
    const world::TimeoutSettings& timeout() const { return m_timeout; }
    const world::BreakerSettings& breaker() const { return m_breaker; }
    const world::EjectSettings& eject() const { return m_eject; }

private:
    std::optional<Skill> m_selected;
    world::RetrySettings m_retry;
    world::TimeoutSettings m_timeout;
    world::BreakerSettings m_breaker;
    world::EjectSettings m_eject;
};

}  // namespace meshlings::app
