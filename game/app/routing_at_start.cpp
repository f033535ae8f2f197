#include "app/routing_at_start.hpp"

#include "bridge/routing_writer.hpp"
#include "bridge/weights_reader.hpp"
#include "client/status_error.hpp"

namespace meshlings::app {

namespace {

// Runs `call`; a 404 (the object is not there) is not an error here.
template <typename Call>
bool unlessNotFound(Call&& call) {
    try {
        call();
        return true;
    } catch (const k8s::StatusError& e) {
        if (e.notFound()) return false;
        throw;
    }
}

}  // namespace

RoutingAtStart::RoutingAtStart(const k8s::RestConfig& config) : m_client(config), m_istio(m_client) {
    unlessNotFound([this] {
        const auto vs = m_istio.getVirtualService("reviews");
        m_weights = bridge::WeightsReader::read(&vs);
    });
    m_destinationRule = unlessNotFound([this] { m_istio.getDestinationRule("reviews"); });
}

void RoutingAtStart::restore() {
    if (m_weights) {
        bridge::RoutingWriter(m_istio, m_client.nameSpace()).apply(*m_weights, false);
        return;
    }
    unlessNotFound([this] { m_istio.deleteVirtualService("reviews"); });
    if (!m_destinationRule) unlessNotFound([this] { m_istio.deleteDestinationRule("reviews"); });
}

}  // namespace meshlings::app
