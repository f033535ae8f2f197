#pragma once
// The loop behind an informer, after client-go's Reflector: LIST (first from
// resourceVersion "0"), then WATCH from the list's resourceVersion with
// bookmarks and a random timeout, remembering the last resourceVersion seen.
// A watch that ends cleanly is resumed from there; 410 Expired (an HTTP
// answer or an ERROR event) relists from it, then from "" if that is gone
// too; anything else (a cut stream, a refused connection, 429, 5xx, a bad
// body or object) is reported, waited out with backoff, and the watch
// resumed. Never relists in steady state. Runs on the informer's thread,
// which owns it; it writes the cache and the queue that the informer owns.
#include <atomic>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>

#include "client/backoff.hpp"
#include "client/event_queue.hpp"
#include "client/informer_cache.hpp"
#include "client/informer_options.hpp"
#include "client/kube_client.hpp"
#include "client/list_pager.hpp"

namespace meshlings::k8s {

struct ReflectorStats {
    std::atomic<long> lists{0};    // LIST calls (each relist, and its retry from "", counts)
    std::atomic<long> relists{0};  // successful lists after the first
    std::atomic<long> watches{0};
    std::atomic<long> failures{0};  // each backoff
};

class Reflector {
public:
    // All references must outlive the reflector.
    Reflector(KubeClient& client, const InformerOptions& options, Clock& clock, std::function<double()> random,
              InformerCache& cache, EventQueue& queue);

    // Lists and watches until `stop` is requested; `cancel` must be cancelled
    // with it, which cuts an open watch. Never throws.
    void run(const std::stop_token& stop, CancelFlag& cancel);

    const ReflectorStats& stats() const { return m_stats; }
    std::string lastResourceVersion() const;

private:
    struct WatchRun {
        long events = 0;  // ADDED/MODIFIED/DELETED/BOOKMARK received
        bool expired = false;
        std::string error;  // why the watch was given up, when it was
    };

    void listOnce(const std::stop_token& stop);
    void watchOnce(const std::stop_token& stop, CancelFlag& cancel);
    bool onEvent(WatchEvent&& event, const std::stop_token& stop);
    void fail(const std::string& step, const std::string& error, const std::stop_token& stop);
    void healthy();
    void setLastResourceVersion(const std::string& version);
    int drawWatchTimeout();
    std::string listStep() const;
    std::string watchStep() const;

    KubeClient& m_client;
    const InformerOptions& m_options;
    Clock& m_clock;
    std::function<double()> m_random;
    InformerCache& m_cache;
    EventQueue& m_queue;
    ListPager m_pager;
    Backoff m_backoff;
    std::string m_collection;
    std::string m_what;  // "pods in default", for messages
    ReflectorStats m_stats;

    mutable std::mutex m_versionMutex;
    std::string m_lastVersion;
    std::string m_listFrom = "0";  // the resourceVersion the next LIST asks for
    bool m_needList = true;
    bool m_justListed = false;
    bool m_disconnected = false;
    WatchRun m_run;
};

}  // namespace meshlings::k8s
