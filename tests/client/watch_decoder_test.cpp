// The watch stream decoder: events split across chunks or packed in one,
// blank lines, and lines that are not events (malformed JSON, wrong shape,
// unknown type) rejected with the line number.
#include "client/watch_decoder.hpp"

#include <doctest/doctest.h>

#include "client/status_error.hpp"

using namespace meshlings::k8s;

namespace {

std::vector<WatchEvent> feedAll(WatchDecoder& decoder, const std::vector<std::string>& chunks) {
    std::vector<WatchEvent> events;
    for (const auto& chunk : chunks) {
        decoder.feed(chunk, [&](WatchEvent&& event) {
            events.push_back(std::move(event));
            return true;
        });
    }
    return events;
}

}  // namespace

TEST_CASE("events are found however the stream is chunked") {
    const std::string stream =
        R"({"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"a","resourceVersion":"1"}}})"
        "\n\n"
        R"({"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"7"}}})"
        "\r\n"
        R"({"type":"DELETED","object":{"kind":"Pod","metadata":{"name":"a","resourceVersion":"8"}}})"
        "\n";
    for (std::size_t size : {1UL, 3UL, 17UL, stream.size()}) {
        WatchDecoder decoder("test");
        std::vector<std::string> chunks;
        for (std::size_t i = 0; i < stream.size(); i += size) chunks.push_back(stream.substr(i, size));
        const auto events = feedAll(decoder, chunks);
        REQUIRE(events.size() == 3);
        CHECK(events[0].type == WatchEventType::Added);
        CHECK(events[1].type == WatchEventType::Bookmark);
        CHECK(events[2].type == WatchEventType::Deleted);
        CHECK(events[2].object["metadata"]["resourceVersion"] == "8");
        CHECK_FALSE(decoder.midEvent());
    }
}

TEST_CASE("a stream cut mid-event is noticed") {
    WatchDecoder decoder("test");
    feedAll(decoder, {R"({"type":"ADDED","object":{"kind":"Pod")"});
    CHECK(decoder.midEvent());
}

TEST_CASE("lines that are not events are rejected with their line number") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"{not json\n", "watch pods, line 1: not valid JSON"},
        {"[1,2]\n", "expected a JSON object"},
        {R"({"type":"EXPLODED","object":{}})"
         "\n",
         "unknown event type \"EXPLODED\""},
        {R"({"type":"ADDED","object":"pod"})"
         "\n",
         "event has no object"},
        {R"({"type":"ADDED"})"
         "\n",
         "event has no object"},
    };
    for (const auto& [line, expected] : cases) {
        WatchDecoder decoder("watch pods");
        CAPTURE(line);
        CHECK_THROWS_WITH_AS(feedAll(decoder, {line}), doctest::Contains(expected.c_str()), DecodeError);
    }
    WatchDecoder decoder("watch pods");
    CHECK_THROWS_WITH_AS(feedAll(decoder, {R"({"type":"ADDED","object":{}})"
                                           "\n",
                                           "\x01\x02\n"}),
                         doctest::Contains("line 2"), DecodeError);
}
