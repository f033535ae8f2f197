#include "client/informer.hpp"

#include <random>

#include "client/real_clock.hpp"

namespace meshlings::k8s {

std::function<double()> Informer::systemRandom() {
    auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
    return [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
}

Informer::Informer(KubeClient& client, InformerOptions options)
    : m_options(std::move(options)), m_clock(m_options.clock ? m_options.clock : std::make_shared<RealClock>()) {
    auto random = m_options.random ? m_options.random : systemRandom();
    m_reflector = std::make_unique<Reflector>(client, m_options, *m_clock, std::move(random), m_cache, m_queue);
}

Informer::~Informer() {
    stop();
}

void Informer::start() {
    if (m_thread.joinable()) return;
    m_stop = std::stop_source();
    m_cancel.reset();
    m_thread = std::thread([this, token = m_stop.get_token()] { m_reflector->run(token, m_cancel); });
}

void Informer::requestStop() {
    if (!m_thread.joinable()) return;
    m_stop.request_stop();
    m_cancel.cancel();
}

void Informer::stop() {
    requestStop();
    if (m_thread.joinable()) m_thread.join();
}

}  // namespace meshlings::k8s
