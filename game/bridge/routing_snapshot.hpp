#pragma once
// The routing as it was before a session first changed it, kept in the state
// file (RoutingStateFile) until it is restored (RoutingRestorer). For each
// object the game may touch (the `reviews` VirtualService and DestinationRule
// of one namespace): whether it existed, and if so its labels, annotations,
// spec, uid and resourceVersion; plus the resourceVersion the game itself
// last wrote, which restore compares with the live one to tell the game's
// own change from someone else's. Plain data; fromJson names the bad field.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace meshlings::bridge {

struct SavedObject {
    std::string kind;  // "VirtualService" or "DestinationRule"
    std::string name;
    bool existed = false;
    std::string uid;                 // of the object read (or of the one the game created)
    std::string resourceVersion;     // when it was read; "" when it did not exist
    std::string lastWrittenVersion;  // after the game's last write; "" while the game has not written it
    nlohmann::json labels = nlohmann::json::object();
    nlohmann::json annotations = nlohmann::json::object();
    nlohmann::json spec = nlohmann::json::object();

    // "VirtualService reviews"
    std::string describe() const { return kind + " " + name; }
};

struct RoutingSnapshot {
    static constexpr int kFormat = 1;

    std::string context;  // the kubeconfig context ("in-cluster" for a pod's service account)
    std::string nameSpace;
    std::string server;   // the API server it was read from; restore refuses another one
    std::string savedAt;  // UTC, RFC 3339
    std::vector<SavedObject> objects;

    // True when any object was written by the game and not yet put back.
    bool touched() const;
    SavedObject* find(const std::string& kind, const std::string& name);

    nlohmann::json toJson() const;
    // Throws RoutingStateError "field objects[0].kind: ..." (the caller adds the file).
    static RoutingSnapshot fromJson(const nlohmann::json& json);
    // A SavedObject from the live object (nullptr: it does not exist).
    static SavedObject savedFrom(const std::string& kind, const std::string& name, const nlohmann::json* live);
};

}  // namespace meshlings::bridge
