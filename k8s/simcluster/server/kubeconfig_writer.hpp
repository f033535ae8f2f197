#pragma once
// The kubeconfig `meshlings cluster --kubeconfig-out` writes: one cluster
// (with the CA inline when the API speaks HTTPS), and a context and user per
// identity, the first being the current context, namespace default. Users
// carry `token:` or `client-certificate-data`/`client-key-data`, or nothing
// (`user: {}`) when the server neither authenticates nor speaks HTTPS.
#include <string>
#include <vector>

#include "simcluster/server/identity.hpp"

namespace meshlings::sim {

class KubeconfigWriter {
public:
    // `caCertificate`: PEM, empty for a plain HTTP server.
    static std::string render(const std::string& server, const std::string& caCertificate,
                              const std::vector<Identity>& identities);
    // Writes `text` readable by its owner only (it holds credentials); throws std::runtime_error.
    static void writeFile(const std::string& path, const std::string& text);
    static std::string base64(const std::string& bytes);
};

}  // namespace meshlings::sim
