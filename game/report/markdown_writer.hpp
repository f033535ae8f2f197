#pragma once
// The drill's summary a person reads in a minute: the verdict and headline
// first, then what broke and how long each recovery took, whether the
// steady state held before and after, the error budget left, MTTR per
// deployment, p50/p99 before and during the chaos, the blast radius and the
// weights the headline used.
#include <string>

#include "report/drill_record.hpp"

namespace meshlings::report {

class MarkdownWriter {
public:
    static std::string markdown(const DrillRecord& record);
};

}  // namespace meshlings::report
