// proxy-url: requests go through a real HTTP proxy (tinyproxy, a Debian
// package that tests/run.sh installs), loopback included as Go does for an
// explicit proxy; when the proxy is gone the failure says so.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "client/core_calls.hpp"
#include "client/transport_error.hpp"
#include "cluster_fixture.hpp"
#include "common/json_access_common.hpp"

using namespace meshlings::k8s;
namespace fs = std::filesystem;

namespace {

int freePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

// tinyproxy in the foreground on a loopback port, logging each request.
class Tinyproxy {
public:
    Tinyproxy()
        : m_dir(fs::temp_directory_path() / ("meshlings-proxy-" + std::to_string(getpid()))), m_port(freePort()) {
        fs::create_directories(m_dir);
        std::ofstream(m_dir / "tinyproxy.conf")
            << "Port " << m_port << "\nListen 127.0.0.1\nAllow 127.0.0.1\nTimeout 60\n"
            << "LogFile \"" << (m_dir / "log").string() << "\"\nLogLevel Info\nMaxClients 20\n";
        const std::string config = (m_dir / "tinyproxy.conf").string();
        const char* argv[] = {"tinyproxy", "-d", "-c", config.c_str(), nullptr};
        REQUIRE_MESSAGE(posix_spawnp(&m_pid, "tinyproxy", nullptr, nullptr, const_cast<char**>(argv), environ) == 0,
                        "tinyproxy is needed (apt-get install tinyproxy; tests/run.sh installs it)");
        for (int i = 0; i < 100 && !listening(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ~Tinyproxy() {
        stop();
        fs::remove_all(m_dir);
    }
    void stop() {
        if (m_pid <= 0) return;
        kill(m_pid, SIGTERM);
        waitpid(m_pid, nullptr, 0);
        m_pid = -1;
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    std::string log() const {
        std::ifstream in(m_dir / "log");
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

private:
    bool listening() const {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(m_port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        close(fd);
        return ok;
    }

    fs::path m_dir;
    int m_port;
    pid_t m_pid = -1;
};

}  // namespace

TEST_CASE("proxy-url sends requests through the proxy, and a missing proxy is named") {
    testing::ClusterFixture fixture;
    Tinyproxy proxy;
    RestConfig config = fixture.restConfig();
    config.proxyUrl = proxy.url();
    ClientOptions options;
    options.qps = -1;
    KubeClient client(config, options);
    CHECK(meshlings::json_access::array(listPods(client), "items").size() == 6);
    CHECK(proxy.log().find("/api/v1/namespaces/default/pods") != std::string::npos);

    proxy.stop();
    KubeClient fresh(config, options);
    try {
        listPods(fresh);
        FAIL("expected a transport error");
    } catch (const TransportError& e) {
        CHECK((e.failure() == TransportFailure::Proxy || e.failure() == TransportFailure::Connect));
        CHECK(std::string(e.what()).find("proxy") != std::string::npos);
    }
}
