#pragma once
// The doctor's network steps below TLS: does the server's host name resolve
// (IP literals need not; names under .invalid never do, without asking DNS),
// and does something accept a TCP connection at its port. Both are bounded by
// DoctorOptions::networkTimeout, so an offline machine answers quickly.
#include "client/doctor_report.hpp"
#include "client/doctor_state.hpp"

namespace meshlings::k8s {

// Resolves state.dial into state.addresses.
StepResult checkResolve(DoctorState& state);

// Connects to each resolved address in turn until one accepts.
StepResult checkTcpConnect(DoctorState& state);

}  // namespace meshlings::k8s
