#pragma once
// What the containers of the built-in cluster's pods print on standard
// output, as `kubectl logs` shows it: each Bookinfo app's start-up lines as
// the real images print them, one line per request for the apps that log
// their requests (productpage's werkzeug, details' WEBrick), the sidecar's
// start-up and its access log (see Mesh::accessLines), and the last words of
// a container that exited (meshlings.dev/exit-code).
#include <string>
#include <vector>

#include "simcluster/sim_time.hpp"

namespace meshlings::sim {

struct ContainerLine {
    std::int64_t unixMillis = 0;  // when it was written
    std::string text;
};

class ContainerLog {
public:
    // `image`'s start-up lines, written from `startedUnixMillis` on.
    static std::vector<ContainerLine> startup(const std::string& app, bool sidecar, std::int64_t startedUnixMillis);
    // The app's line for one request it answered; empty when the app logs none.
    static std::string request(const std::string& app, const std::string& path, int code, std::int64_t unixMillis,
                               const std::string& peerIp);
    // The last line of a container that exited with `exitCode`.
    static std::string exit(const std::string& app, int exitCode);
    // "2026-12-07T18:00:00Z" (Kubernetes' timestamps) in Unix ms; -1 when it does not parse.
    static std::int64_t parseTime(const std::string& rfc3339);
    // The kubelet's --timestamps prefix: RFC 3339 with nanoseconds.
    static std::string timestamp(std::int64_t unixMillis);
};

}  // namespace meshlings::sim
