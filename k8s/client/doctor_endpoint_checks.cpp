#include "client/doctor_endpoint_checks.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "client/core_calls.hpp"
#include "client/curl_handle.hpp"
#include "client/status_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::k8s {

namespace {

struct PlainReply {
    CURLcode code = CURLE_OK;
    std::string error;
    long status = 0;
    std::string body;
    long milliseconds = 0;
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
    auto& body = *static_cast<std::string*>(user);
    const std::size_t length = size * count;
    if (body.size() < 4 * 1024 * 1024) body.append(data, length);  // enough to judge a page
    return length;
}

PlainReply plainGet(const std::string& url, const DoctorOptions& options) {
    const CurlEasy handle = makeCurlEasy();
    char errorText[CURL_ERROR_SIZE] = {};
    PlainReply reply;
    curl_easy_setopt(handle.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle.get(), CURLOPT_NOPROXY, "127.0.0.1,localhost,::1");
    curl_easy_setopt(handle.get(), CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.networkTimeout.count()));
    curl_easy_setopt(handle.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(options.requestTimeout.count()));
    curl_easy_setopt(handle.get(), CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(handle.get(), CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(handle.get(), CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(handle.get(), CURLOPT_ERRORBUFFER, errorText);
    const auto started = std::chrono::steady_clock::now();
    reply.code = curl_easy_perform(handle.get());
    reply.milliseconds = static_cast<long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
    reply.error = errorText[0] ? errorText : curl_easy_strerror(reply.code);
    curl_easy_getinfo(handle.get(), CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

std::string withoutSlash(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

bool looksLikePage(const std::string& body) {
    std::string head = body.substr(0, 2048);
    std::transform(head.begin(), head.end(), head.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return head.find("<html") != std::string::npos || head.find("<!doctype html") != std::string::npos;
}

std::string kilobytes(std::size_t bytes) {
    return bytes < 1024 ? std::to_string(bytes) + " bytes" : std::to_string((bytes + 512) / 1024) + " kB";
}

const char* const kIngressHint =
    "pass --ingress with the address of istio-ingressgateway (`kubectl -n istio-system get svc istio-ingressgateway`), "
    "or `kubectl -n istio-system port-forward svc/istio-ingressgateway 8080:80` and --ingress http://127.0.0.1:8080";

// The built-in cluster's ingress URL, from the annotation; sets `why` when there is none.
std::string announcedIngress(DoctorState& state, std::string& why) {
    if (!state.client) {
        why = "no --ingress given, and the API server was not reached to look for one";
        return "";
    }
    try {
        const Json service = state.client->get(kServices.item("istio-system", "istio-ingressgateway"));
        const auto& annotations = json_access::object(json_access::object(service, "metadata"), "annotations");
        const std::string url = json_access::text(annotations, kIngressUrlAnnotation);
        if (url.empty()) why = "no --ingress given (only the built-in cluster announces its ingress URL)";
        return url;
    } catch (const StatusError& e) {
        why = e.status() == 404 ? "no --ingress given, and there is no Service istio-ingressgateway in istio-system"
              : e.status() == 403
                  ? "no --ingress given, and not permitted to read Service istio-system/istio-ingressgateway"
                  : std::string("no --ingress given, and reading Service istio-ingressgateway failed: ") + e.what();
    } catch (const std::exception& e) {
        why = std::string("no --ingress given, and reading Service istio-ingressgateway failed: ") + e.what();
    }
    return "";
}

}  // namespace

StepResult checkIngress(DoctorState& state) {
    std::string base = state.options.ingressUrl;
    std::string origin = "--ingress";
    if (base.empty()) {
        std::string why;
        base = announcedIngress(state, why);
        if (base.empty()) return {DoctorStep::Ingress, Verdict::Skip, why, state.client ? kIngressHint : ""};
        origin = std::string("annotation ") + kIngressUrlAnnotation;
    }
    const std::string url = withoutSlash(base) + "/productpage";
    const PlainReply reply = plainGet(url, state.options);
    const std::string where = "GET " + url + " (from " + origin + ")";
    if (reply.code != CURLE_OK) {
        return {
            DoctorStep::Ingress, Verdict::Fail, where + ": " + reply.error,
            origin == "--ingress" ? "check the URL given to --ingress; " + std::string(kIngressHint) : kIngressHint};
    }
    if (reply.status == 503 || reply.status == 502) {
        return {DoctorStep::Ingress, Verdict::Fail,
                where + ": HTTP " + std::to_string(reply.status) + " " + reply.body.substr(0, 80),
                "the gateway answers but productpage has no ready pod: `kubectl get pods -l app=productpage`"};
    }
    if (reply.status == 404) {
        return {DoctorStep::Ingress, Verdict::Fail, where + ": HTTP 404, the gateway does not route /productpage",
                "`kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml` (from the Istio release)"};
    }
    if (reply.status != 200 || !looksLikePage(reply.body)) {
        return {DoctorStep::Ingress, Verdict::Fail,
                where + ": HTTP " + std::to_string(reply.status) + (reply.status == 200 ? " but not an HTML page" : ""),
                "is this the Istio ingress gateway of the Bookinfo sample? " + std::string(kIngressHint)};
    }
    state.ingressUrl = withoutSlash(base);
    return {
        DoctorStep::Ingress, Verdict::Ok,
        where + ": 200, a " + kilobytes(reply.body.size()) + " page in " + std::to_string(reply.milliseconds) + " ms",
        ""};
}

StepResult checkPrometheus(DoctorState& state) {
    if (state.options.prometheusUrl.empty()) {
        return {DoctorStep::Prometheus, Verdict::Skip, "no --prometheus given", ""};
    }
    const std::string url = withoutSlash(state.options.prometheusUrl) + "/api/v1/query?query=up";
    const PlainReply reply = plainGet(url, state.options);
    const char* const hint =
        "check --prometheus: `kubectl -n istio-system port-forward svc/prometheus 9090:9090` and --prometheus "
        "http://127.0.0.1:9090";
    if (reply.code != CURLE_OK) return {DoctorStep::Prometheus, Verdict::Fail, "GET " + url + ": " + reply.error, hint};
    const auto document = Json::parse(reply.body, nullptr, false);
    const std::string status = json_access::text(document, "status");
    if (reply.status != 200 || status != "success") {
        const std::string error = json_access::text(document, "error");
        return {DoctorStep::Prometheus, Verdict::Fail,
                "GET " + url + ": HTTP " + std::to_string(reply.status) +
                    (status.empty() ? ", not a Prometheus answer"
                                    : ", status " + status + (error.empty() ? "" : ": " + error)),
                hint};
    }
    const auto series = json_access::array(json_access::object(document, "data"), "result").size();
    return {DoctorStep::Prometheus, Verdict::Ok,
            "GET " + url + ": success, " + std::to_string(series) + " series for `up` (" +
                std::to_string(reply.milliseconds) + " ms)",
            ""};
}

}  // namespace meshlings::k8s
