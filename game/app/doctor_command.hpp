#pragma once
// `meshlings doctor`: runs the client library's Doctor against the cluster
// the options name (as `meshlings play` would reach it) and prints one line
// per step as it finishes, with a hint under each failure. Exit code 0 when
// no step failed, 1 otherwise.
#include <CLI/CLI.hpp>
#include <string>

#include "client/doctor_report.hpp"

namespace meshlings::app {

class DoctorCommand {
public:
    explicit DoctorCommand(CLI::App& parent);

    bool chosen() const { return m_command->parsed(); }
    int run();

private:
    void printStep(const k8s::StepResult& result) const;
    void printSummary(const k8s::DoctorReport& report) const;
    std::string paint(const std::string& text, const char* color) const;

    CLI::App* m_command;
    std::string m_kubeconfig;
    std::string m_context;
    std::string m_namespace;
    std::string m_ingress;
    std::string m_prometheus;
    int m_timeoutSeconds = 5;
    bool m_color = false;
};

}  // namespace meshlings::app
