#include "render/sprite_library.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "render/sprite_parse_error.hpp"
#include "render/sprite_parser.hpp"

namespace meshlings::render {

std::filesystem::path SpriteLibrary::defaultFolder() {
    return std::filesystem::path(MESHLINGS_ASSET_DIR) / "sprites";
}

SpriteLibrary SpriteLibrary::loadFolder(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.is_regular_file() && entry.path().extension() == ".txt") paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    SpriteLibrary library;
    for (const auto& path : paths) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw std::runtime_error("cannot read sprite file " + path.string());
        std::ostringstream text;
        text << in.rdbuf();
        library.addText(path.string(), text.str());
    }
    return library;
}

void SpriteLibrary::addText(const std::string& file, std::string_view text) {
    auto parsed = SpriteParser(file, text).parse();
    for (Sprite& sprite : parsed) {
        if (const Sprite* earlier = find(sprite.name())) {
            const std::string& origin = sprite.origin();
            const int line = std::stoi(origin.substr(origin.rfind(':') + 1));
            throw SpriteParseError(file, line, 1,
                                   "sprite '" + sprite.name() + "' is already defined at " + earlier->origin());
        }
        m_sprites.push_back(std::move(sprite));
    }
    m_files.push_back(file);
}

const Sprite* SpriteLibrary::find(std::string_view name) const {
    const auto it =
        std::find_if(m_sprites.begin(), m_sprites.end(), [&](const Sprite& sprite) { return sprite.name() == name; });
    return it == m_sprites.end() ? nullptr : &*it;
}

const Sprite& SpriteLibrary::get(std::string_view name) const {
    if (const Sprite* sprite = find(name)) return *sprite;
    throw std::out_of_range("no sprite named '" + std::string(name) + "'");
}

}  // namespace meshlings::render
