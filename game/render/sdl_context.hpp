#pragma once
// SDL's video subsystem and SDL2_ttf, initialised for as long as this object
// lives (one per program, made before any window, renderer or font and
// destroyed after them). Move-only; the constructor throws SdlError.

namespace meshlings::render {

class SdlContext {
public:
    // `video` false initialises only SDL2_ttf and SDL's core (enough for
    // software rendering into a Surface).
    explicit SdlContext(bool video = true);
    ~SdlContext();

    SdlContext(const SdlContext&) = delete;
    SdlContext& operator=(const SdlContext&) = delete;
    SdlContext(SdlContext&& other) noexcept;
    SdlContext& operator=(SdlContext&& other) noexcept;

private:
    void release();

    bool m_owned = false;
    bool m_video = false;
};

}  // namespace meshlings::render
