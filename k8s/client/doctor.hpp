#pragma once
// `meshlings doctor` as a library: checks the way from this machine to a
// cluster step by step (kubeconfig, context, resolve, TCP connect, TLS
// handshake, authentication, permissions, Bookinfo, Istio CRDs, ingress,
// Prometheus) and names the step that fails, with a hint. Steps after a
// failure that makes them meaningless come back as Skip. Prints nothing: the
// command prints the report, and the game can show it when it cannot connect.
#include <functional>
#include <vector>

#include "client/doctor_report.hpp"
#include "client/doctor_state.hpp"

namespace meshlings::k8s {

class Doctor {
public:
    using StepListener = std::function<void(const StepResult&)>;

    explicit Doctor(DoctorOptions options) : m_options(std::move(options)) {}

    // Runs every step in order; `onStep` hears each result as soon as it is
    // known (a step may take up to a few seconds). Never throws for what it
    // finds: every problem is a step's verdict.
    DoctorReport run(const StepListener& onStep = {}) const;

    // All the steps, in the order they run.
    static const std::vector<DoctorStep>& steps();

private:
    DoctorOptions m_options;
};

}  // namespace meshlings::k8s
