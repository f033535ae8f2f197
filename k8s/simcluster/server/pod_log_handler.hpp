#pragma once
// GET pods/NAME/log: what `kubectl logs` reads. The kubelet's rules decide
// which container instance answers (the running one, the last terminated one,
// or --previous's) and its errors ("a container name must be specified",
// "is waiting to start: trying and failing to pull image", "previous
// terminated container ... not found"); the lines come from ContainerLog and
// the sidecar's access log. tailLines, sinceSeconds, sinceTime, timestamps
// and limitBytes filter as the kubelet does; follow streams new lines until
// the container stops or the pod goes.
#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simcluster/container_log.hpp"

namespace meshlings::sim::http {
struct Request;
class Response;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

class Cluster;
struct ApiRequest;

class PodLogHandler {
public:
    PodLogHandler(Cluster& cluster, std::function<void()> sync);
    void serve(const http::Request& request, http::Response& response, const ApiRequest& api);

private:
    struct Options {
        std::string container;
        bool follow = false;
        bool previous = false;
        bool timestamps = false;
        long long tailLines = -1;
        long long sinceSeconds = -1;
        std::int64_t sinceUnixMillis = -1;
        long long limitBytes = -1;
    };
    // One instance of one container: where its lines come from.
    struct Source {
        std::string pod;
        std::string uid;
        std::string container;
        std::string app;
        bool sidecar = false;
        std::int64_t started = 0;    // Unix ms
        std::int64_t finished = -1;  // Unix ms; -1: still running
        int exitCode = 0;
    };
    Options parse(const http::Request& request) const;
    static Source resolve(const nlohmann::json& pod, const Options& options);
    // The instance's lines from access-log lines after `cursor` (moved to the
    // newest read), with its start-up and exit lines when `whole`.
    std::vector<ContainerLine> lines(const Source& source, std::uint64_t& cursor, bool whole) const;
    // Whether `source` is still the running instance of its container in namespace `ns`.
    bool running(const Source& source, const std::string& ns) const;
    static std::string render(const std::vector<ContainerLine>& lines, const Options& options);

    Cluster& m_cluster;
    std::function<void()> m_sync;
    std::atomic<int> m_follows{0};
};

}  // namespace meshlings::sim
