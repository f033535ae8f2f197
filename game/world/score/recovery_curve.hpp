#pragma once
// The recovery factor r of an action: 1 when the system was back within the
// target (10 s, krkn's "stateless < 10 s"), 0 at or past the limit (180 s,
// Litmus's STATUS_CHECK_TIMEOUT), a straight line in between; 0 as well when
// it never came back. Part of the ResilienceScore's configuration.
#include <cstdint>
#include <optional>

#include "world/model/tick.hpp"

namespace meshlings::world {

class RecoveryCurve {
public:
    static constexpr std::int64_t kDefaultTargetTicks = 10 * kTicksPerSecond;
    static constexpr std::int64_t kDefaultLimitTicks = 180 * kTicksPerSecond;

    // `limitTicks` must be greater than `targetTicks`.
    explicit RecoveryCurve(std::int64_t targetTicks = kDefaultTargetTicks,
                           std::int64_t limitTicks = kDefaultLimitTicks);

    // r for a recovery that took `ticks`; nullopt (never recovered) gives 0.
    double factor(std::optional<std::int64_t> ticks) const;

    std::int64_t targetTicks() const { return m_target; }
    std::int64_t limitTicks() const { return m_limit; }

private:
    std::int64_t m_target;
    std::int64_t m_limit;
};

}  // namespace meshlings::world
