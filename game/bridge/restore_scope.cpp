#include "bridge/restore_scope.hpp"

#include "world/model/resilience_settings.hpp"

namespace meshlings::bridge {

namespace {

// Why `saved` may not be restored, or empty; `seen` holds the kinds already taken.
std::string whyRefused(const SavedObject& saved, const std::vector<std::string>& seen) {
    if (saved.kind != "VirtualService" && saved.kind != "DestinationRule") {
        return "the game only saves VirtualServices and DestinationRules";
    }
    if (!world::isBookinfoService(saved.name)) {
        return "the game only saves the routing named after a Bookinfo service (productpage, details, reviews, "
               "ratings)";
    }
    for (const auto& object : seen) {
        if (object == saved.describe()) return "the state file names it twice";
    }
    if (!saved.lastWrittenVersion.empty() && saved.uid.empty()) {
        return "the state file says the game wrote it but saved no uid to match the live object against";
    }
    return {};
}

}  // namespace

std::string RestoreScope::refusal(const RoutingSnapshot& snapshot, const std::string& nameSpace) {
    if (snapshot.nameSpace == nameSpace) return {};
    return "it names the namespace \"" + snapshot.nameSpace + "\", but the restore runs against namespace \"" +
           nameSpace + "\": nothing restored";
}

std::vector<RestoreStep> RestoreScope::screen(RoutingSnapshot& snapshot, std::vector<SavedObject>& refused) {
    std::vector<RestoreStep> steps;
    std::vector<std::string> seen;
    for (auto it = snapshot.objects.begin(); it != snapshot.objects.end();) {
        const std::string why = whyRefused(*it, seen);
        if (why.empty()) {
            seen.push_back(it->describe());
            ++it;
            continue;
        }
        steps.push_back(RestoreStep{it->describe(), RestoreResult::Refused,
                                    "refused, left alone: the state file may not name it (" + why + ")"});
        refused.push_back(std::move(*it));
        it = snapshot.objects.erase(it);
    }
    return steps;
}

}  // namespace meshlings::bridge
