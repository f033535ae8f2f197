#pragma once
// Options shared by the named calls: list and watch parameters as client-go
// sends them, delete options (grace period, server-side dry-run) and the
// dry-run query of every other change.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace meshlings::k8s {

// "?dryRun=All" for a server-side dry-run of a create, patch or delete, else "": appended to the path.
std::string dryRunQuery(bool dryRun);

struct ListOptions {
    std::string labelSelector;
    std::string fieldSelector;
    std::string resourceVersion;  // "" : the latest, read from etcd; "0": any cached state
    int limit = 0;
    std::string continueToken;

    std::string toQuery() const;
};

struct WatchOptions {
    std::string resourceVersion;  // changes after this one; "" or "0": synthetic ADDED first
    std::string labelSelector;
    std::string fieldSelector;
    int timeoutSeconds = 0;  // 0: the server's default
    bool allowBookmarks = true;

    std::string toQuery() const;
};

struct DeleteOptions {
    std::optional<int> gracePeriodSeconds;  // none: the pod's own terminationGracePeriodSeconds
    bool dryRun = false;                    // server-side dry-run (dryRun=All)
    std::string preconditionUid;

    nlohmann::json toJson() const;
};

}  // namespace meshlings::k8s
