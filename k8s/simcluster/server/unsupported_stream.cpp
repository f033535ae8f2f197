#include "simcluster/server/unsupported_stream.hpp"

#include "simcluster/api_error.hpp"

namespace meshlings::sim {

void UnsupportedStream::reject(const ApiRequest& api) {
    if (api.type->kind != "Pod") return;
    const std::string& sub = api.subresource;
    if (sub != "exec" && sub != "attach" && sub != "portforward") return;
    // kubectl (client-go's websocket round tripper, and its SPDY fallback) decodes a Status body of a
    // refused upgrade into a StatusError and prints `Error from server (MethodNotAllowed): <message>`.
    throw ApiError(405, "MethodNotAllowed",
                   "the built-in cluster does not support pods/" + sub + " (its containers are simulated)",
                   {{"name", api.name}, {"kind", "pods"}});
}

}  // namespace meshlings::sim
