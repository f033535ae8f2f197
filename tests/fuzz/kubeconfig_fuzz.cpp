// libFuzzer target: any bytes as one kubeconfig file. The contract
// (kubeconfig.hpp, config_error.hpp): a usable file parses; anything else
// throws ConfigError naming the file. No other exception, no crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "client/config_error.hpp"
#include "client/kubeconfig.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto config = meshlings::k8s::Kubeconfig::parse(text, "fuzz.kubeconfig");
        // What parsed must be consistent enough to be walked.
        for (const auto& [name, context] : config.contexts()) {
            if (name.empty() && context.cluster.size() > text.size()) std::abort();
        }
    } catch (const meshlings::k8s::ConfigError& e) {
        if (std::string_view(e.what()).find("fuzz.kubeconfig") == std::string_view::npos) std::abort();
    }
    return 0;
}
