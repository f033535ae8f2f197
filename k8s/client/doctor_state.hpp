#pragma once
// What the doctor's checks hand on to the next: the options it was given, the
// kubeconfig and RestConfig once read, the address to dial and what it
// resolved to, and a client once the server has accepted our credentials.
// Owned by one Doctor::run; each check reads what earlier ones left.
#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/kube_client.hpp"
#include "client/kubeconfig.hpp"
#include "client/rest_config.hpp"
#include "client/server_address.hpp"

namespace meshlings::k8s {

struct DoctorOptions {
    ConnectionOptions connection;                     // --kubeconfig, --context, --namespace
    std::string ingressUrl;                           // --ingress; empty: the built-in cluster's annotation, if any
    std::string prometheusUrl;                        // --prometheus; empty: that step is skipped
    std::chrono::milliseconds networkTimeout{5000};   // each of resolve, TCP connect, TLS handshake
    std::chrono::milliseconds requestTimeout{15000};  // each API, ingress or Prometheus request
};

struct ResolvedAddress {
    sockaddr_storage address{};
    socklen_t length = 0;
    std::string text;  // "127.0.0.1", "::1"
};

struct DoctorState {
    DoctorOptions options;
    std::optional<Kubeconfig> kubeconfig;  // empty with the in-cluster configuration
    std::optional<RestConfig> config;
    std::optional<ServerAddress> server;  // the API server as the kubeconfig names it
    std::optional<ServerAddress> dial;    // what to resolve and connect to: the server or its proxy
    std::vector<ResolvedAddress> addresses;
    std::unique_ptr<KubeClient> client;  // set once the server accepted the credentials
    std::string identity;                // who the server says we are, when it says so
    std::string ingressUrl;              // the ingress that served a page (given or announced)
};

}  // namespace meshlings::k8s
