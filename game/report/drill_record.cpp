#include "report/drill_record.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace meshlings::report {

DrillRecord DrillRecord::make(const world::Level& level, const world::ResilienceConfig& config,
                              world::ResilienceReport report, const DrillTimeline& timeline, double startedAtEpoch,
                              double endedAtEpoch, std::vector<std::string> rollbacks) {
    DrillRecord record;
    record.level = level;
    record.config = config;
    record.report = std::move(report);
    record.timeline = timeline.seconds();
    record.startedAtEpoch = startedAtEpoch;
    record.startedAt = rfc3339(startedAtEpoch);
    record.endedAt = rfc3339(endedAtEpoch);
    record.durationSeconds = std::max(0.0, endedAtEpoch - startedAtEpoch);
    record.rollbacks = std::move(rollbacks);
    if (const auto last = timeline.lastSecond()) {
        const int span = std::max(1, static_cast<int>(config.steadyTicks / world::kTicksPerSecond));
        SteadyAfter& after = record.after;
        after.toSecond = *last + 1;
        after.fromSecond = after.toSecond - span;
        const auto [good, total] = timeline.between(after.fromSecond, after.toSecond);
        after.good = good;
        after.total = total;
        after.judged = total > 0;
        if (total > 0) {
            after.percent = 100.0 * static_cast<double>(good) / static_cast<double>(total);
            after.met = *after.percent >= config.steadyPercent;
        }
    }
    return record;
}

std::string DrillRecord::status() const {
    switch (report.verdict) {
        case world::ScoreVerdict::Pass:
            return "completed";
        case world::ScoreVerdict::Fail:
            return "failed";
        case world::ScoreVerdict::Halted:
            return "interrupted";
        case world::ScoreVerdict::Pending:
        case world::ScoreVerdict::NotScored:
            break;
    }
    return "aborted";
}

int DrillRecord::exitCode() const {
    switch (report.verdict) {
        case world::ScoreVerdict::Pass:
            return 0;
        case world::ScoreVerdict::Fail:
            return 1;
        default:
            return 3;
    }
}

std::string rfc3339(double epochSeconds) {
    const double whole = std::floor(epochSeconds);
    const auto time = static_cast<std::time_t>(whole);
    std::tm utc{};
    gmtime_r(&time, &utc);
    char text[96];
    const int millis = std::clamp(static_cast<int>(std::lround((epochSeconds - whole) * 1000)), 0, 999);
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
    return text;
}

}  // namespace meshlings::report
