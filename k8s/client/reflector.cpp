#include "client/reflector.hpp"

#include <algorithm>

#include "client/status_error.hpp"
#include "client/transport_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::k8s {

namespace ja = json_access;

namespace {

ListOptions pageOptions(const InformerOptions& options) {
    ListOptions list;
    list.labelSelector = options.labelSelector;
    list.fieldSelector = options.fieldSelector;
    list.limit = options.pageSize;
    return list;
}

std::string describeResource(const InformerOptions& options) {
    std::string what = options.resource.plural;
    if (!options.resource.group.empty()) what += "." + options.resource.group;
    return what + (options.nameSpace.empty() ? " in all namespaces" : " in " + options.nameSpace);
}

InformerEvent notice(InformerEventKind kind, std::string message) {
    InformerEvent event;
    event.kind = kind;
    event.message = std::move(message);
    return event;
}

}  // namespace

Reflector::Reflector(KubeClient& client, const InformerOptions& options, Clock& clock, std::function<double()> random,
                     InformerCache& cache, EventQueue& queue)
    : m_client(client),
      m_options(options),
      m_clock(clock),
      m_random(std::move(random)),
      m_cache(cache),
      m_queue(queue),
      m_pager(client, options.resource.collection(options.nameSpace), pageOptions(options)),
      m_backoff(options.backoff, clock, m_random),
      m_collection(options.resource.collection(options.nameSpace)),
      m_what(describeResource(options)) {}

std::string Reflector::lastResourceVersion() const {
    std::lock_guard lock(m_versionMutex);
    return m_lastVersion;
}

void Reflector::setLastResourceVersion(const std::string& version) {
    if (version.empty()) return;
    std::lock_guard lock(m_versionMutex);
    m_lastVersion = version;
}

std::string Reflector::listStep() const {
    return "list " + m_what;
}

std::string Reflector::watchStep() const {
    return "watch " + m_what + " from resourceVersion " + lastResourceVersion();
}

int Reflector::drawWatchTimeout() {
    const double r = m_random ? std::clamp(m_random(), 0.0, 0.999999) : 0.0;
    return static_cast<int>(static_cast<double>(m_options.minWatchTimeout.count()) * (1.0 + r));
}

void Reflector::run(const std::stop_token& stop, CancelFlag& cancel) {
    while (!stop.stop_requested()) {
        const bool listing = m_needList;
        try {
            if (listing) {
                listOnce(stop);
            } else {
                watchOnce(stop, cancel);
            }
        } catch (const std::exception& e) {
            if (stop.stop_requested()) return;
            try {
                fail(listing ? listStep() : watchStep(), e.what(), stop);
            } catch (...) {  // only allocation failures get here: wait a moment and go on
                m_clock.sleepFor(m_options.backoff.cap, stop);
            }
        } catch (...) {
            if (stop.stop_requested()) return;
            m_clock.sleepFor(m_options.backoff.cap, stop);
        }
    }
}

void Reflector::listOnce(const std::stop_token& stop) {
    ListResult result;
    ++m_stats.lists;
    try {
        result = m_pager.list(m_listFrom);
    } catch (const StatusError& e) {
        // The version asked for is gone too: read the latest, as client-go does
        // once it marks the last synced version unavailable.
        if (!e.expired() || m_listFrom.empty()) throw;
        m_listFrom.clear();
        ++m_stats.lists;
        result = m_pager.list(m_listFrom);
    }
    if (stop.stop_requested()) return;
    const std::string askedFor = m_listFrom;
    auto changes = m_cache.replace(result.items);
    const bool first = !m_cache.synced();
    healthy();
    m_queue.push(std::move(changes));
    m_cache.markSynced();
    setLastResourceVersion(result.resourceVersion);
    InformerEvent done = notice(first ? InformerEventKind::Synced : InformerEventKind::Relisted,
                                (first ? "listed " : "relisted ") + m_what + " (resourceVersion=\"" + askedFor +
                                    "\" asked, " + std::to_string(m_cache.size()) + " objects)");
    done.resourceVersion = result.resourceVersion;
    if (!first) ++m_stats.relists;
    m_queue.push(std::move(done));
    m_needList = false;
    m_justListed = true;
}

void Reflector::watchOnce(const std::stop_token& stop, CancelFlag& cancel) {
    WatchOptions options;
    options.resourceVersion = lastResourceVersion();
    options.labelSelector = m_options.labelSelector;
    options.fieldSelector = m_options.fieldSelector;
    options.timeoutSeconds = drawWatchTimeout();
    options.allowBookmarks = true;
    const bool justListed = std::exchange(m_justListed, false);
    const auto started = m_clock.now();
    m_run = WatchRun{};
    ++m_stats.watches;
    try {
        m_client.watch(
            m_collection + options.toQuery(), [&](WatchEvent&& event) { return onEvent(std::move(event), stop); },
            cancel);
    } catch (const StatusError& e) {
        if (!e.expired()) throw;
        m_run.expired = true;
        m_run.error = e.what();
    }
    if (stop.stop_requested()) return;
    if (m_run.expired) {
        // Relist from the last version seen; but a 410 straight after a list
        // means the server is confused, so wait first rather than spin.
        m_needList = true;
        m_listFrom = lastResourceVersion();
        if (justListed && m_run.events == 0) fail(watchStep(), "expired right after a list: " + m_run.error, stop);
        return;
    }
    if (!m_run.error.empty()) return fail(watchStep(), m_run.error, stop);
    const auto lasted = std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.now() - started);
    if (m_run.events == 0 && lasted < m_options.shortWatch) {
        return fail(watchStep(),
                    "very short watch: it ended after " + std::to_string(lasted.count()) + " ms without an event",
                    stop);
    }
    healthy();
}

bool Reflector::onEvent(WatchEvent&& event, const std::stop_token& stop) {
    if (stop.stop_requested()) return false;
    if (event.type == WatchEventType::Error) {
        const std::string message = ja::text(event.object, "message", "no message");
        const std::string reason = ja::text(event.object, "reason");
        const auto code = ja::integer(event.object, "code", 0);
        m_run.expired = code == 410 || reason == "Expired" || reason == "Gone";
        m_run.error = "ERROR event " + std::to_string(code) + (reason.empty() ? "" : " " + reason) + ": " + message;
        return false;
    }
    ++m_run.events;
    if (event.type == WatchEventType::Bookmark) {
        setLastResourceVersion(InformerCache::resourceVersionOf(event.object));
        healthy();
        return true;
    }
    if (InformerCache::keyOf(event.object).empty()) {
        m_run.error = "an event's object has no metadata.name";
        return false;
    }
    auto change = m_cache.apply(event.type, event.object);
    healthy();
    if (change) m_queue.push(std::move(*change));
    setLastResourceVersion(InformerCache::resourceVersionOf(event.object));
    return true;
}

void Reflector::healthy() {
    if (!m_disconnected) return;
    m_disconnected = false;
    m_queue.push(notice(InformerEventKind::Reconnected, m_what + ": the link to the API server works again"));
}

void Reflector::fail(const std::string& step, const std::string& error, const std::stop_token& stop) {
    ++m_stats.failures;
    const auto delay = m_backoff.next();
    m_disconnected = true;
    InformerEvent event = notice(InformerEventKind::Disconnected, step + ": " + error);
    event.retryIn = delay;
    m_queue.push(std::move(event));
    m_clock.sleepFor(delay, stop);
}

}  // namespace meshlings::k8s
