#include "mesh/probe_worker.hpp"

#include <algorithm>

namespace meshlings::mesh {

ProbeWorker::ProbeWorker(ProbeOptions options, SampleQueue& queue)
    : m_options(std::move(options)),
      m_queue(queue),
      m_headers(makeSlist(m_options.headers)),
      m_schedule(m_options.ratePerSecond),
      m_rate(StartSchedule::clampRate(m_options.ratePerSecond)) {
    m_options.maxConcurrency = std::max(m_options.maxConcurrency, 1);
    const long connections = static_cast<long>(m_options.maxConcurrency);
    curl_multi_setopt(m_multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, connections);
    curl_multi_setopt(m_multi.get(), CURLMOPT_MAXCONNECTS, connections);  // idle ones kept for reuse
}

ProbeWorker::~ProbeWorker() {
    abandonAll();
}

void ProbeWorker::setRate(double perSecond) {
    m_rate.store(StartSchedule::clampRate(perSecond));
    wakeup();
}

void ProbeWorker::run(const std::atomic<bool>& stop) {
    m_schedule.begin(StartSchedule::Clock::now());
    while (!stop.load()) {
        const TimePoint now = StartSchedule::Clock::now();
        m_schedule.setRate(m_rate.load(), now);
        startDue(now);
        int running = 0;
        curl_multi_perform(m_multi.get(), &running);
        collectFinished();
        if (stop.load()) break;
        curl_multi_poll(m_multi.get(), nullptr, 0, pollTimeoutMs(StartSchedule::Clock::now()), nullptr);
    }
    abandonAll();
}

void ProbeWorker::startDue(TimePoint now) {
    while (const auto due = m_schedule.takeDue(now)) start(*due, now);
}

void ProbeWorker::start(TimePoint due, TimePoint now) {
    if (m_active.size() >= static_cast<std::size_t>(m_options.maxConcurrency)) {
        m_queue.noteDue(false);
        return;
    }
    std::unique_ptr<ProbeRequest> request;
    if (m_idle.empty()) {
        request = std::make_unique<ProbeRequest>(m_options, m_headers.get());
    } else {
        request = std::move(m_idle.back());
        m_idle.pop_back();
    }
    request->arm(m_sequence++, due, now);
    if (curl_multi_add_handle(m_multi.get(), request->handle()) != CURLM_OK) {
        m_idle.push_back(std::move(request));
        m_queue.noteDue(false);
        return;
    }
    m_queue.noteDue(true);
    m_active.push_back(std::move(request));
}

void ProbeWorker::collectFinished() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(m_multi.get(), &left)) {
        if (message->msg != CURLMSG_DONE) continue;
        CURL* easy = message->easy_handle;
        const CURLcode result = message->data.result;
        const auto it = std::find_if(m_active.begin(), m_active.end(),
                                     [easy](const std::unique_ptr<ProbeRequest>& r) { return r->handle() == easy; });
        curl_multi_remove_handle(m_multi.get(), easy);
        if (it == m_active.end()) continue;
        std::unique_ptr<ProbeRequest> request = std::move(*it);
        *it = std::move(m_active.back());
        m_active.pop_back();
        m_queue.push(request->finish(result));
        m_idle.push_back(std::move(request));
    }
}

int ProbeWorker::pollTimeoutMs(TimePoint now) const {
    const auto next = m_schedule.nextDue();
    if (!next) return kMaxPollMs;
    if (*next <= now) return 0;
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(*next - now).count();
    return static_cast<int>(std::min<std::int64_t>(wait, kMaxPollMs));
}

void ProbeWorker::abandonAll() {
    for (auto& request : m_active) {
        curl_multi_remove_handle(m_multi.get(), request->handle());
        m_queue.noteCancelled();
        m_idle.push_back(std::move(request));
    }
    m_active.clear();
}

}  // namespace meshlings::mesh
