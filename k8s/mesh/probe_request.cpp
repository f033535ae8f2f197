#include "mesh/probe_request.hpp"

#include <algorithm>

#include "mesh/page_classifier.hpp"

namespace meshlings::mesh {

namespace {

constexpr long kMaxRedirects = 0;  // a redirect is an answer too: productpage does not redirect

}  // namespace

ProbeRequest::ProbeRequest(const ProbeOptions& options, curl_slist* headers)
    : m_easy(makeEasy()), m_maxBody(options.maxBodyBytes) {
    CURL* easy = m_easy.get();
    curl_easy_setopt(easy, CURLOPT_URL, options.url.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connectTimeout.count()));
    curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, kMaxRedirects);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "meshlings-probe/0.1");
    if (headers != nullptr) curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &ProbeRequest::receive);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, m_error.data());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, this);
}

void ProbeRequest::arm(std::uint64_t sequence, ProbeSample::TimePoint scheduledAt, ProbeSample::TimePoint startedAt) {
    m_sequence = sequence;
    m_scheduledAt = scheduledAt;
    m_startedAt = startedAt;
    m_body.clear();
    m_error[0] = '\0';
}

std::size_t ProbeRequest::receive(char* data, std::size_t size, std::size_t count, void* self) {
    auto* request = static_cast<ProbeRequest*>(self);
    const std::size_t bytes = size * count;
    const std::size_t room = request->m_maxBody - std::min(request->m_maxBody, request->m_body.size());
    request->m_body.append(data, std::min(bytes, room));  // past the cap: read and dropped
    return bytes;
}

TransportFault ProbeRequest::faultOf(CURLcode result) {
    switch (result) {
        case CURLE_OK:
            return TransportFault::None;
        case CURLE_COULDNT_CONNECT:
            return TransportFault::Connect;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return TransportFault::Resolve;
        case CURLE_OPERATION_TIMEDOUT:
            return TransportFault::Timeout;
        case CURLE_GOT_NOTHING:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_PARTIAL_FILE:
            return TransportFault::Interrupted;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
            return TransportFault::Tls;
        default:
            return TransportFault::Other;
    }
}

ProbeSample ProbeRequest::finish(CURLcode result) {
    ProbeSample sample;
    sample.sequence = m_sequence;
    sample.scheduledAt = m_scheduledAt;
    sample.startedAt = m_startedAt;
    long status = 0;
    curl_easy_getinfo(m_easy.get(), CURLINFO_RESPONSE_CODE, &status);
    sample.status = static_cast<int>(std::clamp(status, 0L, 999L));
    long connects = 0;
    curl_easy_getinfo(m_easy.get(), CURLINFO_NUM_CONNECTS, &connects);
    sample.connectionsOpened = static_cast<int>(std::clamp(connects, 0L, 1000L));
    curl_off_t micros = 0;
    if (curl_easy_getinfo(m_easy.get(), CURLINFO_TOTAL_TIME_T, &micros) == CURLE_OK && micros > 0) {
        sample.latencyMs = static_cast<double>(micros) / 1000.0;
    } else {
        const auto elapsed = ProbeSample::TimePoint::clock::now() - m_startedAt;
        sample.latencyMs = std::chrono::duration<double, std::milli>(elapsed).count();
    }
    sample.fault = faultOf(result);
    if (sample.fault != TransportFault::None) {
        sample.transportError =
            m_error[0] != '\0' ? std::string(m_error.data()) : std::string(curl_easy_strerror(result));
    }
    sample.verdict = PageClassifier::classify(PageAnswer{sample.status, m_body, sample.fault != TransportFault::None});
    return sample;
}

}  // namespace meshlings::mesh
