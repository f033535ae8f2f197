// Issue 17 case 4 at the client: a write whose answer is lost is not sent
// again blindly. A raw loopback HTTP/1.1 server keeps connections alive,
// answers GETs with a VirtualService, and on a PATCH applies it and closes
// the connection without a byte of answer (what a proxy or a dying API
// server does).
//   Expected: the PATCH reaches the server once; the client reads the object
//   back, sees the patch applied and returns it; the audit log has one line.
//   Observed before: libcurl silently sent the PATCH again on a fresh
//   connection (a reused connection that answers nothing is retried), so
//   the server got it twice, and the call still failed.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "client/audit_log.hpp"
#include "client/kube_client.hpp"
#include "client/status_error.hpp"
#include "client/transport_error.hpp"

using namespace meshlings::k8s;
using Json = nlohmann::json;

namespace {

constexpr const char* kLostVsPath = "/apis/networking.istio.io/v1/namespaces/default/virtualservices/reviews";

Json lostRoute(int v1, int v3) {
    return Json::array({{{"destination", {{"host", "reviews"}, {"subset", "v1"}}}, {"weight", v1}},
                        {{"destination", {{"host", "reviews"}, {"subset", "v3"}}}, {"weight", v3}}});
}

// The raw server: one thread per connection, each polling so stop() ends it.
class AnswerDroppingServer {
public:
    // `applies`: a PATCH takes effect before its connection closes (else it is lost unread).
    explicit AnswerDroppingServer(bool applies = true) : m_applies(applies) {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(m_listener, 16) == 0);
        socklen_t length = sizeof address;
        ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_acceptor = std::thread([this] { acceptLoop(); });
    }
    ~AnswerDroppingServer() {
        m_stop = true;
        m_acceptor.join();
        for (auto& thread : m_connections) thread.join();
        ::close(m_listener);
    }
    AnswerDroppingServer(const AnswerDroppingServer&) = delete;
    AnswerDroppingServer& operator=(const AnswerDroppingServer&) = delete;

    int patches() const { return m_patches; }
    RestConfig config() const {
        RestConfig config;
        config.server = "http://127.0.0.1:" + std::to_string(m_port);
        config.nameSpace = "default";
        return config;
    }

private:
    bool readable(int fd) const {
        while (!m_stop) {
            pollfd entry{fd, POLLIN, 0};
            if (::poll(&entry, 1, 50) > 0) return true;
        }
        return false;
    }

    void acceptLoop() {
        while (readable(m_listener)) {
            const int fd = ::accept(m_listener, nullptr, nullptr);
            if (fd < 0) continue;
            m_connections.emplace_back([this, fd] { serve(fd); });
        }
    }

    // Reads requests one by one: GET is answered (keep-alive), PATCH is applied and the connection closed.
    void serve(int fd) {
        serveRequests(fd);
        ::close(fd);
    }

    void serveRequests(int fd) {
        std::string buffer;
        char chunk[4096];
        while (true) {
            std::size_t headerEnd;
            while ((headerEnd = buffer.find("\r\n\r\n")) == std::string::npos) {
                if (!readable(fd)) return;
                const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
                if (n <= 0) return;
                buffer.append(chunk, static_cast<std::size_t>(n));
            }
            const std::string head = buffer.substr(0, headerEnd);
            std::size_t bodyLength = 0;
            if (const auto at = head.find("Content-Length: "); at != std::string::npos)
                bodyLength = std::stoul(head.substr(at + 16));
            while (buffer.size() < headerEnd + 4 + bodyLength) {
                if (!readable(fd)) return;
                const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
                if (n <= 0) return;
                buffer.append(chunk, static_cast<std::size_t>(n));
            }
            buffer.erase(0, headerEnd + 4 + bodyLength);
            if (head.rfind("PATCH ", 0) == 0) {
                ++m_patches;
                if (m_applies) m_applied = true;
                return;  // applied, and not a byte of answer
            }
            const std::string body = object().dump();
            const std::string reply =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\n\r\n" + body;
            ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
        }
    }

    Json object() const {
        const bool applied = m_applied;
        return {
            {"apiVersion", "networking.istio.io/v1"},
            {"kind", "VirtualService"},
            {"metadata",
             {{"name", "reviews"}, {"namespace", "default"}, {"uid", "u-1"}, {"resourceVersion", applied ? "2" : "1"}}},
            {"spec",
             {{"hosts", {"reviews"}},
              {"http", Json::array({{{"route", applied ? lostRoute(0, 100) : lostRoute(100, 0)}}})}}}};
    }

    bool m_applies;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_patches{0};
    std::atomic<bool> m_applied{false};
    std::thread m_acceptor;
    std::vector<std::thread> m_connections;  // touched by the acceptor only, then joined after it
};

}  // namespace

TEST_CASE("lost answer: a PATCH whose answer never comes is sent once, and read back as applied") {
    AnswerDroppingServer server;
    const auto auditFile = std::filesystem::temp_directory_path() / "meshlings-lost-answer-test" / "audit.jsonl";
    std::filesystem::remove_all(auditFile.parent_path());
    RestConfig config = server.config();
    config.audit = std::make_shared<AuditLog>(auditFile);
    ClientOptions options;
    options.qps = -1;
    KubeClient client(config, options);

    const Json before = client.get(kLostVsPath);  // leaves a kept-alive connection in the pool
    REQUIRE(before["metadata"]["resourceVersion"] == "1");
    const Json patch = Json::array({{{"op", "test"}, {"path", "/metadata/resourceVersion"}, {"value", "1"}},
                                    {{"op", "replace"}, {"path", "/spec/http/0/route"}, {"value", lostRoute(0, 100)}}});
    Json answer;
    try {
        answer = client.patch(kLostVsPath, patch, PatchType::JsonPatch);
    } catch (const std::exception& e) {
        FAIL_CHECK("the patch failed: " << std::string(e.what()));
    }
    CHECK(server.patches() == 1);
    CHECK(answer["metadata"]["resourceVersion"] == "2");

    std::ifstream in(auditFile);
    std::vector<Json> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["result"]["outcome"] == "answer lost; read back: applied");
    std::filesystem::remove_all(auditFile.parent_path());
}

TEST_CASE("lost answer: a merge patch without a precondition that the read-back does not show applied is not resent") {
    AnswerDroppingServer server;
    ClientOptions options;
    options.qps = -1;
    KubeClient client(server.config(), options);
    client.get(kLostVsPath);  // a kept-alive connection, as in a session
    // A merge patch without a precondition that the server "applies" to a different route than asked:
    // the read-back cannot call it applied, and it is not sent again.
    const Json patch = {{"spec", {{"http", Json::array({{{"route", lostRoute(50, 50)}}})}}}};
    CHECK_THROWS_AS(client.patch(kLostVsPath, patch, PatchType::Merge), TransportError);
    CHECK(server.patches() == 1);
}

TEST_CASE("lost answer: a PATCH read back as not applied is sent once more, as its resourceVersion test makes safe") {
    AnswerDroppingServer server(false);
    const auto auditFile = std::filesystem::temp_directory_path() / "meshlings-lost-answer-resend" / "audit.jsonl";
    std::filesystem::remove_all(auditFile.parent_path());
    RestConfig config = server.config();
    config.audit = std::make_shared<AuditLog>(auditFile);
    ClientOptions options;
    options.qps = -1;
    KubeClient client(config, options);
    const Json patch = Json::array({{{"op", "test"}, {"path", "/metadata/resourceVersion"}, {"value", "1"}},
                                    {{"op", "replace"}, {"path", "/spec/http/0/route"}, {"value", lostRoute(0, 100)}}});
    CHECK_THROWS_AS(client.patch(kLostVsPath, patch, PatchType::JsonPatch), TransportError);
    CHECK(server.patches() == 2);  // the first, and one safe resend; never a third

    std::ifstream in(auditFile);
    std::vector<Json> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["result"]["outcome"] ==
          "answer lost; read back: not applied; sent once more (its precondition makes that safe)");
    CHECK(lines[1]["result"]["outcome"] == "answer lost; read back: not applied");
    std::filesystem::remove_all(auditFile.parent_path());
}
