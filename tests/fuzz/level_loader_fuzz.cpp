// libFuzzer target: any bytes as a level file. The contract
// (level_loader.hpp, level_error.hpp): a valid level loads; anything else
// throws LevelError naming the file. No other exception, no crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "world/loader/level_error.hpp"
#include "world/loader/level_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        meshlings::world::LevelLoader::loadFromString(text, "fuzz.yaml");
    } catch (const meshlings::world::LevelError& e) {
        if (e.file() != "fuzz.yaml" || e.line() < 0) std::abort();
    }
    return 0;
}
