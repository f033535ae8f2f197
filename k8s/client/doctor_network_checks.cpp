#include "client/doctor_network_checks.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

namespace meshlings::k8s {

namespace {

struct AddrInfoDeleter {
    void operator()(addrinfo* list) const { freeaddrinfo(list); }
};

// A socket closed when it goes out of scope.
class SocketFd {
public:
    explicit SocketFd(int fd) : m_fd(fd) {}
    ~SocketFd() {
        if (m_fd >= 0) close(m_fd);
    }
    SocketFd(const SocketFd&) = delete;
    SocketFd& operator=(const SocketFd&) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

// One getaddrinfo call shared with the thread that makes it, so the caller
// can stop waiting while a slow resolver keeps the thread busy.
struct Lookup {
    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
    int code = 0;
    std::vector<ResolvedAddress> addresses;
};

std::string addressText(const sockaddr* address) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw = address->sa_family == AF_INET6
                          ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr)
                          : static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(address)->sin_addr);
    inet_ntop(address->sa_family, raw, text, sizeof text);
    return text;
}

void resolveInto(const std::shared_ptr<Lookup>& lookup, const std::string& host, const std::string& port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* raw = nullptr;
    const int code = getaddrinfo(host.c_str(), port.c_str(), &hints, &raw);
    const std::unique_ptr<addrinfo, AddrInfoDeleter> list(raw);
    std::vector<ResolvedAddress> addresses;
    for (const addrinfo* entry = list.get(); code == 0 && entry; entry = entry->ai_next) {
        if (entry->ai_addrlen > sizeof(sockaddr_storage)) continue;
        ResolvedAddress address;
        std::memcpy(&address.address, entry->ai_addr, entry->ai_addrlen);
        address.length = entry->ai_addrlen;
        address.text = addressText(entry->ai_addr);
        const bool seen = std::any_of(addresses.begin(), addresses.end(),
                                      [&](const ResolvedAddress& a) { return a.text == address.text; });
        if (!seen) addresses.push_back(std::move(address));
    }
    std::lock_guard lock(lookup->mutex);
    lookup->code = code;
    lookup->addresses = std::move(addresses);
    lookup->finished = true;
    lookup->done.notify_all();
}

bool underInvalid(std::string host) {
    while (!host.empty() && host.back() == '.') host.pop_back();
    for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return host == "invalid" || host.ends_with(".invalid");
}

std::string resolveHint(const DoctorState& state) {
    return "check the server address in cluster \"" + state.config->clusterName + "\" of " + state.config->source +
           "; a VPN or corporate DNS may be needed to resolve it";
}

std::string addressList(const std::vector<ResolvedAddress>& addresses) {
    std::string out;
    for (std::size_t i = 0; i < addresses.size() && i < 4; ++i) out += (i ? ", " : "") + addresses[i].text;
    if (addresses.size() > 4) out += ", +" + std::to_string(addresses.size() - 4) + " more";
    return out;
}

// Connects without blocking longer than `timeout`; 0 on success, else an errno.
int connectWithin(const ResolvedAddress& address, std::chrono::milliseconds timeout) {
    const SocketFd socketFd(socket(address.address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (socketFd.get() < 0) return errno;
    if (connect(socketFd.get(), reinterpret_cast<const sockaddr*>(&address.address), address.length) == 0) return 0;
    if (errno != EINPROGRESS) return errno;
    pollfd fd{socketFd.get(), POLLOUT, 0};
    const int ready = poll(&fd, 1, static_cast<int>(timeout.count()));
    if (ready == 0) return ETIMEDOUT;
    if (ready < 0) return errno;
    int error = 0;
    socklen_t length = sizeof error;
    if (getsockopt(socketFd.get(), SOL_SOCKET, SO_ERROR, &error, &length) != 0) return errno;
    return error;
}

}  // namespace

StepResult checkResolve(DoctorState& state) {
    const ServerAddress& dial = *state.dial;
    const std::string what = dial.host == state.server->host ? "" : " (the proxy)";
    if (underInvalid(dial.host)) {
        return {DoctorStep::Resolve, Verdict::Fail,
                dial.host + what + " does not resolve: names under .invalid never do (RFC 6761)", resolveHint(state)};
    }
    auto lookup = std::make_shared<Lookup>();
    std::thread(resolveInto, lookup, dial.host, std::to_string(dial.port)).detach();
    std::unique_lock lock(lookup->mutex);
    if (!lookup->done.wait_for(lock, state.options.networkTimeout, [&] { return lookup->finished; })) {
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(state.options.networkTimeout).count();
        return {DoctorStep::Resolve, Verdict::Fail,
                dial.host + what + ": no answer from DNS within " + std::to_string(seconds) + " s",
                "is this machine online, and is its DNS server reachable? " + resolveHint(state)};
    }
    if (lookup->code != 0 || lookup->addresses.empty()) {
        const std::string reason = lookup->code != 0 ? gai_strerror(lookup->code) : "no address";
        return {DoctorStep::Resolve, Verdict::Fail, dial.host + what + " does not resolve (" + reason + ")",
                resolveHint(state)};
    }
    state.addresses = std::move(lookup->addresses);
    if (dial.ipLiteral())
        return {DoctorStep::Resolve, Verdict::Ok, dial.host + what + " is an IP address, nothing to resolve", ""};
    return {DoctorStep::Resolve, Verdict::Ok, dial.host + what + " -> " + addressList(state.addresses), ""};
}

StepResult checkTcpConnect(DoctorState& state) {
    const ServerAddress& dial = *state.dial;
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(state.options.networkTimeout).count();
    std::string failures;
    bool timedOut = false;
    for (const auto& address : state.addresses) {
        const auto started = std::chrono::steady_clock::now();
        const int error = connectWithin(address, state.options.networkTimeout);
        const auto took =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        const std::string where = (address.address.ss_family == AF_INET6 ? "[" + address.text + "]" : address.text) +
                                  ":" + std::to_string(dial.port);
        if (error == 0) {
            return {DoctorStep::TcpConnect, Verdict::Ok,
                    where + " accepts connections (" + std::to_string(took.count()) + " ms)", ""};
        }
        timedOut = timedOut || error == ETIMEDOUT;
        const std::string reason =
            error == ETIMEDOUT ? "no answer within " + std::to_string(seconds) + " s" : std::strerror(error);
        failures += (failures.empty() ? "" : "; ") + where + ": " + reason;
    }
    std::string hint =
        timedOut
            ? "a firewall may drop the packets, or the address is not the cluster's; check VPN and security groups"
            : "is the API server running at that port? for the built-in cluster run `meshlings cluster` and use the "
              "kubeconfig it writes (the port changes at each start unless --listen fixes it)";
    return {DoctorStep::TcpConnect, Verdict::Fail, "nothing accepts a connection: " + failures, hint};
}

}  // namespace meshlings::k8s
