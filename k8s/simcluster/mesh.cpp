#include "simcluster/mesh.hpp"

#include <algorithm>

#include "simcluster/envoy_access_line.hpp"
#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

// Envoy prints several flags in the order of its ResponseFlag enum (UH, UT, UF, UO, NR, ..., URX).
enum Flag { kNone, kUH, kUF, kUFURX, kNC, kNR, kUT, kFI, kDI, kDC, kURX, kUTURX, kUO, kUFUO, kUTUO, kFlagCount };
constexpr const char* kFlagNames[] = {"-",  "UH", "UF",  "UF,URX", "NC", "NR",    "UT",   "FI",
                                      "DI", "DC", "URX", "UT,URX", "UO", "UF,UO", "UT,UO"};
constexpr const char* kServiceNames[] = {"istio-ingressgateway", "productpage", "details", "reviews", "ratings"};
constexpr double kSidecarMs = 0.25;  // each sidecar a request passes through
constexpr Millis kProductpageTimeout = 3000;

// "v1".."v9" -> 1..9 (the Bookinfo versions); anything else selects no pod here.
int versionNumber(const std::string& label) {
    return label.size() == 2 && label[0] == 'v' && label[1] >= '1' && label[1] <= '9' ? label[1] - '0' : -1;
}

// Body sizes of Bookinfo's answers (bytes), for the access log's %BYTES_SENT%.
constexpr std::uint64_t kAnswerBytes[] = {0, 5293, 178, 358, 48};
// Who calls each service: the outside client (not known here), productpage.py's requests, reviews' JAX-RS client.
const char* const kUserAgents[] = {"-", "-", "python-requests/2.31.0", "python-requests/2.31.0", "Apache-CXF/3.1.18"};

// An x-request-id for page `n`: the same on every hop of one page, as Envoy propagates it.
std::string requestId(std::uint32_t n) {
    std::uint64_t z = n + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
    z ^= z >> 31U;
    char text[80];
    std::snprintf(text, sizeof text, "%08x-%04x-4%03x-a%03x-%012llx", static_cast<unsigned>(z >> 32U),
                  static_cast<unsigned>((z >> 16U) & 0xffffU), static_cast<unsigned>(z & 0xfffU),
                  static_cast<unsigned>((z >> 12U) & 0xfffU), static_cast<unsigned long long>(z & 0xffffffffffffULL));
    return text;
}

const char* localReply(std::uint8_t flag);

}  // namespace

std::vector<Mesh::LogLine> Mesh::accessLines(const std::string& pod, std::uint64_t after) const {
    std::vector<LogLine> lines;
    const auto self =
        std::find_if(m_endpoints.rbegin(), m_endpoints.rend(), [&](const Endpoint& e) { return e.pod == pod; });
    if (self == m_endpoints.rend()) return lines;
    const auto& gateways = m_serviceEndpoints[kIngress];
    auto ipOf = [&](std::int32_t id) -> std::string {
        if (id < 0) id = gateways.empty() ? -1 : gateways.front();
        return id < 0 ? std::string() : m_endpoints[static_cast<std::size_t>(id)].ip;
    };
    auto port = [](std::uint64_t seq) { return ":" + std::to_string(32768 + (seq * 7919U) % 28000U); };
    std::uint64_t seq = 0;
    const auto entries = m_accessLog.since(pod, after, seq);
    for (const AccessEntry& e : entries) {
        const std::string service = kServiceNames[e.service];
        const std::string fqdn = service + "." + m_namespace + ".svc.cluster.local";
        AccessLineFields f;
        const auto start = static_cast<Millis>(e.start);
        f.startUnixMillis = m_context.epoch + start;
        f.path = m_accessLog.path(e.path);
        f.code = e.code;
        f.flags = kFlagNames[e.flags];
        f.codeDetails = EnvoyAccessLine::codeDetails(f.flags, e.code);
        f.bytesSent = e.code == 0        ? 0
                      : e.flags != kNone ? std::string(localReply(e.flags)).size()
                                         : kAnswerBytes[e.service];
        f.durationMs = static_cast<long>(e.durationMs + 0.5F);
        if (e.code != 0 && (e.inbound || e.peer >= 0)) f.upstreamServiceMs = std::max(0L, f.durationMs - 1);
        f.requestId = requestId(e.page);
        f.authority = service + ":9080";
        f.userAgent = kUserAgents[e.service];
        const std::string peerIp = ipOf(e.peer);
        if (e.inbound) {
            f.upstreamHost = self->ip + ":9080";
            f.upstreamCluster = "inbound|9080||";
            f.upstreamLocal = "127.0.0.6" + port(seq + 1);
            f.downstreamLocal = self->ip + ":9080";
            f.downstreamRemote = peerIp + port(seq);
            f.serverName = "outbound_.9080_._." + fqdn;
        } else {
            if (e.peer >= 0) f.upstreamHost = peerIp + ":9080";
            f.upstreamCluster =
                "outbound|9080|" + (e.subset > 0 ? "v" + std::to_string(e.subset) : std::string()) + "|" + fqdn;
            if (e.peer >= 0) f.upstreamLocal = self->ip + port(seq);
            f.downstreamRemote = self->ip + port(seq + 1);
        }
        lines.push_back({seq++, start + static_cast<Millis>(e.durationMs), e.inbound, EnvoyAccessLine::format(f),
                         e.code, f.path, peerIp});
    }
    return lines;
}

namespace {

const char* localReply(std::uint8_t flag) {
    switch (flag) {
        case kUH:
            return "no healthy upstream";
        case kUF:
        case kUFURX:
        case kUFUO:
            return "upstream connect error or disconnect/reset before headers. reset reason: connection failure";
        case kNC:
            return "cluster not found";
        case kUT:
        case kUTURX:
        case kUTUO:
            return "upstream request timeout";
        case kUO:
            return "upstream connect error or disconnect/reset before headers. reset reason: overflow";
        case kFI:
            return "fault filter abort";
        default:
            return "";
    }
}

}  // namespace

Mesh::Mesh(ClusterContext& context, IstioMetrics& metrics, std::string ns)
    : m_context(context), m_metrics(metrics), m_namespace(std::move(ns)) {
    for (int s = 0; s < kServiceCount; ++s) {
        m_serviceIds[static_cast<std::size_t>(s)] =
            m_metrics.service(kServiceNames[s], s == kIngress ? "istio-system" : m_namespace);
    }
    for (int f = 0; f < kFlagCount; ++f) m_flagIds[static_cast<std::size_t>(f)] = m_metrics.flags(kFlagNames[f]);
    m_ingressWorkload = m_metrics.workload({"istio-ingressgateway", "istio-system", "istio-ingressgateway", "unknown",
                                            "istio-ingressgateway-service-account"});
    // Bookinfo's calls: productpage.py asks details and reviews for product 0, reviews asks ratings.
    m_servicePaths = {m_accessLog.pathId("/productpage"), m_accessLog.pathId("/productpage"),
                      m_accessLog.pathId("/details/0"), m_accessLog.pathId("/reviews/0"),
                      m_accessLog.pathId("/ratings/0")};
}

const std::string& Mesh::podName(std::int32_t endpoint) const {
    static const std::string kNone;
    return endpoint < 0 ? kNone : m_endpoints[static_cast<std::size_t>(endpoint)].pod;
}

Mesh::Service Mesh::serviceOf(const Json& pod) const {
    const std::string ns = pod["metadata"].value("namespace", "");
    const std::string app = json_access::text(json_access::object(pod["metadata"], "labels"), "app");
    if (ns == "istio-system") return app == "istio-ingressgateway" ? kIngress : kServiceCount;
    if (ns != m_namespace) return kServiceCount;
    for (int s = kProductpage; s < kServiceCount; ++s) {
        if (app == kServiceNames[s]) return static_cast<Service>(s);
    }
    return kServiceCount;
}

void Mesh::onEvent(const StoreEvent& event) {
    const std::string& kind = event.resource->kind;
    if (kind == "Pod") {
        const Service service = serviceOf(*event.object);
        if (service != kServiceCount) trackPod(event, service);
    } else if (kind == "VirtualService" || kind == "DestinationRule") {
        m_configDirty = true;
    } else if (kind == "Deployment" && event.type != EventType::Deleted) {
        refreshProfiles(*event.object);
    }
}

void Mesh::trackPod(const StoreEvent& event, Service service) {
    const Json& pod = *event.object;
    const std::string uid = pod["metadata"]["uid"];
    const bool ready = event.type != EventType::Deleted && pod_builder::isReady(pod);
    if (event.type == EventType::Deleted) m_accessLog.release(pod["metadata"]["name"]);
    const auto known = m_byUid.find(uid);
    if (known != m_byUid.end()) {
        Endpoint& endpoint = m_endpoints[static_cast<std::size_t>(known->second)];
        if (!ready && endpoint.serving) {
            // The app stops answering at once; sidecars notice at the next push.
            endpoint.serving = false;
            endpoint.visibleUntil = m_context.now + kPushDelay;
            m_byUid.erase(known);
        }
        return;
    }
    if (!ready) return;
    const auto& labels = json_access::object(pod["metadata"], "labels");
    Endpoint endpoint;
    endpoint.pod = pod["metadata"]["name"];
    endpoint.uid = uid;
    const std::string app = json_access::text(labels, "app");
    const std::string version = json_access::text(labels, "version");
    endpoint.workloadName = service == kIngress ? app : app + "-" + version;
    endpoint.version = std::max(versionNumber(version), 0);
    endpoint.workload =
        service == kIngress
            ? m_ingressWorkload
            : m_metrics.workload({endpoint.workloadName, m_namespace, app, version.empty() ? "unknown" : version,
                                  json_access::text(pod["spec"], "serviceAccountName", "default")});
    endpoint.ip = json_access::text(pod["status"], "podIP");
    endpoint.log = m_accessLog.open(endpoint.pod);
    endpoint.profile = WorkloadProfile::forApp(app);
    if (const auto deployment = m_context.store.get(ResourceRegistry::byKind("Deployment"),
                                                    pod["metadata"].value("namespace", ""), endpoint.workloadName)) {
        endpoint.profile = WorkloadProfile::fromDeployment(*deployment);
    }
    // Without a readinessProbe a pod is Ready before its app answers; sidecars learn of it
    // as of a readiness probe that passed when the app came up.
    const auto answers = m_context.appAnswersAt.find(uid);
    const Millis up =
        answers == m_context.appAnswersAt.end() ? m_context.now : std::max(answers->second, m_context.now);
    // An app that never answers (a crash loop's, at kForever) never becomes visible; no overflow.
    endpoint.visibleFrom = up >= kForever - kPushDelay ? kForever : up + kPushDelay;
    const auto id = static_cast<std::int32_t>(m_endpoints.size());
    m_endpoints.push_back(std::move(endpoint));
    m_serviceEndpoints[service].push_back(id);
    m_byUid[uid] = id;
}

void Mesh::settle() {
    for (auto& endpoint : m_endpoints) endpoint.visibleFrom = std::min(endpoint.visibleFrom, m_context.now);
}

void Mesh::refreshProfiles(const Json& deployment) {
    const std::string name = deployment["metadata"]["name"];
    const WorkloadProfile profile = WorkloadProfile::fromDeployment(deployment);
    for (auto& endpoint : m_endpoints) {
        if (endpoint.workloadName == name && endpoint.visibleUntil == kForever) endpoint.profile = profile;
    }
}

void Mesh::rebuildConfigIfNeeded() {
    if (!m_configDirty) return;
    m_config.rebuild(m_context.store, m_namespace);
    m_configDirty = false;
}

void Mesh::record(bool sourceReporter, IstioMetrics::WorkloadId source, std::int32_t caller, std::int32_t endpoint,
                  Service to, int code, std::uint8_t flags, double latencyMs, int subset) {
    const auto destination =
        endpoint < 0 ? IstioMetrics::kUnknown : m_endpoints[static_cast<std::size_t>(endpoint)].workload;
    m_metrics.record({sourceReporter, source, destination, m_serviceIds[to], code, m_flagIds[flags]}, latencyMs);
    const std::int32_t writer = sourceReporter ? (caller < 0 ? m_gateway : caller) : endpoint;
    if (writer < 0) return;
    AccessEntry entry;
    entry.start = static_cast<std::uint32_t>(m_context.now);
    entry.durationMs = static_cast<float>(latencyMs);
    entry.code = static_cast<std::int16_t>(code);
    entry.flags = flags;
    entry.service = static_cast<std::uint8_t>(to);
    entry.subset = static_cast<std::uint8_t>(std::max(subset, 0));
    entry.inbound = !sourceReporter;
    entry.path = to == kProductpage ? m_pagePath : m_servicePaths[to];
    entry.peer = sourceReporter ? endpoint : caller;
    entry.page = m_page;
    m_accessLog.append(m_endpoints[static_cast<std::size_t>(writer)].log, entry);
}

PageOutcome Mesh::serve(const RequestAttributes& request, common::Rng& rng) {
    rebuildConfigIfNeeded();
    PageOutcome page;
    const auto& gateways = m_serviceEndpoints[kIngress];
    const auto gateway = std::find_if(gateways.begin(), gateways.end(), [&](std::int32_t id) {
        const Endpoint& e = m_endpoints[static_cast<std::size_t>(id)];
        return e.serving && e.visibleFrom <= m_context.now;
    });
    if (gateway == gateways.end()) {
        page.status = 503;
        page.flags = kFlagNames[kUH];
        page.failureBody = "no healthy upstream";
        return page;
    }
    m_gateway = *gateway;
    ++m_page;
    m_pagePath = m_accessLog.pathId(request.path);
    static const std::string kGateway = "bookinfo-gateway";
    const HttpRoute* rule = m_config.gatewayRoute(kGateway, request);
    if (rule == nullptr && request.path != "/health") {
        page.status = 404;
        page.flags = kFlagNames[kNR];
        record(true, m_ingressWorkload, -1, -1, kProductpage, 404, kNR, 0.2, 0);
        return page;
    }
    const Call result = call(-1, kProductpage, rule, rule != nullptr, 0, request, rng, page);
    page.latencyMs = result.latencyMs + kSidecarMs;
    page.status = result.code;
    page.productpageEndpoint = result.endpoint;
    if (result.code != 200) {
        page.flags = kFlagNames[result.flags];
        page.failureBody = localReply(result.flags);
    }
    return page;
}

Mesh::Call Mesh::call(std::int32_t caller, Service to, const HttpRoute* rule, bool hostHasRules, Millis appTimeout,
                      const RequestAttributes& request, common::Rng& rng, PageOutcome& page) {
    const auto source = caller < 0 ? m_ingressWorkload : m_endpoints[static_cast<std::size_t>(caller)].workload;
    Call result;
    int version = 0;  // 0: any endpoint; -1: a subset no pod of ours carries
    if (hostHasRules && rule == nullptr) {
        result = {404, kNR, 0.1, -1};
    } else if (rule != nullptr && rule->abortPercent > 0 && rng.chance(rule->abortPercent / 100.0)) {
        result = {rule->abortStatus, kFI, 0.1, -1};
    } else {
        double delay = 0;
        if (rule != nullptr && rule->delayPercent > 0 && rng.chance(rule->delayPercent / 100.0)) {
            delay = static_cast<double>(rule->delay);
        }
        bool routed = true;
        const std::string* subset = nullptr;
        if (rule != nullptr && !rule->destinations.empty()) {
            // Envoy's weighted clusters: one random pick per request.
            int total = 0;
            for (const auto& d : rule->destinations) total += std::max(d.weight, 0);
            const RouteDestination* chosen = &rule->destinations.front();
            if (total > 0) {
                auto roll = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
                for (const auto& d : rule->destinations) {
                    roll -= std::max(d.weight, 0);
                    if (roll < 0) {
                        chosen = &d;
                        break;
                    }
                }
            }
            if (!chosen->subset.empty()) {
                subset = &chosen->subset;
                const auto subsetVersion = m_config.subsetVersion(chosen->service, chosen->subset);
                if (!subsetVersion)
                    routed = false;
                else
                    version = versionNumber(*subsetVersion);
            }
        }
        if (rule != nullptr && rule->mirror && rule->mirrorPercent > 0 && rng.chance(rule->mirrorPercent / 100.0))
            mirror(source, caller, *rule->mirror, request, rng);
        if (!routed) {
            result = {503, kNC, 0.1, -1};
        } else {
            static const RetryPolicy kDefaultRetries = RetryPolicy::istioDefault();
            static const LoadBalancerPolicy kDefaultBalancing;
            static const std::string kWholeService;
            const auto policies = m_config.policies(kServiceNames[to], subset ? *subset : kWholeService);
            const Upstream upstream{rule != nullptr ? rule->retries : kDefaultRetries,
                                    rule != nullptr ? rule->timeout : 0,
                                    policies.outliers,
                                    policies.pool,
                                    policies.balancing != nullptr ? *policies.balancing : kDefaultBalancing,
                                    caller};
            result = attempt(to, version, upstream, request, rng, page, source);
        }
        result.latencyMs += delay;
        if (delay > 0 && result.flags == kNone) result.flags = kDI;
        if (rule != nullptr && rule->timeout > 0 && result.latencyMs > static_cast<double>(rule->timeout)) {
            result = {504, kUT, static_cast<double>(rule->timeout), result.endpoint};
        }
    }
    result.latencyMs += kSidecarMs;
    if (appTimeout > 0 && result.latencyMs > static_cast<double>(appTimeout)) {
        // The calling app gives up; its sidecar sees the downstream go away.
        result = {0, kDC, static_cast<double>(appTimeout), result.endpoint};
    }
    record(true, source, caller, result.endpoint, to, result.code, result.flags, result.latencyMs, version);
    return result;
}

Mesh::Call Mesh::callService(std::int32_t caller, Service to, Millis appTimeout, const RequestAttributes& request,
                             common::Rng& rng, PageOutcome& page) {
    const auto route = m_config.route(kServiceNames[to], request);
    return call(caller, to, route.rule, route.hostHasRules, appTimeout, request, rng, page);
}

Mesh::Call Mesh::attempt(Service to, int version, const Upstream& upstream, const RequestAttributes& request,
                         common::Rng& rng, PageOutcome& page, IstioMetrics::WorkloadId source) {
    // A fixed buffer: attempts nest (productpage's call to reviews runs inside its own attempt).
    std::array<std::int32_t, 64> candidates;  // only the first `count` are read
    std::size_t count = 0;
    auto& ids = m_serviceEndpoints[to];
    std::erase_if(
        ids, [&](std::int32_t id) { return m_endpoints[static_cast<std::size_t>(id)].visibleUntil <= m_context.now; });
    for (const std::int32_t id : ids) {
        const Endpoint& e = m_endpoints[static_cast<std::size_t>(id)];
        if (e.visibleFrom > m_context.now) continue;
        if (version != 0 && e.version != version) continue;
        if (count < candidates.size()) candidates[count++] = id;
    }
    if (count == 0) return {503, kUH, 0.1, -1};
    const std::size_t hosts = count;
    // Each sidecar has its own detector and circuit breakers per cluster (service and subset).
    const std::uint64_t cluster = (static_cast<std::uint64_t>(upstream.caller + 1) << 16U) |
                                  (static_cast<std::uint64_t>(to) << 8U) | static_cast<std::uint64_t>(version);
    ConnectionPool* pool = upstream.pool != nullptr ? &m_connectionPools[cluster] : nullptr;
    OutlierDetector* detector = nullptr;
    if (upstream.outliers != nullptr) {
        detector = &m_outlierDetectors[cluster];
        std::size_t healthy = 0;
        for (std::size_t i = 0; i < count; ++i) {
            if (!detector->ejected(candidates[i], m_context.now, *upstream.outliers))
                candidates[healthy++] = candidates[i];
        }
        // Panic mode below minHealthPercent: every host again (Istio's default 0 never panics).
        if (healthy * 100 < hosts * static_cast<std::size_t>(upstream.outliers->minHealthPercent)) {
            count = 0;
            for (const std::int32_t id : ids) {
                const Endpoint& e = m_endpoints[static_cast<std::size_t>(id)];
                if (e.visibleFrom <= m_context.now && (version == 0 || e.version == version) &&
                    count < candidates.size())
                    candidates[count++] = id;
            }
        } else {
            count = healthy;
        }
        if (count == 0) return {503, kUH, 0.1, -1};
    }
    const RetryPolicy& retry = upstream.retry;
    const int attempts = 1 + retry.retries;
    double latency = 0;
    std::size_t tried = 0;  // candidates[0..tried) were tried already (previous_hosts)
    Call last{503, kUF, 0, -1};
    RetryPolicy::Outcome outcome = RetryPolicy::Outcome::Response;
    const auto now = static_cast<double>(m_context.now);
    LoadBalancer& balancer = balancerFor(upstream.caller, static_cast<std::uint16_t>(cluster & 0xffffU));
    const bool leastRequest = upstream.balancing.kind == LoadBalancerPolicy::Kind::LeastRequest;
    static const std::string kGatewayPod = kServiceNames[kIngress];
    const std::string* hashKey = nullptr;
    if (upstream.balancing.kind == LoadBalancerPolicy::Kind::ConsistentHash) {
        // The model's requests carry one header, end-user; the source IP stands for the calling pod.
        if (upstream.balancing.hashSourceIp)
            hashKey = upstream.caller < 0 ? &kGatewayPod : &podName(upstream.caller);
        else if (upstream.balancing.hashHeader == "end-user" && !request.endUser.empty())
            hashKey = &request.endUser;
    }
    for (int i = 0; i < attempts; ++i) {
        if (i > 0) {
            if (upstream.routeTimeout > 0 && latency >= static_cast<double>(upstream.routeTimeout)) break;
            if (pool != nullptr && !pool->mayRetry(now + latency, *upstream.pool)) {
                // maxRetries retries in flight: the answer is passed on, flagged UO.
                last.latencyMs = latency;
                last.flags = last.flags == kUF   ? static_cast<std::uint8_t>(kUFUO)
                             : last.flags == kUT ? static_cast<std::uint8_t>(kUTUO)
                                                 : static_cast<std::uint8_t>(kUO);
                return last;
            }
            latency += RetryPolicy::backoffMs(i, rng);
        }
        ConnectionPool::Admission admission;
        if (pool != nullptr) {
            admission = pool->admit(now + latency, *upstream.pool);
            // Over the limits: 503 UO at once, no host contacted, never retried (Envoy's overflow reset).
            if (admission.overflow) return {503, kUO, latency, -1};
            latency = admission.start - now;  // waited in the pending queue
        }
        // previous_hosts: the balancer picks among the hosts not tried yet while there are any.
        const std::size_t index =
            hashKey != nullptr && tried == 0
                ? balancer.ringPick(candidates.data(), count, *hashKey,
                                    [this](std::int32_t id) -> const std::string& { return podName(id); })
                : balancer.pick(candidates.data(), count, tried, now + latency, upstream.balancing, rng);
        const std::int32_t pick = candidates[index];
        if (index >= tried && tried < count) std::swap(candidates[index], candidates[tried++]);
        const Endpoint& endpoint = m_endpoints[static_cast<std::size_t>(pick)];
        if (!endpoint.serving) {
            outcome = RetryPolicy::Outcome::ConnectFailure;
            last = {503, kUF, 0.3, pick};
            latency += 0.3;  // refused
        } else {
            Call served = handle(to, pick, request, rng, page);
            served.latencyMs += kSidecarMs;
            if (retry.perTryTimeout > 0 && served.latencyMs > static_cast<double>(retry.perTryTimeout)) {
                // The client sidecar resets the stream; the server's sees the downstream go.
                record(false, source, upstream.caller, pick, to, 0, kDC, static_cast<double>(retry.perTryTimeout),
                       version);
                outcome = RetryPolicy::Outcome::PerTryTimeout;
                last = {504, kUT, static_cast<double>(retry.perTryTimeout), pick};
            } else {
                record(false, source, upstream.caller, pick, to, served.code, kNone, served.latencyMs, version);
                outcome = RetryPolicy::Outcome::Response;
                last = served;
            }
            latency += last.latencyMs;
        }
        if (leastRequest) balancer.inFlight(pick, now + latency);
        if (pool != nullptr) {
            pool->release(admission, now + latency, *upstream.pool);
            if (i > 0) pool->retrying(now + latency);
        }
        if (detector != nullptr) detector->report(pick, last.code, m_context.now, hosts, *upstream.outliers);
        if (!retry.shouldRetry(outcome, last.code)) {
            last.latencyMs = latency;
            return last;
        }
    }
    // Every attempt the policy allowed wanted another one.
    last.latencyMs = latency;
    if (attempts > 1) {
        last.flags = last.flags == kUF   ? static_cast<std::uint8_t>(kUFURX)
                     : last.flags == kUT ? static_cast<std::uint8_t>(kUTURX)
                                         : static_cast<std::uint8_t>(kURX);
    }
    return last;
}

void Mesh::mirror(IstioMetrics::WorkloadId source, std::int32_t caller, const RouteDestination& to,
                  const RequestAttributes& request, common::Rng& rng) {
    Service service = kServiceCount;
    for (int s = kProductpage; s < kServiceCount; ++s) {
        if (to.service == kServiceNames[s]) service = static_cast<Service>(s);
    }
    if (service == kServiceCount) return;  // a host the model has no pods for
    int version = 0;
    if (!to.subset.empty()) {
        const auto subsetVersion = m_config.subsetVersion(to.service, to.subset);
        if (!subsetVersion) return;
        version = versionNumber(*subsetVersion);
    }
    std::array<std::int32_t, 64> hosts;  // only the first `count` are read
    std::size_t count = 0;
    for (const std::int32_t id : m_serviceEndpoints[service]) {
        const Endpoint& e = m_endpoints[static_cast<std::size_t>(id)];
        if (e.serving && e.visibleFrom <= m_context.now && e.visibleUntil > m_context.now &&
            (version == 0 || e.version == version) && count < hosts.size())
            hosts[count++] = id;
    }
    if (count == 0) return;
    // The shadow goes through the router's async client, not the caller's
    // stats filter: only the mirror's sidecar reports it. Its answer and
    // what it did to the page are dropped.
    const std::int32_t pick = hosts[rng.below(count)];
    PageOutcome scratch;
    Call served = handle(service, pick, request, rng, scratch);
    record(false, source, caller, pick, service, served.code, kNone, served.latencyMs + kSidecarMs, version);
}

LoadBalancer& Mesh::balancerFor(std::int32_t caller, std::uint16_t cluster) {
    // A sidecar calls few clusters: a short list per caller beats a hash map here.
    auto& list = caller < 0 ? m_gatewayBalancers : m_endpoints[static_cast<std::size_t>(caller)].balancers;
    for (auto& [key, balancer] : list) {
        if (key == cluster) return balancer;
    }
    return list.emplace_back(cluster, LoadBalancer{}).second;
}

Mesh::Call Mesh::handle(Service service, std::int32_t endpoint, const RequestAttributes& request, common::Rng& rng,
                        PageOutcome& page) {
    const Endpoint& self = m_endpoints[static_cast<std::size_t>(endpoint)];
    const WorkloadProfile& profile = self.profile;
    Call result{200, kNone, rng.logNormal(profile.latencyMedianMs, profile.latencySigma) + profile.extraLatencyMs,
                endpoint};
    if (profile.errorRate > 0 && rng.chance(profile.errorRate)) {
        result.code = 500;
        return result;
    }
    if (service == kProductpage) {
        servePage(endpoint, request, rng, page, result);
    } else if (service == kReviews) {
        page.reviewsVersion = self.version;
        page.ratingsOk = false;
        if (self.version >= 2) {
            const Millis timeout = self.version == 2 ? 10000 : 2500;  // black stars wait longer
            const Call r = callService(endpoint, kRatings, timeout, request, rng, page);
            page.ratingsOk = r.code == 200;
            result.latencyMs += r.latencyMs;
        }
    }
    return result;
}

void Mesh::servePage(std::int32_t endpoint, const RequestAttributes& request, common::Rng& rng, PageOutcome& page,
                     Call& result) {
    // productpage.py: the page needs details then reviews; the JSON API one backend each.
    const std::string path = request.path.substr(0, request.path.find('?'));
    const bool wholePage = path == "/productpage";
    const bool api = path.rfind("/api/v1/products/", 0) == 0;
    auto endsWith = [&](const char* suffix) {
        const std::string s(suffix);
        return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
    };
    const bool wantsReviews = wholePage || (api && endsWith("/reviews"));
    const bool wantsRatings = api && endsWith("/ratings");
    const bool wantsDetails = wholePage || (api && !wantsReviews && !wantsRatings);
    if (wantsDetails) {
        const Call d = callService(endpoint, kDetails, kProductpageTimeout, request, rng, page);
        page.detailsOk = d.code == 200;
        page.backendStatus = d.code;
        result.latencyMs += d.latencyMs;
    }
    if (wantsReviews) {
        page.reviewsOk = false;
        for (int tryNo = 0; tryNo < 2 && !page.reviewsOk; ++tryNo) {  // productpage's deliberate double try
            const Call r = callService(endpoint, kReviews, kProductpageTimeout, request, rng, page);
            result.latencyMs += r.latencyMs;
            page.reviewsOk = r.code == 200;
            page.reviewsEndpoint = page.reviewsOk ? r.endpoint : -1;
            page.backendStatus = r.code;
        }
        if (!page.reviewsOk) page.reviewsVersion = 0;
    }
    if (wantsRatings) {
        const Call r = callService(endpoint, kRatings, kProductpageTimeout, request, rng, page);
        page.ratingsOk = r.code == 200;
        page.backendStatus = r.code;
        result.latencyMs += r.latencyMs;
    }
}

}  // namespace meshlings::sim
