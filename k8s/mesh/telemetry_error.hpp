#pragma once
// Why a telemetry read failed, worded for the HUD and the log: the step
// (which query, or "connect") and what went wrong. Thrown by the client and
// the answer's decoder; caught by the TelemetrySource's thread.
#include <stdexcept>
#include <string>

namespace meshlings::mesh {

class TelemetryError : public std::runtime_error {
public:
    TelemetryError(const std::string& step, const std::string& what)
        : std::runtime_error("Prometheus " + step + ": " + what), m_step(step) {}
    const std::string& step() const { return m_step; }

private:
    std::string m_step;
};

}  // namespace meshlings::mesh
