#pragma once
// The doctor's steps that talk to the Kubernetes API as the game will:
// are our credentials accepted (a SelfSubjectReview, else GET /api), and may
// we do every verb the game uses (one SelfSubjectAccessReview per verb).
// Exec plugin failures show up here, since the plugin runs on the first call.
#include <vector>

#include "access_review.hpp"
#include "doctor_report.hpp"
#include "doctor_state.hpp"

namespace meshlings::k8s {

// Creates state.client and asks the server who we are; keeps the client only
// when the server accepted us.
StepResult checkAuthentication(DoctorState& state);

// The verbs the game needs: pods get/list/watch/delete; virtualservices and
// destinationrules get/list/watch/create/patch; deployments/scale patch.
const std::vector<AccessQuestion>& gameAccessNeeds();

// One line naming what is missing ("delete pods; patch deployments/scale").
StepResult checkPermissions(DoctorState& state);

}  // namespace meshlings::k8s
