#pragma once
// A stand-in API server for one collection (pods in `default`) that answers
// LIST and WATCH requests from a script, so informer tests can send what the
// built-in cluster never does: continue tokens, lists that are not lists,
// nameless objects, watches that end at once, 410 at a chosen moment. It
// records every request's query. When its script runs out, a LIST gets
// `fallbackList` and a WATCH stays open, with no events, until the client leaves.
#include <httplib.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "client/rest_config.hpp"

namespace meshlings::k8s::testing {

class ScriptedApi {
public:
    struct Reply {
        int status = 200;
        std::string body;
    };

    static constexpr const char* kPath = "/api/v1/namespaces/default/pods";

    // On `port`, or any free one when 0; port() is -1 when it could not bind.
    explicit ScriptedApi(int port = 0) {
        m_server.Get(
            kPath, [this](const httplib::Request& request, httplib::Response& response) { serve(request, response); });
        if (port == 0) {
            m_port = m_server.bind_to_any_port("127.0.0.1");
        } else {
            m_port = m_server.bind_to_port("127.0.0.1", port) ? port : -1;
        }
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        for (int i = 0; i < 500 && !m_server.is_running(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
    ~ScriptedApi() {
        m_closing = true;
        m_server.stop();
        m_thread.join();
    }
    ScriptedApi(const ScriptedApi&) = delete;
    ScriptedApi& operator=(const ScriptedApi&) = delete;

    void list(Reply reply) { push(m_lists, std::move(reply)); }
    void watch(Reply reply) { push(m_watches, std::move(reply)); }
    void setFallbackList(std::string body) {
        std::lock_guard lock(m_mutex);
        m_fallbackList = std::move(body);
    }

    // "list <query>" or "watch <query>", the parameters in name order.
    std::vector<std::string> requests() const {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

    int port() const { return m_port; }

    RestConfig config() const {
        RestConfig config;
        config.server = "http://127.0.0.1:" + std::to_string(m_port);
        config.nameSpace = "default";
        return config;
    }

    // Helpers for bodies.
    static std::string pod(const std::string& name, int version, const std::string& uid = "") {
        return R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":")" + name + R"(","namespace":"default","uid":")" +
               (uid.empty() ? "uid-" + name : uid) + R"(","resourceVersion":")" + std::to_string(version) + R"("}})";
    }
    static std::string podList(int version, const std::vector<std::string>& items,
                               const std::string& continueToken = "") {
        std::string body =
            R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":")" + std::to_string(version) +
            R"(")" + (continueToken.empty() ? "" : R"(,"continue":")" + continueToken + R"(")") + R"(},"items":[)";
        for (std::size_t i = 0; i < items.size(); ++i) body += (i > 0 ? "," : "") + items[i];
        return body + "]}";
    }
    static std::string event(const std::string& type, const std::string& object) {
        return R"({"type":")" + type + R"(","object":)" + object + "}\n";
    }
    static std::string bookmark(int version) {
        return event("BOOKMARK", R"({"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":")" +
                                     std::to_string(version) + R"("}})");
    }
    static std::string status(int code, const std::string& reason, const std::string& message) {
        return R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":")" + message +
               R"(","reason":")" + reason + R"(","code":)" + std::to_string(code) + "}";
    }

private:
    void push(std::deque<Reply>& queue, Reply reply) {
        std::lock_guard lock(m_mutex);
        queue.push_back(std::move(reply));
    }

    void serve(const httplib::Request& request, httplib::Response& response) {
        const bool watching = request.has_param("watch");
        std::string query;
        for (const auto& [name, value] : request.params) query += (query.empty() ? "" : "&") + name + "=" + value;
        std::unique_lock lock(m_mutex);
        m_requests.push_back((watching ? "watch " : "list ") + query);
        auto& script = watching ? m_watches : m_lists;
        if (!script.empty()) {
            const Reply reply = script.front();
            script.pop_front();
            response.status = reply.status;
            response.set_content(reply.body, "application/json");
            return;
        }
        if (!watching) return response.set_content(m_fallbackList, "application/json");
        lock.unlock();
        response.set_chunked_content_provider("application/json", [this](std::size_t, httplib::DataSink& sink) {
            if (m_closing || !sink.is_writable()) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            // A blank line (skipped by decoders) keeps data flowing, so that
            // libcurl, which checks a cancel about once a second when a
            // transfer idles, notices the informer stopping at once.
            return sink.write("\n", 1);
        });
    }

    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    std::atomic<bool> m_closing{false};
    mutable std::mutex m_mutex;
    std::deque<Reply> m_lists;
    std::deque<Reply> m_watches;
    std::vector<std::string> m_requests;
    std::string m_fallbackList = podList(10, {pod("a", 5), pod("b", 6)});
};

}  // namespace meshlings::k8s::testing
