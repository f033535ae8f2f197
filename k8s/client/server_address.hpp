#pragma once
// The parts of a server URL the doctor needs to reach it by hand: scheme,
// host (IPv6 without brackets), port (the scheme's default when absent) and
// path. Any user:password@ part is dropped, so the address prints safely.
#include <optional>
#include <string>

namespace meshlings::k8s {

struct ServerAddress {
    std::string scheme;  // "https", "http", "socks5", ... (lower case)
    std::string host;
    int port = 0;
    std::string path;  // "" or "/..." (a proxy's prefix, e.g. Rancher's /k8s/clusters/c-x)

    // Parses "scheme://[user@]host[:port][/path]"; nullopt when it is not such a URL.
    static std::optional<ServerAddress> parse(const std::string& url);

    bool ipLiteral() const;        // an IPv4 or IPv6 address, nothing to resolve
    std::string hostPort() const;  // "host:port", "[::1]:6443"
    std::string url() const;       // scheme://host:port/path, without credentials
};

}  // namespace meshlings::k8s
