#pragma once
// A "host:port" listen address from the command line ("127.0.0.1:8080",
// "[::1]:0", "localhost:6443"). Port 0 asks for any free port.
#include <string>

namespace meshlings::app {

struct ListenAddress {
    std::string host;
    int port = 0;

    // Throws std::invalid_argument with a message naming the flag.
    static ListenAddress parse(const std::string& text, const std::string& flag);
};

}  // namespace meshlings::app
