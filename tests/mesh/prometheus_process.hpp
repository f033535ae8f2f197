#pragma once
// A real Prometheus server for the telemetry test, started as the Debian
// package's binary with our own config and a throw-away TSDB (the package's
// systemd service plays no part): it scrapes `target`'s /stats/prometheus
// every second and listens on a free loopback port. Stopped (SIGTERM, then
// waited for) when the object goes; its log stays in the temporary folder
// for a failing test to show.
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace meshlings::mesh::testing {

// A loopback port free right now (bound by us, then closed).
inline int freeLoopbackPort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        if (fd >= 0) close(fd);
        throw std::runtime_error("no free loopback port");
    }
    close(fd);
    return ntohs(address.sin_port);
}

class PrometheusProcess {
public:
    // `target` is host:port of the scraped server.
    explicit PrometheusProcess(const std::string& target) : m_port(freeLoopbackPort()) {
        char pattern[] = "/tmp/meshlings-prometheus-XXXXXX";
        if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
        m_dir = pattern;
        std::ofstream(m_dir / "prometheus.yml") << "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                                                   "scrape_configs:\n  - job_name: mesh\n"
                                                   "    metrics_path: /stats/prometheus\n"
                                                   "    static_configs:\n      - targets: ['"
                                                << target << "']\n";
        const std::vector<std::string> args{"prometheus", "--config.file=" + (m_dir / "prometheus.yml").string(),
                                            "--storage.tsdb.path=" + (m_dir / "data").string(),
                                            "--web.listen-address=127.0.0.1:" + std::to_string(m_port),
                                            "--log.level=warn"};
        std::vector<char*> argv;
        for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        const std::string log = (m_dir / "prometheus.log").string();
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        const int failed = posix_spawnp(&m_pid, "prometheus", &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (failed != 0) {
            m_pid = -1;
            throw std::runtime_error("cannot start `prometheus` (Debian package prometheus; tests/run.sh installs it)");
        }
    }
    ~PrometheusProcess() {
        stop();
        std::error_code ignored;
        std::filesystem::remove_all(m_dir, ignored);
    }
    PrometheusProcess(const PrometheusProcess&) = delete;
    PrometheusProcess& operator=(const PrometheusProcess&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    int port() const { return m_port; }

    // Waits until /-/ready answers 200 and the target has been scraped at least once; false after `limit`.
    bool awaitScraping(std::chrono::seconds limit) const {
        httplib::Client client("127.0.0.1", m_port);
        client.set_connection_timeout(1, 0);
        const auto end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            const auto answer = client.Get("/api/v1/query?query=up");
            if (answer && answer->status == 200 && answer->body.find("\"1\"]") != std::string::npos) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
        return false;
    }

    std::string log() const {
        std::ifstream in(m_dir / "prometheus.log");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

    void stop() {
        if (m_pid <= 0) return;
        kill(m_pid, SIGTERM);
        int status = 0;
        waitpid(m_pid, &status, 0);
        m_pid = -1;
    }

private:
    int m_port;
    std::filesystem::path m_dir;
    pid_t m_pid = -1;
};

}  // namespace meshlings::mesh::testing
