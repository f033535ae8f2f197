#include "app/listen_address.hpp"

#include <stdexcept>

namespace meshlings::app {

ListenAddress ListenAddress::parse(const std::string& text, const std::string& flag) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
        throw std::invalid_argument(flag + ": expected HOST:PORT (for example 127.0.0.1:0), got \"" + text + "\"");
    }
    ListenAddress address;
    address.host = text.substr(0, colon);
    if (address.host.front() == '[' && address.host.back() == ']')
        address.host = address.host.substr(1, address.host.size() - 2);
    const std::string port = text.substr(colon + 1);
    if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 || std::stoi(port) > 65535) {
        throw std::invalid_argument(flag + ": the port must be a number from 0 to 65535, got \"" + port + "\"");
    }
    address.port = std::stoi(port);
    return address;
}

}  // namespace meshlings::app
