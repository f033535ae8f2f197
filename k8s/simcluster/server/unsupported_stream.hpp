#pragma once
// The streaming subresources of a pod (exec, attach, portforward; kubectl cp
// runs tar through exec) need a container runtime the built-in cluster does
// not have: its containers are simulated. Instead of a failed protocol
// upgrade, kubectl gets a Status it prints as one line.
#include "simcluster/server/api_request.hpp"

namespace meshlings::sim {

class UnsupportedStream {
public:
    // Throws ApiError 405 when `api` names pods/exec, pods/attach or pods/portforward.
    static void reject(const ApiRequest& api);
};

}  // namespace meshlings::sim
