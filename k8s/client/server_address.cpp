#include "client/server_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace meshlings::k8s {

namespace {

int defaultPort(const std::string& scheme) {
    if (scheme == "https") return 443;
    if (scheme == "http") return 80;
    return 1080;  // socks proxies, and libcurl's default for a proxy without a port
}

std::optional<int> parsePort(const std::string& text) {
    if (text.empty() || text.size() > 5 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return std::nullopt;
    }
    const int port = std::stoi(text);
    if (port < 1 || port > 65535) return std::nullopt;
    return port;
}

}  // namespace

std::optional<ServerAddress> ServerAddress::parse(const std::string& url) {
    const auto schemeEnd = url.find("://");
    if (schemeEnd == std::string::npos || schemeEnd == 0) return std::nullopt;
    ServerAddress address;
    address.scheme = url.substr(0, schemeEnd);
    std::transform(address.scheme.begin(), address.scheme.end(), address.scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string rest = url.substr(schemeEnd + 3);
    const auto pathStart = rest.find_first_of("/?#");
    if (pathStart != std::string::npos) {
        address.path = rest.substr(pathStart);
        rest.resize(pathStart);
    }
    if (const auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
    std::string portText;
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        if (close == std::string::npos) return std::nullopt;
        address.host = rest.substr(1, close - 1);
        const std::string after = rest.substr(close + 1);
        if (!after.empty() && after.front() != ':') return std::nullopt;
        if (!after.empty()) portText = after.substr(1);
        if (after == ":") return std::nullopt;
    } else {
        const auto colon = rest.rfind(':');
        address.host = rest.substr(0, colon);
        if (colon != std::string::npos) {
            portText = rest.substr(colon + 1);
            if (portText.empty()) return std::nullopt;
        }
    }
    if (address.host.empty()) return std::nullopt;
    if (portText.empty()) {
        address.port = defaultPort(address.scheme);
    } else if (const auto port = parsePort(portText)) {
        address.port = *port;
    } else {
        return std::nullopt;
    }
    return address;
}

bool ServerAddress::ipLiteral() const {
    unsigned char buffer[16];
    return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

std::string ServerAddress::hostPort() const {
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string ServerAddress::url() const {
    return scheme + "://" + hostPort() + path;
}

}  // namespace meshlings::k8s
