#pragma once
// The doctor's TLS step: a handshake alone (no HTTP request, no token sent)
// with the kubeconfig's CA, client certificate, tls-server-name and proxy,
// reporting whose certificate the server presented (subject and issuer, from
// libcurl's CURLOPT_CERTINFO). When verification fails it shakes hands again
// without verifying, only to say which certificate was refused and why.
#include "client/doctor_report.hpp"
#include "client/doctor_state.hpp"

namespace meshlings::k8s {

// Plain http:// servers warn; insecure-skip-tls-verify warns; a certificate
// not signed by the configured CA fails here with a hint about the CA.
StepResult checkTlsHandshake(DoctorState& state);

}  // namespace meshlings::k8s
