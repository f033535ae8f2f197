#include "render/sprite_atlas.hpp"

#include <algorithm>
#include <stdexcept>

#include "render/palette.hpp"

namespace meshlings::render {

namespace {

constexpr int kGap = 1;  // transparent pixels between frames, so sampling never bleeds

// Shelf packing: each sprite's frames in a row, a new shelf when the row is full.
struct Shelf {
    int x = 0;
    int y = 0;
    int height = 0;
};

SDL_Rect place(Shelf& shelf, int width, int height) {
    if (shelf.x + width > SpriteAtlas::kWidth) {
        shelf.y += shelf.height + kGap;
        shelf.x = 0;
        shelf.height = 0;
    }
    const SDL_Rect rect{shelf.x, shelf.y, width, height};
    shelf.x += width + kGap;
    shelf.height = std::max(shelf.height, height);
    return rect;
}

// `pixels` magnified `factor` times, each pixel a factor x factor block.
Surface magnify(const Surface& pixels, int factor) {
    Surface big(pixels.width() * factor, pixels.height() * factor);
    const SDL_Surface* from = pixels.get();
    SDL_Surface* to = big.get();
    for (int y = 0; y < to->h; ++y) {
        const auto* source = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(from->pixels) +
                                                             static_cast<std::ptrdiff_t>(y / factor) * from->pitch);
        auto* target =
            reinterpret_cast<Uint32*>(static_cast<Uint8*>(to->pixels) + static_cast<std::ptrdiff_t>(y) * to->pitch);
        for (int x = 0; x < to->w; ++x) target[x] = source[x / factor];
    }
    return big;
}

// Mirrors every frame of `entries` (rectangles times `factor`) in place.
void mirrorFrames(Surface& pixels, const std::map<std::string, SpriteAtlas::Entry, std::less<>>& entries, int factor) {
    SDL_Surface* to = pixels.get();
    for (const auto& [name, entry] : entries) {
        for (const SDL_Rect& frame : entry.frames) {
            for (int y = frame.y * factor; y < (frame.y + frame.h) * factor; ++y) {
                auto* row = reinterpret_cast<Uint32*>(static_cast<Uint8*>(to->pixels) +
                                                      static_cast<std::ptrdiff_t>(y) * to->pitch);
                std::reverse(row + frame.x * factor, row + (frame.x + frame.w) * factor);
            }
        }
    }
}

}  // namespace

Surface SpriteAtlas::pack(const SpriteLibrary& library, std::map<std::string, Entry, std::less<>>& entries) {
    std::vector<const Sprite*> order;
    for (const Sprite& sprite : library.sprites()) order.push_back(&sprite);
    std::stable_sort(order.begin(), order.end(),
                     [](const Sprite* a, const Sprite* b) { return a->height() > b->height(); });
    Shelf shelf;
    for (const Sprite* sprite : order) {
        Entry entry{sprite->width(), sprite->height(), sprite->fps(), {}};
        for (int f = 0; f < sprite->frameCount(); ++f) {
            entry.frames.push_back(place(shelf, sprite->width(), sprite->height()));
        }
        entries[sprite->name()] = std::move(entry);
    }
    Surface pixels(kWidth, std::max(1, shelf.y + shelf.height));
    for (const Sprite* sprite : order) {
        const Entry& entry = entries.at(sprite->name());
        for (int f = 0; f < sprite->frameCount(); ++f) {
            const SDL_Rect& rect = entry.frames[static_cast<std::size_t>(f)];
            for (int y = 0; y < sprite->height(); ++y) {
                for (int x = 0; x < sprite->width(); ++x) {
                    const std::uint8_t index = sprite->pixel(f, x, y);
                    if (index != Sprite::kTransparent) pixels.setPixel(rect.x + x, rect.y + y, Palette::colorAt(index));
                }
            }
        }
    }
    return pixels;
}

SpriteAtlas::SpriteAtlas(Renderer& renderer, const SpriteLibrary& library)
    : m_renderer(renderer),
      m_software(renderer.software()),
      m_pixels(pack(library, m_entries)),
      m_texture(renderer, m_pixels) {}

std::uint32_t SpriteAtlas::opaqueRow(const SDL_Rect& source, int row) const {
    std::uint32_t bits = 0;
    for (int i = 0; i < std::min(source.w, 32); ++i) {
        if (m_pixels.pixel(source.x + i, source.y + row).a != 0) bits |= std::uint32_t{1} << i;
    }
    return bits;
}

SpriteAtlas::Magnified SpriteAtlas::magnified(int scale) {
    if (scale < 1 || scale > kMaxMagnified || !m_software) return {m_texture, nullptr, 1};
    const SDL_Surface* target = m_renderer.softwareTarget();
    const Uint32 format = target != nullptr ? target->format->format : Uint32{SDL_PIXELFORMAT_RGBA32};
    auto it = m_magnified.find(scale);
    if (it != m_magnified.end() && it->second.plainSpans.format() != format) {
        m_magnified.erase(it);  // the window's surface came back in another format
        it = m_magnified.end();
    }
    if (it == m_magnified.end()) {
        const std::vector<SDL_Rect> frames = allFrames();
        Surface big = magnify(m_pixels, scale);
        Texture plain(m_renderer, big);
        SpanSprites plainSpans(big, frames, scale, format);
        mirrorFrames(big, m_entries, scale);
        it = m_magnified
                 .emplace(scale, Copies{std::move(plain), Texture(m_renderer, big), std::move(plainSpans),
                                        SpanSprites(big, frames, scale, format)})
                 .first;
    }
    return {it->second.plain, &it->second.mirrored, scale, &it->second.plainSpans, &it->second.mirroredSpans};
}

std::vector<SDL_Rect> SpriteAtlas::allFrames() const {
    std::vector<SDL_Rect> frames;
    for (const auto& [name, entry] : m_entries) frames.insert(frames.end(), entry.frames.begin(), entry.frames.end());
    return frames;
}

const SpriteAtlas::Entry& SpriteAtlas::entry(std::string_view name) const {
    const auto it = m_entries.find(name);
    if (it == m_entries.end()) throw std::out_of_range("no sprite named '" + std::string(name) + "' in the atlas");
    return it->second;
}

const SDL_Rect& SpriteAtlas::frameRect(std::string_view name, int frame) const {
    const Entry& found = entry(name);
    if (frame < 0 || frame >= static_cast<int>(found.frames.size())) {
        throw std::out_of_range("sprite '" + std::string(name) + "' has no frame " + std::to_string(frame));
    }
    return found.frames[static_cast<std::size_t>(frame)];
}

int SpriteAtlas::frameAt(std::string_view name, std::uint64_t milliseconds) const {
    const Entry& found = entry(name);
    if (found.fps == 0) return 0;
    const std::uint64_t step = milliseconds * static_cast<std::uint64_t>(found.fps) / 1000;
    return static_cast<int>(step % found.frames.size());
}

int SpriteAtlas::frameOnce(std::string_view name, std::uint64_t milliseconds) const {
    const Entry& found = entry(name);
    if (found.fps == 0) return 0;
    const std::uint64_t step = milliseconds * static_cast<std::uint64_t>(found.fps) / 1000;
    return static_cast<int>(std::min<std::uint64_t>(step, found.frames.size() - 1));
}

}  // namespace meshlings::render
