#pragma once
// The report's two charts as hand-written SVG (no library):
//   availability: the probe's good share and its p99 latency per second,
//     with every disruptive action marked where it was taken;
//   recovery: one bar per action, its recovery time (or "not recovered"),
//     with the recovery target marked.
#include <string>

#include "report/drill_record.hpp"

namespace meshlings::report {

class SvgCharts {
public:
    static std::string availability(const DrillRecord& record);
    static std::string recovery(const DrillRecord& record);
    // Text made safe for XML content and attribute values.
    static std::string escape(const std::string& text);
};

}  // namespace meshlings::report
