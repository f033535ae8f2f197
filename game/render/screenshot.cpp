#include "render/screenshot.hpp"

namespace meshlings::render {

void Screenshot::save(const Renderer& renderer, const std::string& path) {
    renderer.readPixels().saveBmp(path);
}

}  // namespace meshlings::render
