#pragma once
// Turns the bytes of a watch stream into events: one JSON object per line
// ({"type": ADDED|MODIFIED|DELETED|BOOKMARK|ERROR, "object": {...}}), lines
// split across chunks or several in one chunk. A line that is not such an
// event throws DecodeError saying which line and why; the decoder never
// trusts the shape of what it reads.
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace meshlings::k8s {

enum class WatchEventType { Added, Modified, Deleted, Bookmark, Error };

struct WatchEvent {
    WatchEventType type = WatchEventType::Added;
    nlohmann::json object;
};

class WatchDecoder {
public:
    using Sink = std::function<bool(WatchEvent&&)>;  // false: stop

    explicit WatchDecoder(std::string streamName) : m_name(std::move(streamName)) {}

    // Feeds bytes; calls `sink` for each complete event. Returns false when the sink said stop.
    bool feed(std::string_view bytes, const Sink& sink);

    // True when the stream ended in the middle of an event (it was cut).
    bool midEvent() const { return m_pending.find_first_not_of(" \t\r\n") != std::string::npos; }
    std::size_t events() const { return m_events; }

    static WatchEvent decodeLine(std::string_view line, const std::string& where);

private:
    std::string m_name;
    std::string m_pending;
    std::size_t m_line = 0;
    std::size_t m_events = 0;
};

}  // namespace meshlings::k8s
