#pragma once
// The container images the built-in cluster's nodes can pull: the images its
// seed runs (Bookinfo, Istio, the system pods, with the tags they use), plus
// any image a pod or its Deployment declares in `meshlings.dev/images`.
// Everything else fails to pull (ErrImagePull), as a tag that does not exist
// does on a real cluster. References are compared normalised as the
// container runtime resolves them: "docker.io/", "index.docker.io/" and
// "library/" are implied and a missing tag is ":latest".
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace meshlings::sim {

class ImageCatalog {
public:
    static constexpr const char* kAnnotation = "meshlings.dev/images";

    void learn(const std::string& image) { m_known.insert(normalise(image)); }
    // Learns the images of every container of a pod spec.
    void learnSpec(const nlohmann::json& podSpec);

    // Known to the cluster, or declared (comma or space separated) in `declared`.
    bool knows(const std::string& image, const std::string& declared = "") const;

    // "istio/proxyv2:1.24.2" -> "docker.io/istio/proxyv2:1.24.2", "nginx" -> "docker.io/library/nginx:latest".
    static std::string normalise(const std::string& image);

private:
    std::set<std::string> m_known;
};

}  // namespace meshlings::sim
