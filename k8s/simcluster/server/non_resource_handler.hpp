#pragma once
// The API paths that name no resource: /version, the health checks,
// discovery (aggregated or legacy, as the Accept header asks) and OpenAPI v3.
// Authentication and authorization have already let the request through.
#include <string>

namespace meshlings::sim::http {
struct Request;
class Response;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

class NonResourceHandler {
public:
    explicit NonResourceHandler(std::string advertisedAddress) : m_address(std::move(advertisedAddress)) {}

    // Answers and returns true when `request` is for one of these paths.
    // Throws ApiError 404 for an OpenAPI document that does not exist.
    bool serve(const http::Request& request, http::Response& response) const;

private:
    std::string m_address;  // host:port for APIVersions.serverAddressByClientCIDRs
};

}  // namespace meshlings::sim
