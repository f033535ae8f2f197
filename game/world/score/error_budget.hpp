#pragma once
// The session's error budget (Google SRE book, "Embracing Risk"): with an SLO
// of 95 % good requests, 5 % of the requests may be bad. left() is the share
// of that allowance not yet used, 1 - bad / ((1 - SLO) * total), negative once
// overspent; burnRate() is the error rate over the allowed one (at 1 the
// budget is used up exactly). Counts every probe request of the session;
// owned by the ResilienceScore.
#include <cstdint>
#include <optional>

namespace meshlings::world {

class ErrorBudget {
public:
    static constexpr double kDefaultSloPercent = 95;

    explicit ErrorBudget(double sloPercent = kDefaultSloPercent);

    void add(bool good);

    double sloPercent() const { return m_sloPercent; }
    std::uint64_t total() const { return m_total; }
    std::uint64_t bad() const { return m_bad; }
    double allowedBad() const;               // (1 - SLO) * total
    std::optional<double> left() const;      // nullopt before any request
    std::optional<double> burnRate() const;  // nullopt before any request
    // More bad requests than allowed: the success rate is below the SLO.
    bool spent() const;
    // The same figures for counts kept elsewhere (the level's survive objective: one definition).
    static std::optional<double> leftOf(double sloPercent, std::uint64_t total, std::uint64_t bad);
    static bool spentOf(double sloPercent, std::uint64_t total, std::uint64_t bad);
    static double allowedOf(double sloPercent, std::uint64_t total);

private:
    double m_sloPercent;
    std::uint64_t m_total = 0;
    std::uint64_t m_bad = 0;
};

}  // namespace meshlings::world
