#pragma once
// Every sprite of the game, parsed from the *.txt files of a folder
// (assets/sprites/ by default) at start-up. Plain data, no SDL: tests read
// it without a renderer, and SpriteAtlas turns it into one texture.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "render/sprite.hpp"

namespace meshlings::render {

class SpriteLibrary {
public:
    // The sprites folder the build was configured with (MESHLINGS_ASSET_DIR).
    static std::filesystem::path defaultFolder();

    // Reads every *.txt file of `folder`, in name order. Throws
    // SpriteParseError (file:line:column) on the first mistake, including a
    // name defined in two files.
    static SpriteLibrary loadFolder(const std::filesystem::path& folder);

    SpriteLibrary() = default;
    // Adds the sprites of one file's text; `file` names it in errors.
    void addText(const std::string& file, std::string_view text);

    const std::vector<Sprite>& sprites() const { return m_sprites; }
    const std::vector<std::string>& files() const { return m_files; }
    const Sprite* find(std::string_view name) const;
    // Throws std::out_of_range naming the sprite when it is missing.
    const Sprite& get(std::string_view name) const;

private:
    std::vector<Sprite> m_sprites;
    std::vector<std::string> m_files;
};

}  // namespace meshlings::render
