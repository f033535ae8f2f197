#include "simcluster/image_catalog.hpp"

#include <sstream>

namespace meshlings::sim {

void ImageCatalog::learnSpec(const nlohmann::json& podSpec) {
    if (!podSpec.is_object()) return;
    for (const char* list : {"initContainers", "containers"}) {
        const auto it = podSpec.find(list);
        if (it == podSpec.end() || !it->is_array()) continue;
        for (const auto& c : *it) {
            if (c.is_object() && c.contains("image") && c["image"].is_string()) learn(c["image"].get<std::string>());
        }
    }
}

bool ImageCatalog::knows(const std::string& image, const std::string& declared) const {
    const std::string wanted = normalise(image);
    if (m_known.count(wanted) != 0) return true;
    std::string list = declared;
    for (char& ch : list) {
        if (ch == ',') ch = ' ';
    }
    std::istringstream words(list);
    for (std::string word; words >> word;) {
        if (normalise(word) == wanted) return true;
    }
    return false;
}

std::string ImageCatalog::normalise(const std::string& image) {
    std::string name = image;
    std::string suffix;
    if (const auto at = name.find('@'); at != std::string::npos) {
        suffix = name.substr(at);  // a digest names one image exactly
        name.erase(at);
    } else {
        const auto slash = name.rfind('/');
        const auto colon = name.rfind(':');
        if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
            suffix = name.substr(colon);
            name.erase(colon);
        } else {
            suffix = ":latest";
        }
    }
    // The first part is a registry only when it looks like a host ("a.b", "a:5000", "localhost").
    const auto first = name.find('/');
    const std::string head = first == std::string::npos ? "" : name.substr(0, first);
    const bool hasRegistry = !head.empty() && (head.find('.') != std::string::npos ||
                                               head.find(':') != std::string::npos || head == "localhost");
    if (!hasRegistry) name = "docker.io/" + name;
    if (name.rfind("index.docker.io/", 0) == 0) name = "docker.io/" + name.substr(16);
    if (name.rfind("docker.io/", 0) == 0 && name.find('/', 10) == std::string::npos)
        name = "docker.io/library/" + name.substr(10);
    return name + suffix;
}

}  // namespace meshlings::sim
