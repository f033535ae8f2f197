#pragma once
// Screenshots: the renderer's current contents written as a BMP (SDL core
// writes BMP without SDL2_image; `convert shot.bmp shot.png` if needed).
// Call after drawing a frame and before presenting it.

#include <string>

#include "render/renderer.hpp"

namespace meshlings::render {

class Screenshot {
public:
    // Throws SdlError when the pixels cannot be read or the file written.
    static void save(const Renderer& renderer, const std::string& path);
};

}  // namespace meshlings::render
