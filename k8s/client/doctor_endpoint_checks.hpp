#pragma once
// The doctor's last steps, outside the Kubernetes API: is the Bookinfo
// ingress answering GET /productpage with a page (at --ingress, else at the
// URL the built-in cluster announces on Service istio-ingressgateway), and
// does Prometheus answer a query (only when --prometheus is given). Plain
// HTTP(S) without the cluster's credentials; these run even when the API
// server was not reached, when their URL is known.
#include "client/doctor_report.hpp"
#include "client/doctor_state.hpp"

namespace meshlings::k8s {

// The annotation on Service istio-system/istio-ingressgateway that the
// built-in cluster sets to its ingress URL.
inline constexpr const char* kIngressUrlAnnotation = "meshlings.dev/ingress-url";

StepResult checkIngress(DoctorState& state);
StepResult checkPrometheus(DoctorState& state);

}  // namespace meshlings::k8s
