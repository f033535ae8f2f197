#include "client/watch_decoder.hpp"

#include "client/status_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::k8s {

namespace {

constexpr std::size_t kMaxLine = 64 * 1024 * 1024;  // one object; the API server's own limit is lower

bool typeFrom(const std::string& text, WatchEventType& type) {
    if (text == "ADDED")
        type = WatchEventType::Added;
    else if (text == "MODIFIED")
        type = WatchEventType::Modified;
    else if (text == "DELETED")
        type = WatchEventType::Deleted;
    else if (text == "BOOKMARK")
        type = WatchEventType::Bookmark;
    else if (text == "ERROR")
        type = WatchEventType::Error;
    else
        return false;
    return true;
}

}  // namespace

WatchEvent WatchDecoder::decodeLine(std::string_view line, const std::string& where) {
    auto document = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
    if (document.is_discarded()) throw DecodeError(where + ": not valid JSON");
    if (!document.is_object()) throw DecodeError(where + ": expected a JSON object with type and object");
    WatchEvent event;
    const std::string type = json_access::text(document, "type");
    if (!typeFrom(type, event.type)) throw DecodeError(where + ": unknown event type \"" + type.substr(0, 40) + "\"");
    auto object = document.find("object");
    if (object == document.end() || !object->is_object()) throw DecodeError(where + ": event has no object");
    event.object = std::move(*object);
    return event;
}

bool WatchDecoder::feed(std::string_view bytes, const Sink& sink) {
    while (!bytes.empty()) {
        const auto newline = bytes.find('\n');
        if (newline == std::string_view::npos) {
            if (m_pending.size() + bytes.size() > kMaxLine) throw DecodeError(m_name + ": an event longer than 64 MiB");
            m_pending.append(bytes);
            return true;
        }
        std::string_view line = bytes.substr(0, newline);
        bytes.remove_prefix(newline + 1);
        ++m_line;
        if (!m_pending.empty()) {
            m_pending.append(line);
            line = m_pending;
        }
        if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
            WatchEvent event = decodeLine(line, m_name + ", line " + std::to_string(m_line));
            ++m_events;
            m_pending.clear();
            if (!sink(std::move(event))) return false;
        }
        m_pending.clear();
    }
    return true;
}

}  // namespace meshlings::k8s
