#include "world/score/error_budget.hpp"

namespace meshlings::world {
namespace {

// Budget arithmetic is on counts times a percent; this absorbs the rounding
// of (100 - SLO) so that exactly meeting the SLO does not count as spent.
constexpr double kSlack = 1e-9;

}  // namespace

ErrorBudget::ErrorBudget(double sloPercent) : m_sloPercent(sloPercent) {}

void ErrorBudget::add(bool good) {
    ++m_total;
    if (!good) ++m_bad;
}

double ErrorBudget::allowedBad() const {
    return allowedOf(m_sloPercent, m_total);
}

double ErrorBudget::allowedOf(double sloPercent, std::uint64_t total) {
    return (100.0 - sloPercent) / 100.0 * static_cast<double>(total);
}

std::optional<double> ErrorBudget::left() const {
    return leftOf(m_sloPercent, m_total, m_bad);
}

std::optional<double> ErrorBudget::leftOf(double sloPercent, std::uint64_t total, std::uint64_t bad) {
    if (total == 0) return std::nullopt;
    const double allowed = allowedOf(sloPercent, total);
    if (allowed <= kSlack) return bad == 0 ? 1.0 : -1.0;  // a 100 % SLO allows nothing
    return 1.0 - static_cast<double>(bad) / allowed;
}

std::optional<double> ErrorBudget::burnRate() const {
    if (m_total == 0) return std::nullopt;
    const double errorRate = static_cast<double>(m_bad) / static_cast<double>(m_total);
    const double allowedRate = (100.0 - m_sloPercent) / 100.0;
    if (allowedRate <= kSlack) return m_bad == 0 ? 0.0 : errorRate / kSlack;
    return errorRate / allowedRate;
}

bool ErrorBudget::spent() const {
    return spentOf(m_sloPercent, m_total, m_bad);
}

bool ErrorBudget::spentOf(double sloPercent, std::uint64_t total, std::uint64_t bad) {
    return static_cast<double>(bad) > allowedOf(sloPercent, total) + kSlack * static_cast<double>(total + 1);
}

}  // namespace meshlings::world
