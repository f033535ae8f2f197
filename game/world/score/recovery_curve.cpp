#include "world/score/recovery_curve.hpp"

namespace meshlings::world {

RecoveryCurve::RecoveryCurve(std::int64_t targetTicks, std::int64_t limitTicks)
    : m_target(targetTicks), m_limit(limitTicks > targetTicks ? limitTicks : targetTicks + 1) {}

double RecoveryCurve::factor(std::optional<std::int64_t> ticks) const {
    if (!ticks || *ticks >= m_limit) return 0;
    if (*ticks <= m_target) return 1;
    return static_cast<double>(m_limit - *ticks) / static_cast<double>(m_limit - m_target);
}

}  // namespace meshlings::world
