#pragma once
// An error the built-in API server answers with: HTTP code, Kubernetes reason
// and message. Thrown by the store and the handlers, turned into a
// meta.k8s.io Status body at the HTTP boundary.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace meshlings::sim {

class ApiError : public std::runtime_error {
public:
    ApiError(int code, std::string reason, const std::string& message, nlohmann::json details = nullptr)
        : std::runtime_error(message), m_code(code), m_reason(std::move(reason)), m_details(std::move(details)) {}

    int code() const { return m_code; }
    const std::string& reason() const { return m_reason; }

    nlohmann::json toStatus() const {
        nlohmann::json status{{"kind", "Status"},    {"apiVersion", "v1"}, {"metadata", nlohmann::json::object()},
                              {"status", "Failure"}, {"message", what()},  {"code", m_code}};
        if (!m_reason.empty()) status["reason"] = m_reason;  // a webhook's denial has none
        if (!m_details.is_null()) status["details"] = m_details;
        return status;
    }

    static ApiError notFound(const std::string& resource, const std::string& name) {
        return {
            404, "NotFound", resource + " \"" + name + "\" not found", {{"name", name}, {"kind", kindOf(resource)}}};
    }
    static ApiError alreadyExists(const std::string& resource, const std::string& name) {
        return {409,
                "AlreadyExists",
                resource + " \"" + name + "\" already exists",
                {{"name", name}, {"kind", kindOf(resource)}}};
    }
    static ApiError conflict(const std::string& resource, const std::string& name) {
        return {409,
                "Conflict",
                "Operation cannot be fulfilled on " + resource + " \"" + name +
                    "\": the object has been modified; please apply your changes to the latest version and try again",
                {{"name", name}, {"kind", kindOf(resource)}}};
    }
    static ApiError badRequest(const std::string& message) { return {400, "BadRequest", message}; }
    static ApiError invalid(const std::string& message) { return {422, "Invalid", message}; }
    static ApiError methodNotAllowed(const std::string& message) { return {405, "MethodNotAllowed", message}; }
    static ApiError gone(const std::string& message) { return {410, "Expired", message}; }

private:
    // "virtualservices.networking.istio.io" -> kind "virtualservices", as the real server fills details.kind.
    static std::string kindOf(const std::string& resource) { return resource.substr(0, resource.find('.')); }

    int m_code;
    std::string m_reason;
    nlohmann::json m_details;
};

}  // namespace meshlings::sim
