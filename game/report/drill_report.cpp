#include "report/drill_report.hpp"

#include <fstream>
#include <stdexcept>

#include "report/journal_writer.hpp"
#include "report/markdown_writer.hpp"
#include "report/svg_charts.hpp"

namespace meshlings::report {
namespace {

void writeFile(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::out | std::ios::trunc | std::ios::binary);
    out << text;
    out.close();
    if (!out) throw std::runtime_error("cannot write the report file " + path.string());
}

}  // namespace

void DrillReport::write(const DrillRecord& record, const std::filesystem::path& folder) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) throw std::runtime_error("cannot make the report folder " + folder.string() + ": " + error.message());
    writeFile(folder / "journal.json", JournalWriter::journal(record).dump(2) + "\n");
    writeFile(folder / "report.md", MarkdownWriter::markdown(record));
    writeFile(folder / "availability.svg", SvgCharts::availability(record));
    writeFile(folder / "recovery.svg", SvgCharts::recovery(record));
}

}  // namespace meshlings::report
