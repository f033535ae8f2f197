#pragma once
// The doctor's steps about what the cluster holds: the Bookinfo Deployments
// in the namespace (and how many are ready), and Istio's networking API
// (served, and which version the game will use).
#include <string>
#include <vector>

#include "client/doctor_report.hpp"
#include "client/doctor_state.hpp"

namespace meshlings::k8s {

// productpage-v1, details-v1, ratings-v1, reviews-v1, reviews-v2, reviews-v3.
const std::vector<std::string>& bookinfoDeployments();

StepResult checkBookinfo(DoctorState& state);
StepResult checkIstioCrds(DoctorState& state);

}  // namespace meshlings::k8s
