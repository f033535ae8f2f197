#pragma once
// Serves one watch over HTTP: one JSON event per line, flushed as it
// happens (plain objects, or one-row Tables for kubectl), bookmarks when the
// client allows them, and a clean close at timeoutSeconds. For fault
// injection, the connection can instead drop after N events.
#include <chrono>
#include <functional>
#include <memory>

#include "simcluster/server/table_printer.hpp"
#include "simcluster/watch_channel.hpp"

namespace meshlings::sim::http {
class Response;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

struct WatchOptions {
    bool table = false;
    TablePrinter::IncludeObject include = TablePrinter::IncludeObject::Metadata;
    bool bookmarks = false;
    std::chrono::seconds timeout{1800};
    std::string version;        // apiVersion version the client asked for
    int closeAfterEvents = -1;  // >= 0: drop the connection, with no clean end, after this many events
};

class WatchStream {
public:
    using UnixClock = std::function<std::int64_t()>;

    // Starts streaming `channel` into `response`.
    // `guard` is held for as long as the stream is open.
    static void serve(http::Response& response, std::shared_ptr<WatchChannel> channel, WatchOptions options,
                      UnixClock clock, std::shared_ptr<void> guard);
    // A watch that cannot start (410 Expired): 200 with one ERROR event.
    static std::string errorEvent(const nlohmann::json& status);

    static std::string encode(const StoreEvent& event, const WatchOptions& options, bool firstTable, std::int64_t now);
};

}  // namespace meshlings::sim
