#pragma once
// A kubeconfig (or in-cluster configuration) that cannot be used; the message
// names the file and the field at fault, and never holds a secret.
#include <stdexcept>

namespace meshlings::k8s {

class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace meshlings::k8s
