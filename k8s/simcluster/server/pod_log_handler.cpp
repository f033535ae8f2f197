#include "simcluster/server/pod_log_handler.hpp"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

#include "simcluster/api_error.hpp"
#include "simcluster/cluster.hpp"
#include "simcluster/http/http_response.hpp"
#include "simcluster/json_access.hpp"
#include "simcluster/server/api_request.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;
constexpr int kMaxFollows = 50;  // open `logs -f` streams
constexpr auto kFollowPoll = std::chrono::milliseconds(200);

long long nonNegative(const http::Request& request, const char* name) {
    const std::string text = request.param(name);
    try {
        std::size_t used = 0;
        const long long value = std::stoll(text, &used);
        if (used == text.size() && value >= 0) return value;
    } catch (const std::exception&) {
    }
    throw ApiError::badRequest("invalid " + std::string(name) + ": \"" + text + "\"");
}

const Json* statusOf(const Json& pod, const std::string& container) {
    const Json& statuses = json_access::array(pod["status"], "containerStatuses");
    for (const auto& status : statuses) {
        if (status.value("name", "") == container) return &status;
    }
    return nullptr;
}

}  // namespace

PodLogHandler::PodLogHandler(Cluster& cluster, std::function<void()> sync)
    : m_cluster(cluster), m_sync(std::move(sync)) {}

PodLogHandler::Options PodLogHandler::parse(const http::Request& request) const {
    Options options;
    options.container = request.param("container");
    for (auto [name, flag] : {std::pair{"follow", &options.follow}, std::pair{"previous", &options.previous},
                              std::pair{"timestamps", &options.timestamps}}) {
        if (request.hasParam(name)) *flag = ApiRequest::parseBool(request.param(name), name);
    }
    if (request.hasParam("tailLines")) options.tailLines = nonNegative(request, "tailLines");
    if (request.hasParam("limitBytes")) {
        options.limitBytes = nonNegative(request, "limitBytes");
        if (options.limitBytes < 1)
            throw ApiError::invalid("PodLogOptions \"\" is invalid: limitBytes: must be greater than 0");
    }
    if (request.hasParam("sinceSeconds") && request.hasParam("sinceTime")) {
        throw ApiError::invalid(
            "PodLogOptions \"\" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be "
            "specified");
    }
    if (request.hasParam("sinceSeconds")) {
        options.sinceSeconds = nonNegative(request, "sinceSeconds");
        if (options.sinceSeconds < 1) {
            throw ApiError::invalid("PodLogOptions \"\" is invalid: sinceSeconds: must be greater than 0");
        }
    }
    if (request.hasParam("sinceTime")) {
        options.sinceUnixMillis = ContainerLog::parseTime(request.param("sinceTime"));
        if (options.sinceUnixMillis < 0) {
            throw ApiError::badRequest("invalid sinceTime: \"" + request.param("sinceTime") + "\"");
        }
    }
    return options;
}

PodLogHandler::Source PodLogHandler::resolve(const Json& pod, const Options& options) {
    const std::string name = pod["metadata"].value("name", "");
    std::vector<std::string> containers;
    for (const auto& c : json_access::array(pod["spec"], "containers")) containers.push_back(c.value("name", ""));
    std::string container = options.container;
    if (container.empty()) {
        if (containers.size() != 1) {
            std::string list;
            for (const auto& c : containers) list += (list.empty() ? "" : " ") + c;
            throw ApiError::badRequest("a container name must be specified for pod " + name + ", choose one of: [" +
                                       list + "]");
        }
        container = containers.front();
    }
    if (std::find(containers.begin(), containers.end(), container) == containers.end()) {
        throw ApiError::badRequest("container " + container + " is not valid for pod " + name);
    }
    const std::string quoted = "container \"" + container + "\" in pod \"" + name + "\"";
    Source source;
    source.pod = name;
    source.uid = pod["metadata"].value("uid", "");
    source.container = container;
    source.sidecar = container == "istio-proxy";
    source.app = json_access::text(json_access::object(pod["metadata"], "labels"), "app");
    const Json* status = statusOf(pod, container);
    if (status == nullptr) throw ApiError::badRequest(quoted + " is waiting to start: ContainerCreating");
    const Json state = status->value("state", Json::object());
    const Json last = status->value("lastState", Json::object());
    auto take = [&](const Json& terminated) {
        source.started = ContainerLog::parseTime(terminated.value("startedAt", ""));
        source.finished = ContainerLog::parseTime(terminated.value("finishedAt", ""));
        source.exitCode = terminated.value("exitCode", 0);
    };
    // The kubelet's order (validateContainerLogStatus): previous, running, terminated, last terminated, waiting.
    if (options.previous) {
        if (!last.contains("terminated")) throw ApiError::badRequest("previous terminated " + quoted + " not found");
        take(last["terminated"]);
    } else if (state.contains("running")) {
        source.started = ContainerLog::parseTime(state["running"].value("startedAt", ""));
    } else if (state.contains("terminated")) {
        take(state["terminated"]);
    } else if (last.contains("terminated")) {
        take(last["terminated"]);
    } else {
        const std::string reason = state.contains("waiting") ? state["waiting"].value("reason", "") : "";
        const std::string why = reason == "ErrImagePull"       ? "image can't be pulled"
                                : reason == "ImagePullBackOff" ? "trying and failing to pull image"
                                                               : reason;
        throw ApiError::badRequest(quoted + " is waiting to start: " + why);
    }
    return source;
}

std::vector<ContainerLine> PodLogHandler::lines(const Source& source, std::uint64_t& cursor, bool whole) const {
    std::vector<ContainerLine> out;
    if (whole) out = ContainerLog::startup(source.app, source.sidecar, source.started);
    const std::int64_t epoch = m_cluster.context().epoch;
    for (const auto& line : m_cluster.mesh().accessLines(source.pod, cursor)) {
        cursor = line.seq;
        const std::int64_t at = epoch + line.at;
        if (at < source.started || (source.finished >= 0 && at > source.finished)) continue;
        if (source.sidecar) {
            out.push_back({at, line.text});
        } else if (line.inbound) {
            std::string text = ContainerLog::request(source.app, line.path, line.code, at, line.peerIp);
            if (!text.empty()) out.push_back({at, std::move(text)});
        }
    }
    if (whole && source.finished >= 0 && source.exitCode != 0 && !source.sidecar) {
        out.push_back({source.finished, ContainerLog::exit(source.app, source.exitCode)});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ContainerLine& a, const ContainerLine& b) { return a.unixMillis < b.unixMillis; });
    return out;
}

bool PodLogHandler::running(const Source& source, const std::string& ns) const {
    const auto pod = m_cluster.store().get(ResourceRegistry::pods(), ns, source.pod);
    if (!pod || (*pod)["metadata"].value("uid", "") != source.uid) return false;
    const Json* status = statusOf(*pod, source.container);
    if (status == nullptr || !status->contains("state") || !(*status)["state"].contains("running")) return false;
    return ContainerLog::parseTime((*status)["state"]["running"].value("startedAt", "")) == source.started;
}

std::string PodLogHandler::render(const std::vector<ContainerLine>& lines, const Options& options) {
    std::string out;
    for (const auto& line : lines) {
        if (options.sinceUnixMillis >= 0 && line.unixMillis < options.sinceUnixMillis) continue;
        if (options.timestamps) out += ContainerLog::timestamp(line.unixMillis) + " ";
        out += line.text;
        out += '\n';
    }
    return out;
}

void PodLogHandler::serve(const http::Request& request, http::Response& response, const ApiRequest& api) {
    Options options = parse(request);
    Source source;
    std::vector<ContainerLine> all;
    std::uint64_t cursor = 0;
    {
        std::lock_guard lock(m_cluster.mutex());
        m_sync();
        const auto pod = m_cluster.store().get(ResourceRegistry::pods(), api.ns, api.name);
        if (!pod) throw ApiError::notFound("pods", api.name);
        source = resolve(*pod, options);
        all = lines(source, cursor, true);
        if (options.sinceSeconds > 0)
            options.sinceUnixMillis = m_cluster.context().unixNow() - options.sinceSeconds * 1000;
    }
    if (options.tailLines >= 0 && all.size() > static_cast<std::size_t>(options.tailLines)) {
        all.erase(all.begin(), all.end() - options.tailLines);
    }
    std::string body = render(all, options);
    if (options.limitBytes >= 0 && body.size() > static_cast<std::size_t>(options.limitBytes)) {
        body.resize(static_cast<std::size_t>(options.limitBytes));
        options.follow = false;
    }
    if (!options.follow || source.finished >= 0) {
        response.status = 200;
        response.setContent(body, "text/plain");
        return;
    }
    if (m_follows.load() >= kMaxFollows) {
        throw ApiError(429, "TooManyRequests", "too many `logs -f` streams on the built-in cluster; try again later");
    }
    ++m_follows;
    struct State {
        std::string pending;
        std::uint64_t cursor;
    };
    auto state = std::make_shared<State>(State{std::move(body), cursor});
    const std::string ns = api.ns;
    response.status = 200;
    response.streamChunked(
        "text/plain",
        [this, state, source, options, ns](http::DataSink& sink) {
            try {
                if (!state->pending.empty()) {
                    if (!sink.write(state->pending.data(), state->pending.size())) return false;
                    state->pending.clear();
                }
                std::this_thread::sleep_for(kFollowPoll);
                bool stillRunning = false;
                std::vector<ContainerLine> fresh;
                {
                    std::lock_guard lock(m_cluster.mutex());
                    m_sync();
                    stillRunning = running(source, ns);
                    fresh = lines(source, state->cursor, false);
                }
                const std::string out = render(fresh, options);
                if (!out.empty()) {
                    if (!sink.write(out.data(), out.size())) return false;
                } else if (!sink.isWritable()) {
                    return false;  // the client went away
                }
                if (!stillRunning) sink.done();
                return true;
            } catch (const std::exception&) {
                sink.done();
                return true;
            }
        },
        [this](bool /*complete*/) { --m_follows; });
}

}  // namespace meshlings::sim
