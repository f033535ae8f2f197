#pragma once
// The doctor's steps that talk to the Kubernetes API as the game will:
// are our credentials accepted (a SelfSubjectReview, else GET /api), and may
// we do every verb the game uses (one SelfSubjectAccessReview per verb).
// Exec plugin failures show up here, since the plugin runs on the first call.
#include <vector>

#include "client/access_review.hpp"
#include "client/doctor_access_needs.hpp"
#include "client/doctor_report.hpp"
#include "client/doctor_state.hpp"

namespace meshlings::k8s {

// Creates state.client and asks the server who we are; keeps the client only
// when the server accepted us.
StepResult checkAuthentication(DoctorState& state);

// Asks about every verb of gameAccessNeeds() (doctor_access_needs.hpp); one
// line names what is missing ("missing: delete pods in default; patch
// virtualservices.networking.istio.io in default — apply deploy/rbac.yaml").
StepResult checkPermissions(DoctorState& state);

}  // namespace meshlings::k8s
