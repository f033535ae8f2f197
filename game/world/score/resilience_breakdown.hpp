#pragma once
// The resilience report as lines of text, for the end screen, the drill's
// summary and the log: the headline and verdict with its reasons, the gate,
// one line per action (weight printed), then the breakdown. Plain strings,
// no layout: the renderer and the report writer place them.
#include <string>
#include <vector>

#include "world/score/resilience_report.hpp"

namespace meshlings::world {

class ResilienceBreakdown {
public:
    static std::vector<std::string> lines(const ResilienceReport& report);
    // The verdict and why on one line: "FAIL: error budget spent: 72 bad of
    // 600 requests, 30.0 allowed at SLO 95.0 %; score 82.1 (pass mark 80)".
    static std::string headlineLine(const ResilienceReport& report);
    // Why, in a few words: the first reason and how many more ("" without one).
    static std::string verdictReason(const ResilienceReport& report);
    // "score 82.1 (pass mark 80)", or "no score".
    static std::string scoreText(const ResilienceReport& report);

private:
    static std::string steadyLine(const SteadyState& steady);
    static std::string actionLine(const ActionScore& action);
    static std::string budgetLine(const ResilienceReport& report);
    static std::string latencyLine(const ResilienceReport& report);
    static std::string blastLine(const ResilienceReport& report);
};

}  // namespace meshlings::world
