#pragma once
// What an informer watches and how it behaves: one resource (any
// ResourceRef) in one namespace or all, optional selectors, client-go's
// page size, watch timeouts and backoff, and the clock and random source,
// injectable so tests decide every delay.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "client/api_paths.hpp"
#include "client/backoff.hpp"
#include "client/clock.hpp"

namespace meshlings::k8s {

struct InformerOptions {
    ResourceRef resource;
    std::string nameSpace;  // "": all namespaces
    std::string labelSelector;
    std::string fieldSelector;
    int pageSize = 500;  // LIST limit; the built-in cluster answers whole lists anyway
    // WATCH timeoutSeconds drawn in [min, 2 x min), as client-go's minWatchTimeout.
    std::chrono::seconds minWatchTimeout{300};
    // A watch that ends cleanly this soon without any event counts as a failure.
    std::chrono::milliseconds shortWatch{1000};
    BackoffPolicy backoff;
    std::shared_ptr<Clock> clock;    // null: RealClock
    std::function<double()> random;  // uniform in [0,1); empty: a generator seeded from the system
};

}  // namespace meshlings::k8s
