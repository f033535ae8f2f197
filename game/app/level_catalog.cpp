#include "app/level_catalog.hpp"

#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <system_error>

#include "world/loader/level_error.hpp"
#include "world/loader/level_loader.hpp"

#ifndef MESHLINGS_LEVEL_DIR
#define MESHLINGS_LEVEL_DIR "levels"
#endif

namespace meshlings::app {

LevelCatalog::LevelCatalog(std::vector<std::filesystem::path> folders) : m_folders(std::move(folders)) {}

std::vector<std::filesystem::path> LevelCatalog::defaultFolders() {
    return {std::filesystem::path("levels"), std::filesystem::path(MESHLINGS_LEVEL_DIR)};
}

world::Level LevelCatalog::find(const std::string& fileOrId) const {
    const std::string wanted = fileOrId.empty() ? std::string(kDefaultLevel) : fileOrId;
    const std::filesystem::path asPath(wanted);
    if (asPath.has_parent_path() || asPath.extension() == ".yaml" || asPath.extension() == ".yml") {
        return world::LevelLoader::load(asPath);  // a file: missing or bad, LevelError says which
    }
    if (auto level = byId(wanted)) return *level;
    std::string known;
    for (const auto& id : ids()) known += (known.empty() ? "" : ", ") + id;
    throw std::invalid_argument("no level \"" + wanted + "\" (levels: " + known + "; or give a file path)");
}

std::optional<world::Level> LevelCatalog::findOrSay(const std::string& fileOrId, const std::string& command) const {
    try {
        return find(fileOrId);
    } catch (const world::LevelError& e) {
        std::cerr << "meshlings " << command << ": " << e.what() << "\n";
    } catch (const std::invalid_argument& e) {
        std::cerr << "meshlings " << command << ": " << e.what() << "\n";
    }
    return std::nullopt;
}

std::optional<world::Level> LevelCatalog::byId(const std::string& id) const {
    if (auto file = fileFor(id)) return world::LevelLoader::load(*file);
    return std::nullopt;
}

world::LevelResolver LevelCatalog::resolver() const {
    return [this](const std::string& id) -> std::optional<world::Level> {
        try {
            return byId(id);
        } catch (const std::exception&) {
            return std::nullopt;
        }
    };
}

std::vector<std::string> LevelCatalog::ids() const {
    std::vector<std::string> ids;
    for (const auto& folder : m_folders) {
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
            if (entry.path().extension() == ".yaml") ids.push_back(entry.path().stem().string());
        }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

std::optional<std::filesystem::path> LevelCatalog::fileFor(const std::string& id) const {
    if (id.empty() || id.find('/') != std::string::npos) return std::nullopt;
    for (const auto& folder : m_folders) {
        const auto file = folder / (id + ".yaml");
        std::error_code error;
        if (std::filesystem::is_regular_file(file, error)) return file;
    }
    return std::nullopt;
}

}  // namespace meshlings::app
