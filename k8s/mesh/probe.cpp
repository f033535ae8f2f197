#include "mesh/probe.hpp"

#include "mesh/probe_worker.hpp"
#include "mesh/start_schedule.hpp"

namespace meshlings::mesh {

Probe::Probe(ProbeOptions options)
    : m_options(std::move(options)),
      m_queue(m_options.maxQueued),
      m_rate(StartSchedule::clampRate(m_options.ratePerSecond)) {}

Probe::~Probe() {
    stop();
}

void Probe::start() {
    const std::lock_guard lock(m_control);
    if (m_thread.joinable()) {
        if (m_running.load()) return;
        m_thread.join();  // ended on its own; start afresh
    }
    ProbeOptions options = m_options;
    options.ratePerSecond = m_rate.load();
    m_worker = std::make_unique<ProbeWorker>(std::move(options), m_queue);
    {
        const std::lock_guard errorLock(m_errorMutex);
        m_lastError.clear();
    }
    m_stop.store(false);
    m_running.store(true);
    m_thread = std::thread([this] { run(); });
}

void Probe::run() {
    try {
        m_worker->run(m_stop);
    } catch (const std::exception& error) {
        const std::lock_guard lock(m_errorMutex);
        m_lastError = error.what();
    }
    m_running.store(false);
}

void Probe::stop() {
    const std::lock_guard lock(m_control);
    if (!m_thread.joinable()) return;
    m_stop.store(true);
    m_worker->wakeup();
    m_thread.join();
    m_worker.reset();
    m_running.store(false);
}

void Probe::setRate(double perSecond) {
    const std::lock_guard lock(m_control);
    m_rate.store(StartSchedule::clampRate(perSecond));
    if (m_worker) m_worker->setRate(perSecond);
}

std::string Probe::lastError() const {
    const std::lock_guard lock(m_errorMutex);
    return m_lastError;
}

}  // namespace meshlings::mesh
