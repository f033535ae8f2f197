#pragma once
// Writes a drill's report into a folder (made if missing): journal.json,
// report.md, availability.svg and recovery.svg. Throws std::runtime_error
// naming the file that could not be written.
#include <filesystem>

#include "report/drill_record.hpp"

namespace meshlings::report {

class DrillReport {
public:
    static void write(const DrillRecord& record, const std::filesystem::path& folder);
};

}  // namespace meshlings::report
