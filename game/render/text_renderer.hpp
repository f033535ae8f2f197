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
    // Past this many cached strings the cache starts again from empty.
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

    Font& font(FontFace face, int pixelSize);
    Texture& rendered(const std::string& text, int pixelSize, SDL_Color color, FontFace face);

    Renderer& m_renderer;
    std::map<std::pair<FontFace, int>, std::unique_ptr<Font>> m_fonts;
    std::map<Key, std::unique_ptr<Texture>> m_cache;
};

}  // namespace meshlings::render
