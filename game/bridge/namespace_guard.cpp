#include "bridge/namespace_guard.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <utility>

namespace meshlings::bridge {
namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

NamespaceGuard::NamespaceGuard(std::string target, NamespacePolicy policy, std::string ownNamespace)
    : m_target(std::move(target)), m_policy(std::move(policy)), m_own(std::move(ownNamespace)) {}

std::string NamespaceGuard::ownNamespace(const std::string& namespaceFile) {
    if (const char* env = std::getenv("POD_NAMESPACE"); env != nullptr && *env != '\0') return env;
    std::ifstream in(namespaceFile);
    std::string line;
    if (in && std::getline(in, line)) return line;
    return {};
}

bool NamespaceGuard::isProtected(const std::string& nameSpace) const {
    return nameSpace == "kube-system" || nameSpace == "kube-public" || nameSpace == "istio-system" ||
           (!m_own.empty() && nameSpace == m_own);
}

std::string NamespaceGuard::refusal(const std::string& nameSpace) const {
    if (contains(m_policy.allowedSystem, nameSpace)) return {};
    if (isProtected(nameSpace)) {
        const std::string why = nameSpace == m_own ? "Meshlings runs in it" : "a system namespace";
        return "namespace " + nameSpace + " is protected (" + why + "): allow it with --allow-system-namespace " +
               nameSpace;
    }
    if (nameSpace == m_target || contains(m_policy.allowed, nameSpace)) return {};
    return "namespace " + nameSpace + " is not allowed (the target is " + m_target +
           "): allow it with --allow-namespace " + nameSpace;
}

}  // namespace meshlings::bridge
