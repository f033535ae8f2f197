#pragma once
// The headless sessions' (play --headless, drill) ear for refusals: an
// EffectSink that says on stdout why an action was refused (the blast cap,
// the action desk, the API), once per new reason so a plan refused every
// tick does not flood, counts every refusal and gives the summary's
// "refused: ..." lines, which the SessionReporter also puts in the report.
// Owned by the command that runs the session; it must outlive the session.
#include <cstddef>
#include <map>
#include <ostream>
#include <string>

#include "world/model/effect_sink.hpp"

namespace meshlings::app {

class RefusalLog final : public world::EffectSink {
public:
    static constexpr const char* kSummaryPrefix = "refused ";

    explicit RefusalLog(std::ostream& out) : m_out(out) {}

    void emit(const world::Effect& effect) override;

    std::size_t count() const { return m_count; }
    // One line per distinct reason, "refused 2 times: <reason>\n", in the order first seen; empty when none.
    std::string summaryLines() const;

private:
    std::ostream& m_out;
    std::map<std::string, std::size_t> m_counts;
    std::map<std::size_t, std::string> m_order;  // first-seen index -> reason
    std::size_t m_count = 0;
};

}  // namespace meshlings::app
