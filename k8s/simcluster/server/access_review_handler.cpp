#include "simcluster/server/access_review_handler.hpp"

#include "simcluster/api_error.hpp"
#include "simcluster/http/http_response.hpp"
#include "simcluster/json_access.hpp"
#include "simcluster/server/protobuf_review.hpp"
#include "simcluster/server/request_json.hpp"
#include "simcluster/server/self_review.hpp"

namespace meshlings::sim {

nlohmann::json AccessReviewHandler::review(const http::Request& request, const std::string& kind,
                                           const UserInfo& user) const {
    const bool protobuf = request.header("Content-Type").rfind(ProtobufReview::kContentType, 0) == 0;
    if (kind == "SelfSubjectReview") return SelfReview::whoami(user);
    if (kind == "SelfSubjectRulesReview") {
        const std::string ns =
            protobuf
                ? ProtobufReview::rulesNamespace(request.body)
                : json_access::text(json_access::object(request_json::parseObject(request.body), "spec"), "namespace");
        return SelfReview::rules(m_authorizer, user, ns);
    }
    nlohmann::json review = protobuf ? ProtobufReview::decode(request.body) : request_json::parseObject(request.body);
    if (!review.contains("spec") || !review["spec"].is_object()) {
        throw ApiError::invalid("SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec: Required value");
    }
    const auto& spec = review["spec"];
    const bool resource = spec.contains("resourceAttributes") && spec["resourceAttributes"].is_object();
    const bool other = spec.contains("nonResourceAttributes") && spec["nonResourceAttributes"].is_object();
    if (resource == other) {
        throw ApiError::invalid(
            "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec: Invalid value: "
            "exactly one of nonResourceAttributes or resourceAttributes must be specified");
    }
    const Decision decision = m_authorizer.authorize(user, AccessAttributes::fromReviewSpec(spec));
    review["kind"] = "SelfSubjectAccessReview";
    review["apiVersion"] = "authorization.k8s.io/v1";
    review["metadata"] = {{"creationTimestamp", nullptr}};
    review["status"] = {{"allowed", decision.allowed}};
    if (!decision.reason.empty()) review["status"]["reason"] = decision.reason;
    return review;
}

}  // namespace meshlings::sim
