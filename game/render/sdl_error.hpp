#pragma once
// The error every SDL wrapper throws: what was being done, then SDL_GetError().

#include <stdexcept>
#include <string>

namespace meshlings::render {

class SdlError : public std::runtime_error {
public:
    explicit SdlError(const std::string& step);
};

}  // namespace meshlings::render
