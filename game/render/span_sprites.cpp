#include "span_sprites.hpp"

#include <algorithm>
#include <cstring>

#include "sdl_error.hpp"

namespace meshlings::render {

namespace {

// A run is a few pixels: fixed-size moves the compiler inlines beat a call
// to memcpy per run (a crowd frame copies ~150,000 runs).
inline void copyRun(const Uint32* from, std::uint32_t length, Uint32* to) {
    for (; length >= 4; length -= 4, from += 4, to += 4) std::memcpy(to, from, 4 * sizeof(Uint32));
    if (length >= 2) {
        std::memcpy(to, from, 2 * sizeof(Uint32));
        length -= 2;
        from += 2;
        to += 2;
    }
    if (length == 1) *to = *from;
}

}  // namespace

SpanSprites::SpanSprites(const Surface& pixels, const std::vector<SDL_Rect>& frames, int factor, Uint32 format)
    : m_factor(factor), m_format(format), m_atlasWidth(pixels.width() / factor) {
    SDL_PixelFormat* to = SDL_AllocFormat(format);
    if (to == nullptr) throw SdlError("SDL_AllocFormat");
    const SDL_Surface* from = pixels.get();
    m_lookup.assign(static_cast<std::size_t>(m_atlasWidth) * static_cast<std::size_t>(pixels.height() / factor), -1);
    for (const SDL_Rect& rect : frames) {
        Frame frame{rect.w * factor, static_cast<std::uint32_t>(m_rowStarts.size()), rect.h * factor};
        for (int row = 0; row < frame.rows; ++row) {
            m_rowStarts.push_back(static_cast<std::uint32_t>(m_runs.size()));
            const int y = rect.y * factor + row;
            const auto* line = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(from->pixels) +
                                                               static_cast<std::ptrdiff_t>(y) * from->pitch);
            int x = 0;
            while (x < frame.width) {
                Uint8 r = 0, g = 0, b = 0, a = 0;
                SDL_GetRGBA(line[rect.x * factor + x], from->format, &r, &g, &b, &a);
                if (a == 0) {
                    ++x;
                    continue;
                }
                Run run{static_cast<std::uint16_t>(x), 0, static_cast<std::uint32_t>(m_pixels.size())};
                while (x < frame.width) {
                    SDL_GetRGBA(line[rect.x * factor + x], from->format, &r, &g, &b, &a);
                    if (a == 0) break;
                    m_pixels.push_back(SDL_MapRGBA(to, r, g, b, a));
                    ++run.length;
                    ++x;
                }
                m_runs.push_back(run);
            }
        }
        m_rowStarts.push_back(static_cast<std::uint32_t>(m_runs.size()));
        m_lookup[static_cast<std::size_t>(rect.y) * static_cast<std::size_t>(m_atlasWidth) +
                 static_cast<std::size_t>(rect.x)] = static_cast<std::int32_t>(m_frames.size());
        m_frames.push_back(frame);
    }
    SDL_FreeFormat(to);
}

bool SpanSprites::copy(const SDL_Rect& source, SDL_Point at, SDL_Surface* target, const SDL_Rect& clip) const {
    if (source.x < 0 || source.y < 0 || source.x >= m_atlasWidth) return false;
    const std::size_t key =
        static_cast<std::size_t>(source.y) * static_cast<std::size_t>(m_atlasWidth) + static_cast<std::size_t>(source.x);
    if (key >= m_lookup.size() || m_lookup[key] < 0) return false;
    const Frame& frame = m_frames[static_cast<std::size_t>(m_lookup[key])];
    if (source.w * m_factor != frame.width) return false;
    const int rows = std::min(frame.rows, source.h * m_factor);
    const int firstRow = std::max(0, clip.y - at.y);
    const int endRow = std::min(rows, clip.y + clip.h - at.y);
    const int left = clip.x - at.x;
    const int right = clip.x + clip.w - at.x;
    auto* base = static_cast<Uint8*>(target->pixels);
    const Run* runs = m_runs.data();
    const Uint32* pixels = m_pixels.data();
    const std::uint32_t* rowStarts = m_rowStarts.data() + frame.firstRow;
    if (left <= 0 && right >= frame.width) {
        // Wholly inside across: no run is cut (the usual case, kept tight).
        for (int row = firstRow; row < endRow; ++row) {
            Uint32* out = reinterpret_cast<Uint32*>(base + static_cast<std::ptrdiff_t>(at.y + row) * target->pitch);
            out += at.x;
            for (std::uint32_t i = rowStarts[row]; i < rowStarts[row + 1]; ++i) {
                const Run& run = runs[i];
                copyRun(pixels + run.pixels, run.length, out + run.x);
            }
        }
        return true;
    }
    for (int row = firstRow; row < endRow; ++row) {
        Uint32* line = reinterpret_cast<Uint32*>(base + static_cast<std::ptrdiff_t>(at.y + row) * target->pitch);
        for (std::uint32_t i = rowStarts[row]; i < rowStarts[row + 1]; ++i) {
            const Run& run = runs[i];
            const int from = std::max<int>(run.x, left);
            const int to = std::min<int>(run.x + run.length, right);
            if (from < to) {
                copyRun(pixels + run.pixels + (from - run.x), static_cast<std::uint32_t>(to - from), line + at.x + from);
            }
        }
    }
    return true;
}

}  // namespace meshlings::render
