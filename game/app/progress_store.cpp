#include "app/progress_store.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "world/model/decimal_text.hpp"

namespace meshlings::app {

ProgressStore::ProgressStore(std::filesystem::path file) : m_file(std::move(file)) {
    load();
}

std::filesystem::path ProgressStore::defaultFile() {
    const char* state = std::getenv("XDG_STATE_HOME");
    if (state != nullptr && *state == '/') return std::filesystem::path(state) / "meshlings" / "progress.json";
    const char* home = std::getenv("HOME");
    if (home != nullptr && *home != '\0') {
        return std::filesystem::path(home) / ".local" / "state" / "meshlings" / "progress.json";
    }
    return {};
}

void ProgressStore::load() {
    if (m_file.empty()) return;
    std::ifstream in(m_file);
    if (!in) return;
    try {
        const nlohmann::json doc = nlohmann::json::parse(in);
        const nlohmann::json levels = doc.value("levels", nlohmann::json::object());
        for (const auto& [id, entry] : levels.items()) {
            LevelProgress progress;
            progress.won = entry.value("won", false);
            progress.last = entry.value("last", std::string());
            if (entry.contains("bestScore") && entry["bestScore"].is_number()) {
                progress.bestScore = entry["bestScore"].get<double>();
            }
            m_levels[id] = progress;
        }
    } catch (const std::exception& e) {
        std::cerr << "meshlings: ignoring the progress file " << m_file.string() << ": " << e.what() << "\n";
        m_levels.clear();
    }
}

void ProgressStore::save() const {
    if (m_file.empty()) return;
    nlohmann::json levels = nlohmann::json::object();
    for (const auto& [id, progress] : m_levels) {
        nlohmann::json entry{{"won", progress.won}, {"last", progress.last}};
        if (progress.bestScore) entry["bestScore"] = *progress.bestScore;
        levels[id] = entry;
    }
    const nlohmann::json doc{{"version", 1}, {"levels", levels}};
    std::error_code error;
    std::filesystem::create_directories(m_file.parent_path(), error);
    const std::filesystem::path temporary = m_file.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << doc.dump(2) << "\n";
        if (!out) {
            std::cerr << "meshlings: cannot write the progress file " << temporary.string() << "\n";
            return;
        }
    }
    std::filesystem::rename(temporary, m_file, error);
    if (error)
        std::cerr << "meshlings: cannot write the progress file " << m_file.string() << ": " << error.message() << "\n";
}

void ProgressStore::record(const std::string& levelId, world::LevelResult result, std::optional<double> score) {
    if (result != world::LevelResult::Won && result != world::LevelResult::Lost) return;
    LevelProgress& progress = m_levels[levelId];
    const bool won = result == world::LevelResult::Won;
    progress.won = progress.won || won;
    progress.last = won ? "won" : "lost";
    if (score && (!progress.bestScore || *score > *progress.bestScore)) progress.bestScore = score;
    save();
}

std::optional<LevelProgress> ProgressStore::of(const std::string& levelId) const {
    const auto found = m_levels.find(levelId);
    if (found == m_levels.end()) return std::nullopt;
    return found->second;
}

std::string ProgressStore::note(const std::string& levelId) const {
    const auto progress = of(levelId);
    if (!progress) return "";
    std::string text = progress->won ? "won" : "lost";
    if (progress->bestScore) text += ", best " + world::decimalText(*progress->bestScore, 1);
    return text;
}

}  // namespace meshlings::app
