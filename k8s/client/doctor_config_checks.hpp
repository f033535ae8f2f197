#pragma once
// The doctor's first two steps, which need no network: is there a kubeconfig
// (or an in-cluster service account) and is it valid; which context, cluster,
// user, namespace and kind of credential it selects. Each check fills the
// DoctorState for the next one.
#include "client/doctor_report.hpp"
#include "client/doctor_state.hpp"

namespace meshlings::k8s {

// Reads the kubeconfig files (--kubeconfig, else $KUBECONFIG, else
// ~/.kube/config), or finds the in-cluster configuration. A parse error names
// the file, the line and the field.
StepResult checkKubeconfig(DoctorState& state);

// Resolves the context into a RestConfig and the address to dial.
StepResult checkContext(DoctorState& state);

}  // namespace meshlings::k8s
