#include "client/call_options.hpp"

#include <nlohmann/json.hpp>

#include "client/api_paths.hpp"

namespace meshlings::k8s {

std::string dryRunQuery(bool dryRun) {
    return dryRun ? "?dryRun=All" : "";
}

std::string ListOptions::toQuery() const {
    return query({{"labelSelector", labelSelector},
                  {"fieldSelector", fieldSelector},
                  {"resourceVersion", resourceVersion},
                  {"limit", limit > 0 ? std::to_string(limit) : ""},
                  {"continue", continueToken}});
}

std::string WatchOptions::toQuery() const {
    return query({{"watch", "true"},
                  {"resourceVersion", resourceVersion},
                  {"labelSelector", labelSelector},
                  {"fieldSelector", fieldSelector},
                  {"allowWatchBookmarks", allowBookmarks ? "true" : ""},
                  {"timeoutSeconds", timeoutSeconds > 0 ? std::to_string(timeoutSeconds) : ""}});
}

nlohmann::json DeleteOptions::toJson() const {
    nlohmann::json body = {{"kind", "DeleteOptions"}, {"apiVersion", "v1"}, {"propagationPolicy", "Background"}};
    if (gracePeriodSeconds) body["gracePeriodSeconds"] = *gracePeriodSeconds;
    if (dryRun) body["dryRun"] = nlohmann::json::array({"All"});
    if (!preconditionUid.empty()) body["preconditions"] = {{"uid", preconditionUid}};
    return body;
}

}  // namespace meshlings::k8s
