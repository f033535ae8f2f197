#include "simcluster/server/watch_stream.hpp"

#include "simcluster/http/http_response.hpp"
#include "simcluster/server/request_json.hpp"

namespace meshlings::sim {

using Json = nlohmann::json;

std::string WatchStream::errorEvent(const Json& status) {
    return request_json::dump(Json{{"type", "ERROR"}, {"object", status}}) + "\n";
}

std::string WatchStream::encode(const StoreEvent& event, const WatchOptions& options, bool firstTable,
                                std::int64_t now) {
    Json object;
    if (options.table) {
        object = TablePrinter::table(*event.resource, {event.object}, now, options.include, firstTable);
        object["metadata"]["resourceVersion"] = std::to_string(event.resourceVersion);
    } else if (event.resource->apiVersion() != event.resource->apiVersionFor(options.version) &&
               event.resource->servesVersion(options.version)) {
        object = *event.object;
        object["apiVersion"] = event.resource->apiVersionFor(options.version);
    } else {
        return "{\"type\":\"" + std::string(eventTypeName(event.type)) +
               "\",\"object\":" + request_json::dump(*event.object) + "}\n";
    }
    return request_json::dump(Json{{"type", eventTypeName(event.type)}, {"object", object}}) + "\n";
}

void WatchStream::serve(http::Response& response, std::shared_ptr<WatchChannel> channel, WatchOptions options,
                        UnixClock clock, std::shared_ptr<void> guard) {
    using Clock = std::chrono::steady_clock;
    struct State {
        Clock::time_point deadline;
        Clock::time_point lastSent;
        bool firstTable = true;
        bool finalBookmark = false;
        int sent = 0;  // events written
    };
    auto state = std::make_shared<State>();
    state->deadline = Clock::now() + options.timeout;
    state->lastSent = Clock::now();
    response.setHeader("Cache-Control", "no-cache, private");
    // client-go and kubectl read the media type with its parameter.
    const char* contentType =
        options.table ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json;stream=watch";
    response.streamChunked(
        contentType,
        [channel, options, clock, state, guard](http::DataSink& sink) {
            // This runs on the stream's own thread, outside any handler's try: nothing may escape it.
            try {
                const auto wait =
                    std::min<Clock::duration>(std::chrono::milliseconds(500), state->deadline - Clock::now());
                const auto events = channel->take(
                    std::chrono::duration_cast<std::chrono::milliseconds>(std::max(wait, Clock::duration::zero())));
                const auto budgetLeft = [&] {
                    return options.closeAfterEvents < 0 || state->sent < options.closeAfterEvents;
                };
                std::string out;
                for (const auto& event : events) {
                    if (!budgetLeft()) break;
                    out += encode(event, options, state->firstTable, clock());
                    state->firstTable = false;
                    ++state->sent;
                }
                // Bookmarks (when allowed): after 10 s without events, and once just before the
                // timeout closes the watch, so the client resumes from the newest version.
                const bool idle = Clock::now() - state->lastSent > std::chrono::seconds(10);
                const bool closing = !state->finalBookmark && Clock::now() + std::chrono::seconds(1) >= state->deadline;
                if (out.empty() && options.bookmarks && (idle || closing) && budgetLeft()) {
                    ++state->sent;
                    state->finalBookmark = state->finalBookmark || closing;
                    out = Json{{"type", "BOOKMARK"},
                               {"object",
                                {{"kind", channel->filter().resource->kind},
                                 {"apiVersion", channel->filter().resource->apiVersionFor(options.version)},
                                 {"metadata", {{"resourceVersion", std::to_string(channel->progress())}}}}}}
                              .dump() +
                          "\n";
                }
                if (!out.empty()) {
                    state->lastSent = Clock::now();
                    if (!sink.write(out.data(), out.size())) return false;
                } else if (!sink.isWritable()) {
                    return false;  // the client went away
                }
                if (!budgetLeft()) {
                    channel->close();
                    return false;  // an injected fault: the server drops the connection without the last chunk
                }
                if (channel->closed() || Clock::now() >= state->deadline) {
                    channel->close();
                    sink.done();
                }
                return true;
            } catch (const std::exception& e) {
                const std::string error = errorEvent({{"kind", "Status"},
                                                      {"apiVersion", "v1"},
                                                      {"metadata", Json::object()},
                                                      {"status", "Failure"},
                                                      {"reason", "InternalError"},
                                                      {"code", 500},
                                                      {"message", std::string("watch failed: ") + e.what()}});
                channel->close();
                sink.write(error.data(), error.size());
                sink.done();
                return true;
            }
        },
        [channel](bool /*success*/) { channel->close(); });
}

}  // namespace meshlings::sim
