#pragma once
// The resources the built-in cluster serves: group, versions, names and verbs,
// in the order discovery lists them. One table drives discovery, routing and
// the store, so adding a resource is one line.
#include <string>
#include <vector>

namespace meshlings::sim {

struct Subresource {
    std::string name;   // "scale", "status"
    std::string group;  // response kind's group ("" = same as parent)
    std::string version;
    std::string kind;
    std::vector<std::string> verbs;
};

struct ResourceType {
    std::string group;                  // "" for core
    std::vector<std::string> versions;  // served versions, preferred first
    std::string plural;
    std::string singular;
    std::string kind;
    bool namespaced = true;
    std::vector<std::string> verbs;
    std::vector<std::string> shortNames;
    std::vector<std::string> categories;
    std::vector<Subresource> subresources;

    // "pods", "deployments.apps": how error messages name the resource.
    std::string qualifiedName() const { return group.empty() ? plural : plural + "." + group; }
    // "v1", "apps/v1" for the preferred version (the one objects are stored at).
    std::string apiVersion() const { return apiVersionFor(versions.front()); }
    std::string apiVersionFor(const std::string& version) const {
        return group.empty() ? version : group + "/" + version;
    }
    bool servesVersion(const std::string& version) const;
    bool isCustom() const { return group.find(".istio.io") != std::string::npos; }
};

class ResourceRegistry {
public:
    static const std::vector<ResourceType>& all();
    static const ResourceType* find(const std::string& group, const std::string& version, const std::string& plural);
    static const ResourceType& byKind(const std::string& kind);
    static const ResourceType& pods() { return byKind("Pod"); }
    // Group names in discovery order (core excluded).
    static std::vector<std::string> groups();
};

}  // namespace meshlings::sim
