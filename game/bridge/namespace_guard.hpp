#pragma once
// Which namespaces the game may change. The target namespace (the config's)
// and those named by --allow-namespace are allowed; kube-system, kube-public,
// istio-system and the namespace Meshlings itself runs in (POD_NAMESPACE, or
// the in-cluster service account's namespace file) are refused even then,
// unless --allow-system-namespace names them. The RequestRouter refuses every
// request when the target is refused, so a refused namespace is never sent one.
#include <string>
#include <vector>

namespace meshlings::bridge {

struct NamespacePolicy {
    std::vector<std::string> allowed;        // --allow-namespace, besides the target
    std::vector<std::string> allowedSystem;  // --allow-system-namespace
};

class NamespaceGuard {
public:
    static constexpr const char* kServiceAccountNamespaceFile =
        "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    // `ownNamespace`: where Meshlings runs (empty: outside a cluster).
    NamespaceGuard(std::string target, NamespacePolicy policy, std::string ownNamespace);

    // POD_NAMESPACE, else the first line of `namespaceFile`, else empty.
    static std::string ownNamespace(const std::string& namespaceFile = kServiceAccountNamespaceFile);

    // Why a change in `nameSpace` is refused ("namespace kube-system is
    // protected: ..."), or empty when it is allowed.
    std::string refusal(const std::string& nameSpace) const;

private:
    bool isProtected(const std::string& nameSpace) const;

    std::string m_target;
    NamespacePolicy m_policy;
    std::string m_own;
};

}  // namespace meshlings::bridge
