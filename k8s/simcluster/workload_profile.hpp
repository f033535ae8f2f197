#pragma once
// How each workload of the built-in cluster behaves: start-up time, own
// latency, errors. Defaults follow the real Bookinfo services (reviews is a
// Java service and starts slowly); annotations on the Deployment change them
// live, so a level, a test or a presenter with `kubectl annotate` can:
//   meshlings.dev/startup-seconds  time from container start to Ready
//   meshlings.dev/latency-ms       extra latency added to every answer
//   meshlings.dev/error-rate       share of answers that are HTTP 500 (0..1)
//   meshlings.dev/exit-code        the app containers exit with this code (0..255) ...
//   meshlings.dev/exit-after-seconds  ... this long after each start (default 5):
//                                  a crash loop (CrashLoopBackOff); istio-proxy never exits
//   meshlings.dev/images           more images the nodes can pull (see ImageCatalog)
// The same annotations on the pod (its template) apply too and win.
#include <nlohmann/json.hpp>
#include <string>

#include "simcluster/sim_time.hpp"

namespace meshlings::sim {

struct WorkloadProfile {
    Millis startup = 1500;         // container start to Ready (median; jittered per pod)
    double latencyMedianMs = 1.0;  // own processing time
    double latencySigma = 0.35;    // log-normal shape
    double extraLatencyMs = 0.0;
    double errorRate = 0.0;
    Millis shutdown = 300;  // app exit after SIGTERM (the sidecar drains longer)
    int exitCode = -1;      // the app containers exit with it after exitAfter; -1: they keep running
    Millis exitAfter = 5000;
    std::string images;  // declared pullable images (meshlings.dev/images)

    // Defaults by the pod's `app` label.
    static WorkloadProfile forApp(const std::string& app);
    // Defaults for the app, overridden by the Deployment's annotations.
    static WorkloadProfile fromDeployment(const nlohmann::json& deployment);
    // Overrides from an object's `meshlings.dev/` annotations (a Deployment's or a pod's).
    void applyAnnotations(const nlohmann::json& object);
};

}  // namespace meshlings::sim
