#include "client/api_paths.hpp"

#include <cctype>

namespace meshlings::k8s {

std::string ResourceRef::collection(const std::string& nameSpace) const {
    std::string path = group.empty() ? "/api/" + version : "/apis/" + group + "/" + version;
    if (!nameSpace.empty()) path += "/namespaces/" + escapeQuery(nameSpace);
    return path + "/" + plural;
}

std::string ResourceRef::item(const std::string& nameSpace, const std::string& name) const {
    return collection(nameSpace) + "/" + escapeQuery(name);
}

std::string escapeQuery(const std::string& value) {
    static const char* const kHex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : value) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

std::string query(const std::vector<std::pair<std::string, std::string>>& parameters) {
    std::string out;
    for (const auto& [name, value] : parameters) {
        if (value.empty()) continue;
        out += (out.empty() ? "?" : "&") + name + "=" + escapeQuery(value);
    }
    return out;
}

}  // namespace meshlings::k8s
