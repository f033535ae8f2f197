#pragma once
// `meshlings gallery`: opens a window on the sprite gallery (every sprite,
// frame and pod state on one screen, for reviewing the art). With
// --screenshot FILE it draws --frames N frames (at a fixed 60 per second of
// animation time), writes the last one as a BMP and exits; that works with
// SDL's dummy video driver and the software renderer, with no display.

#include <CLI/CLI.hpp>
#include <string>

namespace meshlings::app {

class GalleryCommand {
public:
    explicit GalleryCommand(CLI::App& parent);

    bool chosen() const { return m_command->parsed(); }
    int run();

private:
    CLI::App* m_command;
    std::string m_screenshot;
    int m_frames = 30;
    int m_width = 1280;
    int m_height = 720;
    bool m_fullscreen = false;
};

}  // namespace meshlings::app
