#include "bridge/routing_restorer.hpp"

#include "client/status_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::bridge {

namespace ja = json_access;
using Json = nlohmann::json;

namespace {

constexpr const char* kOrder[] = {"VirtualService", "DestinationRule"};

RestoreStep step(const SavedObject& saved, RestoreResult result, std::string message) {
    return RestoreStep{saved.describe(), result, std::move(message)};
}

std::string liveVersion(const Json& live) {
    return ja::text(ja::object(live, "metadata"), "resourceVersion");
}

// The live object already holds what was saved (spec, labels, annotations): a restore whose answer was
// lost did its work, or nothing is left to do anyway.
bool alreadyAsSaved(const SavedObject& saved, const Json& live) {
    const Json& metadata = ja::object(live, "metadata");
    return ja::object(live, "spec") == saved.spec && ja::object(metadata, "labels") == saved.labels &&
           ja::object(metadata, "annotations") == saved.annotations;
}

// Puts one metadata map back: replaced when saved non-empty, removed when the saved one was empty.
void mapPatch(Json& patch, const char* key, const Json& saved, const Json& live) {
    const std::string path = std::string("/metadata/") + key;
    if (!saved.empty()) {
        patch.push_back({{"op", "add"}, {"path", path}, {"value", saved}});
    } else if (ja::field(ja::object(live, "metadata"), key).is_object()) {
        patch.push_back({{"op", "remove"}, {"path", path}});
    }
}

}  // namespace

RestoreReport RoutingRestorer::restore(RoutingSnapshot& snapshot) {
    RestoreReport report;
    for (const char* kind : kOrder) {
        for (auto it = snapshot.objects.begin(); it != snapshot.objects.end();) {
            if (it->kind != kind) {
                ++it;
                continue;
            }
            RestoreStep done = restoreOne(*it);
            const bool settled = done.result != RestoreResult::Conflict && done.result != RestoreResult::Failed;
            report.steps.push_back(std::move(done));
            it = settled ? snapshot.objects.erase(it) : it + 1;
        }
    }
    return report;
}

Json RoutingRestorer::get(const SavedObject& saved) {
    m_routing.apiVersion();  // Istio's API missing is a failure, not an absent object
    try {
        return saved.kind == "VirtualService" ? m_routing.getVirtualService(saved.name)
                                              : m_routing.getDestinationRule(saved.name);
    } catch (const k8s::StatusError& e) {
        if (e.notFound()) return nullptr;
        throw;
    }
}

RestoreStep RoutingRestorer::restoreOne(const SavedObject& saved) {
    if (saved.lastWrittenVersion.empty() && saved.existed) {
        return step(saved, RestoreResult::Unchanged, "unchanged (the game never wrote it)");
    }
    Json live;
    try {
        live = get(saved);
    } catch (const std::exception& e) {
        return step(saved, RestoreResult::Failed, std::string("failed at step \"read the live object\": ") + e.what());
    }
    if (live.is_null()) {
        if (!saved.existed) return step(saved, RestoreResult::Unchanged, "absent, as before the session");
        return step(saved, RestoreResult::Conflict,
                    "conflict: deleted by someone else since the game wrote it (resourceVersion " +
                        saved.lastWrittenVersion + "); not recreated");
    }
    const std::string version = liveVersion(live);
    const std::string uid = ja::text(ja::object(live, "metadata"), "uid");
    if (!saved.uid.empty() && uid != saved.uid) {
        return step(
            saved, RestoreResult::Refused,
            "refused, left alone: the live object (uid " + uid + ") is not the one saved (uid " + saved.uid + ")");
    }
    if (saved.existed && version == saved.resourceVersion) {
        return step(saved, RestoreResult::Unchanged, "unchanged (resourceVersion " + version + " as saved)");
    }
    if (saved.existed && alreadyAsSaved(saved, live)) {
        return step(saved, RestoreResult::Unchanged,
                    "already as saved (resourceVersion " + version + "): spec, labels and annotations as before");
    }
    if (saved.lastWrittenVersion.empty()) {
        return step(saved, RestoreResult::Conflict,
                    "conflict: it did not exist before the session and the game has no record of creating it "
                    "(resourceVersion " +
                        version + "); left as it is");
    }
    if (version != saved.lastWrittenVersion) {
        return step(saved, RestoreResult::Conflict,
                    "conflict: changed by someone else since the game's last write (live resourceVersion " + version +
                        ", the game wrote " + saved.lastWrittenVersion + "); left as it is");
    }
    return saved.existed ? putBack(saved, live) : deleteCreated(saved, live);
}

RestoreStep RoutingRestorer::putBack(const SavedObject& saved, const Json& live) {
    Json patch = Json::array({{{"op", "test"}, {"path", "/metadata/resourceVersion"}, {"value", liveVersion(live)}},
                              {{"op", "add"}, {"path", "/spec"}, {"value", saved.spec}}});
    mapPatch(patch, "labels", saved.labels, live);
    mapPatch(patch, "annotations", saved.annotations, live);
    try {
        if (saved.kind == "VirtualService") {
            m_routing.patchVirtualService(saved.name, patch, k8s::PatchType::JsonPatch);
        } else {
            m_routing.patchDestinationRule(saved.name, patch, k8s::PatchType::JsonPatch);
        }
    } catch (const k8s::StatusError& e) {
        const RestoreResult result = e.conflict() ? RestoreResult::Conflict : RestoreResult::Failed;
        return step(saved, result, std::string("failed at step \"put back spec, labels, annotations\": ") + e.what());
    } catch (const std::exception& e) {
        return step(saved, RestoreResult::Failed,
                    std::string("failed at step \"put back spec, labels, annotations\": ") + e.what());
    }
    return step(saved, RestoreResult::PutBack,
                "put back (spec, labels, annotations as at resourceVersion " + saved.resourceVersion + ")");
}

RestoreStep RoutingRestorer::deleteCreated(const SavedObject& saved, const Json& live) {
    // The saved uid (restoreOne found the live one equal to it): the server refuses the delete with a
    // conflict should the name have come to mean another object meanwhile.
    const Json options = {{"preconditions", {{"uid", saved.uid}, {"resourceVersion", liveVersion(live)}}}};
    try {
        const auto resource =
            saved.kind == "VirtualService" ? m_routing.virtualServices() : m_routing.destinationRules();
        m_client.remove(resource.item(m_client.nameSpace(), saved.name), options);
    } catch (const k8s::StatusError& e) {
        if (e.notFound()) return step(saved, RestoreResult::Unchanged, "absent, as before the session");
        const RestoreResult result = e.conflict() ? RestoreResult::Conflict : RestoreResult::Failed;
        return step(saved, result, std::string("failed at step \"delete the object the game created\": ") + e.what());
    } catch (const std::exception& e) {
        return step(saved, RestoreResult::Failed,
                    std::string("failed at step \"delete the object the game created\": ") + e.what());
    }
    return step(saved, RestoreResult::Deleted, "deleted (it did not exist before the session; the game created it)");
}

}  // namespace meshlings::bridge
