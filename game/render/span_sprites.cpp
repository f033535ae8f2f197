#include "render/span_sprites.hpp"

#include <algorithm>
#include <cstring>

#include "render/blend_fill.hpp"
#include "render/sdl_error.hpp"

namespace meshlings::render {

namespace {

// An unmodulated run is copied as it is (memcpy measured cheaper here than
// fixed-size moves in a loop: callgrind, 10,000 meshlings).
struct Plain {
    void operator()(const Uint32* from, std::uint32_t length, Uint32* to) const {
        std::memcpy(to, from, length * sizeof(Uint32));
    }
};

// SDL's modulating blend blitter for an opaque source pixel: the colour
// times the colour mod, the alpha mod as its opacity, premultiplied, then
// dst * (255 - a) / 255 + src. Four pixels at a time where SSE2 is there.
struct Modulated {
    SDL_Color mod;
    void operator()(const Uint32* from, std::uint32_t length, Uint32* to) const {
        const Uint32 a = mod.a;
        std::uint32_t i = 0;
#ifdef __SSE2__
        // Lanes of a pixel, low to high: blue, green, red, unused (its mod is 0).
        const __m128i colour = _mm_setr_epi16(mod.b, mod.g, mod.r, 0, mod.b, mod.g, mod.r, 0);
        const __m128i alpha = _mm_set1_epi16(static_cast<short>(a));
        const __m128i inverse = _mm_set1_epi16(static_cast<short>(255 - a));
        const __m128i zero = _mm_setzero_si128();
        const auto blend = [&](__m128i source, __m128i target) {
            __m128i s = div255Lanes(_mm_mullo_epi16(source, colour));
            if (a < 255) s = div255Lanes(_mm_mullo_epi16(s, alpha));
            return _mm_add_epi16(s, div255Lanes(_mm_mullo_epi16(target, inverse)));
        };
        for (; i + 4 <= length; i += 4) {
            const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + i));
            const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(to + i));
            const __m128i lo = blend(_mm_unpacklo_epi8(s, zero), _mm_unpacklo_epi8(d, zero));
            const __m128i hi = blend(_mm_unpackhi_epi8(s, zero), _mm_unpackhi_epi8(d, zero));
            const __m128i out = _mm_and_si128(_mm_packus_epi16(lo, hi), _mm_set1_epi32(0x00FFFFFF));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(to + i), out);
        }
#endif
        for (; i < length; ++i) {
            Uint32 r = div255(((from[i] >> 16) & 0xFFU) * mod.r);
            Uint32 g = div255(((from[i] >> 8) & 0xFFU) * mod.g);
            Uint32 b = div255((from[i] & 0xFFU) * mod.b);
            if (a < 255) {
                r = div255(r * a);
                g = div255(g * a);
                b = div255(b * a);
            }
            const Uint32 d = to[i];
            r += div255(((d >> 16) & 0xFFU) * (255 - a));
            g += div255(((d >> 8) & 0xFFU) * (255 - a));
            b += div255((d & 0xFFU) * (255 - a));
            to[i] = (r << 16) | (g << 8) | b;
        }
    }
};

}  // namespace

SpanSprites::SpanSprites(const Surface& pixels, const std::vector<SDL_Rect>& frames, int factor, Uint32 format)
    : m_factor(factor), m_format(format), m_xrgb(false), m_atlasWidth(pixels.width() / factor) {
    SDL_PixelFormat* to = SDL_AllocFormat(format);
    if (to == nullptr) throw SdlError("SDL_AllocFormat");
    m_xrgb = isXrgb8888(to);
    const SDL_Surface* from = pixels.get();
    m_lookup.assign(static_cast<std::size_t>(m_atlasWidth) * static_cast<std::size_t>(pixels.height() / factor), -1);
    for (const SDL_Rect& rect : frames) {
        const Frame frame{rect.w * factor, rect.h, static_cast<std::uint32_t>(m_rowStarts.size())};
        for (int row = 0; row < rect.h; ++row) {
            m_rowStarts.push_back(static_cast<std::uint32_t>(m_runs.size()));
            // The magnified rows of a sprite row are the same: read the first.
            const int y = (rect.y + row) * factor;
            const auto* line = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(from->pixels) +
                                                               static_cast<std::ptrdiff_t>(y) * from->pitch) +
                               rect.x * factor;
            const auto alphaAt = [&](int x) {
                Uint8 r = 0, g = 0, b = 0, a = 0;
                SDL_GetRGBA(line[x], from->format, &r, &g, &b, &a);
                return a;
            };
            for (int x = 0; x < frame.width;) {
                if (alphaAt(x) == 0) {
                    ++x;
                    continue;
                }
                Run run{static_cast<std::uint16_t>(x), 0, static_cast<std::uint32_t>(m_pixels.size())};
                for (; x < frame.width && alphaAt(x) != 0; ++x, ++run.length) {
                    Uint8 r = 0, g = 0, b = 0, a = 0;
                    SDL_GetRGBA(line[x], from->format, &r, &g, &b, &a);
                    m_pixels.push_back(SDL_MapRGBA(to, r, g, b, a));
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

const SpanSprites::Frame* SpanSprites::find(const SDL_Rect& source) const {
    if (source.x < 0 || source.y < 0 || source.x >= m_atlasWidth) return nullptr;
    const std::size_t key = static_cast<std::size_t>(source.y) * static_cast<std::size_t>(m_atlasWidth) +
                            static_cast<std::size_t>(source.x);
    if (key >= m_lookup.size() || m_lookup[key] < 0) return nullptr;
    const Frame& frame = m_frames[static_cast<std::size_t>(m_lookup[key])];
    return source.w * m_factor == frame.width ? &frame : nullptr;
}

template <typename Write>
void SpanSprites::eachRun(const Frame& frame, Rows rows, SDL_Point at, SDL_Surface* target, const SDL_Rect& clip,
                          Write write) const {
    const int left = clip.x - at.x;
    const int right = clip.x + clip.w - at.x;
    const bool whole = left <= 0 && right >= frame.width;  // no run is cut across: the usual case
    // Locals, not members or target's fields: the pixel stores (unsigned
    // ints) may alias them as far as the compiler knows, and it would reload them.
    auto* base = static_cast<Uint8*>(target->pixels);
    const std::ptrdiff_t pitch = target->pitch;
    const int factor = m_factor;
    const Run* runs = m_runs.data();
    const Uint32* pixels = m_pixels.data();
    const std::uint32_t* rowStarts = m_rowStarts.data() + frame.firstRow;
    for (int spriteRow = rows.first / factor; spriteRow * factor < rows.end; ++spriteRow) {
        const int firstOut = std::max(spriteRow * factor, rows.first);
        const int endOut = std::min((spriteRow + 1) * factor, rows.end);
        Uint8* line = base + static_cast<std::ptrdiff_t>(at.y + firstOut) * pitch;
        const std::uint32_t endRun = rowStarts[spriteRow + 1];
        for (std::uint32_t i = rowStarts[spriteRow]; i < endRun; ++i) {
            const Run run = runs[i];
            int from = run.x;
            int to = run.x + run.length;
            if (!whole) {
                from = std::max(from, left);
                to = std::min(to, right);
                if (from >= to) continue;
            }
            const Uint32* source = pixels + run.pixels + (from - run.x);
            Uint8* out = line;
            for (int row = firstOut; row < endOut; ++row, out += pitch) {
                write(source, static_cast<std::uint32_t>(to - from), reinterpret_cast<Uint32*>(out) + at.x + from);
            }
        }
    }
}

void SpanSprites::copyWhole(const Frame& frame, int spriteRows, SDL_Point at, SDL_Surface* target) const {
    const std::ptrdiff_t pitch = target->pitch;
    const int factor = m_factor;
    const Run* runs = m_runs.data();
    const Uint32* pixels = m_pixels.data();
    const std::uint32_t* rowStarts = m_rowStarts.data() + frame.firstRow;
    Uint8* line = static_cast<Uint8*>(target->pixels) + static_cast<std::ptrdiff_t>(at.y) * pitch +
                  static_cast<std::ptrdiff_t>(at.x) * 4;
    for (int spriteRow = 0; spriteRow < spriteRows; ++spriteRow, line += factor * pitch) {
        const Run* end = runs + rowStarts[spriteRow + 1];
        for (const Run* run = runs + rowStarts[spriteRow]; run != end; ++run) {
            const Uint32* from = pixels + run->pixels;
            const std::size_t bytes = std::size_t{run->length} * sizeof(Uint32);
            Uint8* to = line + std::ptrdiff_t{run->x} * 4;
            for (int k = 0; k < factor; ++k, to += pitch) std::memcpy(to, from, bytes);
        }
    }
}

bool SpanSprites::copy(const SDL_Rect& source, SDL_Point at, SDL_Surface* target, const SDL_Rect& clip,
                       SDL_Color modulation) const {
    const Frame* frame = find(source);
    if (frame == nullptr) return false;
    const bool plain = modulation.r == 255 && modulation.g == 255 && modulation.b == 255 && modulation.a == 255;
    if (!plain && !m_xrgb) return false;
    const int height = std::min(frame->height, source.h) * m_factor;
    const Rows rows{std::max(0, clip.y - at.y), std::min(height, clip.y + clip.h - at.y)};
    if (rows.first >= rows.end) return true;
    if (plain && rows.first == 0 && rows.end == height && clip.x <= at.x && at.x + frame->width <= clip.x + clip.w) {
        copyWhole(*frame, height / m_factor, at, target);  // the usual case, kept tight
    } else if (plain) {
        eachRun(*frame, rows, at, target, clip, Plain{});
    } else {
        eachRun(*frame, rows, at, target, clip, Modulated{modulation});
    }
    return true;
}

}  // namespace meshlings::render
