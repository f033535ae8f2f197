#pragma once
// A user of the built-in cluster as its kubeconfig hands it out: the context
// that selects it, who it is, and its credential for the server's
// authentication mode (a bearer token, or a client certificate and key; none
// when the server does not authenticate). Secrets: never print them.
#include <string>

#include "simcluster/server/tls_material.hpp"
#include "simcluster/server/user_info.hpp"

namespace meshlings::sim {

struct Identity {
    std::string context;  // "meshlings" for the admin, "meshlings-viewer"
    UserInfo user;
    std::string token;          // AuthMode::Token
    PemPair clientCertificate;  // AuthMode::Cert
};

}  // namespace meshlings::sim
