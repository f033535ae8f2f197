#include "render/sdl_error.hpp"

#include <SDL.h>

namespace meshlings::render {

SdlError::SdlError(const std::string& step) : std::runtime_error(step + ": " + SDL_GetError()) {}

}  // namespace meshlings::render
