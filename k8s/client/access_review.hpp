#pragma once
// "Can I?": a SelfSubjectAccessReview for one verb on one resource in the
// client's namespace, as `kubectl auth can-i` sends it.
#include <string>

#include "client/kube_client.hpp"

namespace meshlings::k8s {

struct AccessQuestion {
    std::string verb;
    std::string group;  // "" for core
    std::string resource;
    std::string subresource;
};

struct AccessAnswer {
    bool allowed = false;
    bool denied = false;
    std::string reason;
    std::string evaluationError;
};

AccessAnswer reviewAccess(KubeClient& client, const AccessQuestion& question);

}  // namespace meshlings::k8s
