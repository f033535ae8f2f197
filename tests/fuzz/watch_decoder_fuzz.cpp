// libFuzzer target: any bytes as a watch stream, fed whole and again in
// chunks whose sizes come from the input. The contract (watch_decoder.hpp):
// events come out, or DecodeError names the stream; no other exception, no
// crash; and how the bytes were split never changes the result.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "client/status_error.hpp"
#include "client/watch_decoder.hpp"

namespace {

struct Outcome {
    std::size_t events = 0;
    bool failed = false;
    bool midEvent = false;
};

// Feeds `stream` in chunks of 1 to 16 bytes chosen by `sizes` (whole when empty).
Outcome decode(std::string_view stream, std::string_view sizes) {
    meshlings::k8s::WatchDecoder decoder("fuzz stream");
    Outcome outcome;
    const auto sink = [&](meshlings::k8s::WatchEvent&& event) {
        if (!event.object.is_object()) std::abort();
        ++outcome.events;
        return true;
    };
    try {
        if (sizes.empty()) {
            decoder.feed(stream, sink);
        } else {
            std::size_t next = 0;
            while (!stream.empty()) {
                const std::size_t take = 1 + static_cast<unsigned char>(sizes[next++ % sizes.size()]) % 16;
                decoder.feed(stream.substr(0, take), sink);
                stream.remove_prefix(std::min(take, stream.size()));
            }
        }
    } catch (const meshlings::k8s::DecodeError& e) {
        if (std::string_view(e.what()).find("fuzz stream") == std::string_view::npos) std::abort();
        outcome.failed = true;
    }
    if (outcome.events != decoder.events()) std::abort();
    outcome.midEvent = !outcome.failed && decoder.midEvent();
    return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The first 4 bytes choose the chunk sizes; the rest is the stream.
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::string_view sizes = input.substr(0, std::min<std::size_t>(4, input.size()));
    const std::string_view stream = input.substr(sizes.size());
    const Outcome whole = decode(stream, {});
    const Outcome chunked = decode(stream, sizes);
    if (whole.events != chunked.events || whole.failed != chunked.failed || whole.midEvent != chunked.midEvent)
        std::abort();
    return 0;
}
