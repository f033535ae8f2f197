#pragma once
// Who a request speaks for, as the Kubernetes authenticators name it: a user
// name and groups. The names of the built-in cluster's two identities live
// here: the admin (system:masters, may do anything) and a viewer that may
// only read.
#include <algorithm>
#include <string>
#include <vector>

namespace meshlings::sim {

struct UserInfo {
    static constexpr const char* kAdmin = "meshlings-admin";
    static constexpr const char* kAdminGroup = "system:masters";
    static constexpr const char* kViewer = "meshlings-viewer";
    static constexpr const char* kViewerGroup = "meshlings:viewers";
    static constexpr const char* kAnonymous = "system:anonymous";
    static constexpr const char* kAuthenticated = "system:authenticated";
    static constexpr const char* kUnauthenticated = "system:unauthenticated";

    std::string name;
    std::vector<std::string> groups;

    bool inGroup(const std::string& group) const {
        return std::find(groups.begin(), groups.end(), group) != groups.end();
    }
    bool anonymous() const { return name == kAnonymous; }

    // An authenticated user: its own groups plus system:authenticated, as the real server adds it.
    static UserInfo authenticated(std::string name, std::vector<std::string> groups) {
        if (std::find(groups.begin(), groups.end(), kAuthenticated) == groups.end())
            groups.emplace_back(kAuthenticated);
        return {std::move(name), std::move(groups)};
    }
    static UserInfo anonymousUser() { return {kAnonymous, {kUnauthenticated}}; }
    static UserInfo admin() { return authenticated(kAdmin, {kAdminGroup}); }
    static UserInfo viewer() { return authenticated(kViewer, {kViewerGroup}); }
};

}  // namespace meshlings::sim
