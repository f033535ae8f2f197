#pragma once
// SelfSubjectAccessReview (`kubectl auth can-i`): reads the review from JSON
// or from kubectl's protobuf, asks the same Authorizer that guards every
// request what the calling user may do, and answers with the review and its
// status (allowed, and the RBAC reason when it is).
#include <nlohmann/json.hpp>

#include "simcluster/server/authorizer.hpp"

namespace meshlings::sim::http {
struct Request;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

class AccessReviewHandler {
public:
    explicit AccessReviewHandler(const Authorizer& authorizer) : m_authorizer(authorizer) {}

    // Throws ApiError 400/422 for a malformed review. `kind` SelfSubjectRulesReview (`auth can-i --list`) or
    // SelfSubjectReview (`auth whoami`) answers those instead.
    nlohmann::json review(const http::Request& request, const std::string& kind, const UserInfo& user) const;

private:
    const Authorizer& m_authorizer;
};

}  // namespace meshlings::sim
