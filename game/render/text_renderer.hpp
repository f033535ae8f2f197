#pragma once
// Text at the output resolution (never scaled with the pixel art), with the
// shipped DejaVu Sans Mono fonts. Each distinct (face, size, colour, string)
// is rendered once into a texture and reused on later frames, so a HUD that
// redraws the same labels every frame costs one copy per label. Owns its
// fonts and textures; the Renderer and SdlContext must outlive it.

#include <SDL.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "render/font.hpp"
#include "render/renderer.hpp"
#include "render/texture.hpp"

namespace meshlings::render {

enum class FontFace : std::uint8_t { Regular, Bold };
enum class TextAlign : std::uint8_t { Left, Center, Right };

class TextRenderer {
public:
    // Past this many cached strings the half used least recently is dropped.
    // A texture is shared with the draw that uses it, so a draw never holds
    // one the cache has let go (dropping the whole cache while draw() held a
    // reference crashed the game in SDL_RenderCopy).
    static constexpr std::size_t kMaxCached = 2048;

    static std::filesystem::path fontFile(FontFace face);

    explicit TextRenderer(Renderer& renderer);

    // Draws `text` with its top at output pixel y and its left edge, centre or
    // right edge (per `align`) at x. Returns the size drawn. A `shadow`
    // (black, one pixel per 12 px of size, down-right) keeps it readable on
    // any background.
    SDL_Point draw(const std::string& text, SDL_Point at, int pixelSize, SDL_Color color,
                   TextAlign align = TextAlign::Left, FontFace face = FontFace::Regular, bool shadow = true);
    SDL_Point measure(const std::string& text, int pixelSize, FontFace face = FontFace::Regular);
    int lineHeight(int pixelSize, FontFace face = FontFace::Regular);

    std::size_t cachedCount() const { return m_cache.size(); }

private:
    using Key = std::tuple<FontFace, int, std::uint32_t, std::string>;
    struct Entry {
        std::shared_ptr<Texture> texture;
        std::uint64_t lastUse = 0;
    };

    Font& font(FontFace face, int pixelSize);
    std::shared_ptr<Texture> rendered(const std::string& text, int pixelSize, SDL_Color color, FontFace face);
    void evictLeastRecent();

    Renderer& m_renderer;
    std::map<std::pair<FontFace, int>, std::unique_ptr<Font>> m_fonts;
    std::map<Key, Entry> m_cache;
    std::uint64_t m_uses = 0;
};

}  // namespace meshlings::render
