#pragma once
// The two reviews a user asks about itself besides SelfSubjectAccessReview:
// SelfSubjectReview (authentication.k8s.io/v1, `kubectl auth whoami`): who
// the request authenticated as; SelfSubjectRulesReview
// (authorization.k8s.io/v1, `kubectl auth can-i --list`): every rule of the
// roles bound to it.
#include <nlohmann/json.hpp>
#include <string>

#include "simcluster/server/authorizer.hpp"
#include "simcluster/server/user_info.hpp"

namespace meshlings::sim {

class SelfReview {
public:
    static nlohmann::json whoami(const UserInfo& user);
    static nlohmann::json rules(const Authorizer& authorizer, const UserInfo& user, const std::string& ns);
};

}  // namespace meshlings::sim
