#pragma once
// Standard base64 (RFC 4648) for the *-data fields of kubeconfig files.
#include <optional>
#include <string>
#include <string_view>

namespace meshlings::k8s::base64 {

// Decodes, ignoring whitespace; nullopt when the text is not base64.
std::optional<std::string> decode(std::string_view text);
std::string encode(std::string_view bytes);

}  // namespace meshlings::k8s::base64
