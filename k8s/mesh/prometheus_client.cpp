#include "mesh/prometheus_client.hpp"

#include <memory>
#include <stdexcept>

#include "mesh/prometheus_answer.hpp"
#include "mesh/telemetry_error.hpp"

namespace meshlings::mesh {

namespace {

std::size_t collect(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

int progress(void* abort, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* flag = static_cast<const std::atomic<bool>*>(abort);
    return flag != nullptr && flag->load() ? 1 : 0;
}

struct CurlFree {
    void operator()(char* text) const { curl_free(text); }
};

}  // namespace

PrometheusClient::PrometheusClient(std::string baseUrl, const std::atomic<bool>* abort, long timeoutMs)
    : m_base(std::move(baseUrl)), m_abort(abort), m_timeoutMs(timeoutMs), m_easy(makeEasy()) {
    while (!m_base.empty() && m_base.back() == '/') m_base.pop_back();
    if (m_base.rfind("http://", 0) != 0 && m_base.rfind("https://", 0) != 0)
        throw std::invalid_argument("--prometheus \"" + m_base + "\" is not an http:// or https:// URL");
}

std::string PrometheusClient::get(const TelemetryQuery& query) {
    CURL* easy = m_easy.get();
    const std::unique_ptr<char, CurlFree> encoded(
        curl_easy_escape(easy, query.promql.c_str(), static_cast<int>(query.promql.size())));
    if (!encoded) throw TelemetryError(query.step, "libcurl could not encode the query");
    const std::string url = m_base + "/api/v1/query?query=" + encoded.get();
    std::string body;
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_reset(easy);
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, m_timeoutMs);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, std::min(m_timeoutMs, 2000L));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_NOPROXY, "127.0.0.1,localhost,::1");  // loopback never through a proxy
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, progress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(m_abort));
    const CURLcode code = curl_easy_perform(easy);
    if (code != CURLE_OK) {
        const std::string why = error[0] != '\0' ? error : curl_easy_strerror(code);
        throw TelemetryError(query.step, "cannot read " + m_base + ": " + why);
    }
    return body;
}

std::vector<EdgeTraffic> PrometheusClient::edges(const TelemetryQuery& query) {
    return decodeEdgeAnswer(get(query), query);
}

}  // namespace meshlings::mesh
