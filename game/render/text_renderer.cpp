#include "render/text_renderer.hpp"

#include <algorithm>
#include <vector>

namespace meshlings::render {

namespace {

constexpr int kMinPixelSize = 6;
constexpr int kMaxPixelSize = 256;
constexpr int kShadowStep = 12;

std::uint32_t packColor(SDL_Color color) {
    return (static_cast<std::uint32_t>(color.r) << 24) | (static_cast<std::uint32_t>(color.g) << 16) |
           (static_cast<std::uint32_t>(color.b) << 8) | color.a;
}

}  // namespace

std::filesystem::path TextRenderer::fontFile(FontFace face) {
    const std::filesystem::path fonts = std::filesystem::path(MESHLINGS_ASSET_DIR) / "fonts";
    return fonts / (face == FontFace::Bold ? "DejaVuSansMono-Bold.ttf" : "DejaVuSansMono.ttf");
}

TextRenderer::TextRenderer(Renderer& renderer) : m_renderer(renderer) {}

Font& TextRenderer::font(FontFace face, int pixelSize) {
    pixelSize = std::clamp(pixelSize, kMinPixelSize, kMaxPixelSize);
    auto& slot = m_fonts[{face, pixelSize}];
    if (!slot) slot = std::make_unique<Font>(fontFile(face).string(), pixelSize);
    return *slot;
}

std::shared_ptr<Texture> TextRenderer::rendered(const std::string& text, int pixelSize, SDL_Color color,
                                                FontFace face) {
    Key key{face, pixelSize, packColor(color), text};
    const auto it = m_cache.find(key);
    if (it != m_cache.end()) {
        it->second.lastUse = ++m_uses;
        return it->second.texture;
    }
    if (m_cache.size() >= kMaxCached) evictLeastRecent();
    const Surface surface = font(face, pixelSize).render(text, SDL_Color{color.r, color.g, color.b, 255});
    auto texture = std::make_shared<Texture>(m_renderer, surface);
    texture->setAlphaMod(color.a);
    m_cache.emplace(std::move(key), Entry{texture, ++m_uses});
    return texture;
}

void TextRenderer::evictLeastRecent() {
    std::vector<std::uint64_t> uses;
    uses.reserve(m_cache.size());
    for (const auto& [key, entry] : m_cache) uses.push_back(entry.lastUse);
    const auto middle = uses.begin() + static_cast<std::ptrdiff_t>(uses.size() / 2);
    std::nth_element(uses.begin(), middle, uses.end());
    const std::uint64_t keepFrom = *middle;
    std::erase_if(m_cache, [keepFrom](const auto& item) { return item.second.lastUse < keepFrom; });
}

SDL_Point TextRenderer::draw(const std::string& text, SDL_Point at, int pixelSize, SDL_Color color, TextAlign align,
                             FontFace face, bool shadow) {
    const std::shared_ptr<Texture> texture = rendered(text, pixelSize, color, face);
    SDL_Rect target{at.x, at.y, texture->width(), texture->height()};
    if (align == TextAlign::Center) target.x -= texture->width() / 2;
    if (align == TextAlign::Right) target.x -= texture->width();
    if (shadow) {
        const std::shared_ptr<Texture> dark = rendered(text, pixelSize, SDL_Color{0, 0, 0, color.a}, face);
        const int offset = std::max(1, pixelSize / kShadowStep);
        SDL_Rect below{target.x + offset, target.y + offset, target.w, target.h};
        SDL_RenderCopy(m_renderer.get(), dark->get(), nullptr, &below);
    }
    SDL_RenderCopy(m_renderer.get(), texture->get(), nullptr, &target);
    return {texture->width(), texture->height()};
}

SDL_Point TextRenderer::measure(const std::string& text, int pixelSize, FontFace face) {
    return font(face, pixelSize).measure(text);
}

int TextRenderer::lineHeight(int pixelSize, FontFace face) {
    return font(face, pixelSize).lineHeight();
}

}  // namespace meshlings::render
