#include "sprite_atlas.hpp"

#include <algorithm>
#include <stdexcept>

#include "palette.hpp"

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

Texture makeTexture(Renderer& renderer, const SpriteLibrary& library,
                    std::map<std::string, SpriteAtlas::Entry, std::less<>>& entries) {
    return {renderer, SpriteAtlas::pack(library, entries)};
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
    : m_texture(makeTexture(renderer, library, m_entries)) {}

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
