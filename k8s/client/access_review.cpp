#include "client/access_review.hpp"

#include "common/json_access_common.hpp"

namespace meshlings::k8s {

AccessAnswer reviewAccess(KubeClient& client, const AccessQuestion& question) {
    Json attributes = {{"namespace", client.nameSpace()},
                       {"verb", question.verb},
                       {"group", question.group},
                       {"resource", question.resource}};
    if (!question.subresource.empty()) attributes["subresource"] = question.subresource;
    const Json review = {{"apiVersion", "authorization.k8s.io/v1"},
                         {"kind", "SelfSubjectAccessReview"},
                         {"spec", {{"resourceAttributes", attributes}}}};
    const Json reply = client.create("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review);
    const auto& status = json_access::object(reply, "status");
    return AccessAnswer{json_access::flag(status, "allowed"), json_access::flag(status, "denied"),
                        json_access::text(status, "reason"), json_access::text(status, "evaluationError")};
}

}  // namespace meshlings::k8s
