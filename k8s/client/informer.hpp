#pragma once
// An informer, as client-go has them: a reflector listing and watching one
// resource on its own thread, a cache the game reads whenever it likes, and
// a queue of changes the game drains at a tick boundary. The game owns the
// informer; the informer owns its thread, cache, queue and clock, and uses
// a KubeClient that must outlive it. start() launches the thread; stop() and
// the destructor end it promptly: a backoff wait is woken at once, an open
// watch is cut (libcurl notices within about a second when the stream is
// idle), a LIST in flight is awaited.
#include <atomic>
#include <memory>
#include <stop_token>
#include <string>
#include <thread>

#include "client/event_queue.hpp"
#include "client/informer_cache.hpp"
#include "client/informer_options.hpp"
#include "client/kube_client.hpp"
#include "client/reflector.hpp"

namespace meshlings::k8s {

class Informer {
public:
    Informer(KubeClient& client, InformerOptions options);
    ~Informer();
    Informer(const Informer&) = delete;
    Informer& operator=(const Informer&) = delete;

    // Starts the thread; does nothing when it runs. After a stop() it goes
    // on from the cache it has (a watch from the last version, no relist).
    void start();
    // Asks the thread to end (an open watch is cut within 50 ms) without waiting.
    void requestStop();
    // Returns once the thread has ended.
    void stop();
    bool running() const { return m_thread.joinable(); }

    bool synced() const { return m_cache.synced(); }
    const InformerCache& cache() const { return m_cache; }
    EventQueue& events() { return m_queue; }
    const InformerOptions& options() const { return m_options; }
    const ReflectorStats& stats() const { return m_reflector->stats(); }
    std::string lastResourceVersion() const { return m_reflector->lastResourceVersion(); }

private:
    static std::function<double()> systemRandom();

    InformerOptions m_options;
    std::shared_ptr<Clock> m_clock;
    InformerCache m_cache;
    EventQueue m_queue;
    std::unique_ptr<Reflector> m_reflector;
    std::stop_source m_stop;
    CancelFlag m_cancel;
    std::thread m_thread;
};

}  // namespace meshlings::k8s
