#include "simcluster/server/api_server.hpp"

#include "simcluster/api_error.hpp"
#include "simcluster/http/http_response.hpp"
#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"
#include "simcluster/server/admission.hpp"
#include "simcluster/server/fault_endpoint.hpp"
#include "simcluster/server/field_labels.hpp"
#include "simcluster/server/field_validation.hpp"
#include "simcluster/server/list_pager.hpp"
#include "simcluster/server/patch.hpp"
#include "simcluster/server/protobuf_object.hpp"
#include "simcluster/server/request_json.hpp"
#include "simcluster/server/scale_view.hpp"
#include "simcluster/server/table_printer.hpp"
#include "simcluster/server/watch_stream.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;
constexpr const char* kTableType = "application/json;as=Table;v=v1;g=meta.k8s.io";

constexpr auto includeOf = &TablePrinter::includeOf;
constexpr int kMaxWatches = 100;  // open watches; the API's worker pool is 128

// The server never compresses: on loopback no compression is fastest (the
// charset parameter once kept cpp-httplib from brotli-compressing a
// 5,000-pod list for 25 s).
constexpr const char* kJson = "application/json;charset=utf-8";

void sendJson(http::Response& response, int status, const std::string& body, const char* type = kJson) {
    response.status = status;
    response.setContent(body, type);
}

// What anyone may read without credentials, as system:public-info-viewer allows.
bool publicInfo(const std::string& path) {
    return path == "/version" || path == "/version/" || path == "/healthz" || path == "/livez" || path == "/readyz";
}

}  // namespace

ApiServer::ApiServer(Cluster& cluster, ModelClock clock, std::string advertisedAddress,
                     const Authenticator& authenticator, FaultInjector& faults, bool faultEndpoint)
    : m_cluster(cluster),
      m_clock(std::move(clock)),
      m_nonResource(std::move(advertisedAddress)),
      m_authenticator(authenticator),
      m_faults(faults),
      m_faultEndpoint(faultEndpoint),
      m_deletes(cluster, [this] { sync(); }),
      m_evictions(cluster, [this] { sync(); }),
      m_reviews(m_authorizer),
      m_logs(cluster, [this] { sync(); }),
      m_metricsApi(cluster, [this] { sync(); }) {}

void ApiServer::sync() {
    m_cluster.advanceTo(m_clock());
}

std::int64_t ApiServer::unixNow() const {
    return m_cluster.context().epoch + m_clock();
}

// Every request passes here once: the fault endpoint, then any injected
// fault, then authentication and authorization, then the handlers.
void ApiServer::dispatch(const http::Request& request, http::Response& response) {
    std::optional<FaultRule> fault;
    try {
        const auto attributes = AccessAttributes::fromHttp(request.method, request.path, request.param("watch"),
                                                           request.param("fieldSelector"));
        if (m_faultEndpoint && FaultEndpoint::handles(request.path)) {
            authorize(m_authenticator.authenticate(request, false), attributes);
            return FaultEndpoint::serve(m_faults, request, response);
        }
        fault = m_faults.take(request.method, request.path, attributes.verb == "watch");
        if (fault && FaultEndpoint::answer(*fault, response)) return;
        const UserInfo user = m_authenticator.authenticate(request, publicInfo(request.path));
        authorize(user, attributes);
        route(request, response, user, fault ? fault->closeWatchAfterEvents : -1);
    } catch (const ApiError& e) {
        // Retry-After only when the Status asks for it, as the real server sets it from details.retryAfterSeconds.
        if (const auto status = e.toStatus(); e.code() == 429 && status.contains("details")) {
            const auto seconds = status["details"].value("retryAfterSeconds", 0);
            if (seconds > 0) response.setHeader("Retry-After", std::to_string(seconds));
        }
        sendJson(response, e.code(), request_json::dump(e.toStatus()));
    } catch (const Json::exception& e) {
        sendJson(response, 400,
                 request_json::dump(ApiError::badRequest(std::string("malformed object: ") + e.what()).toStatus()));
    } catch (const std::exception& e) {
        sendJson(response, 500, request_json::dump(ApiError(500, "InternalError", e.what()).toStatus()));
    }
    if (fault && fault->truncatedBody) FaultEndpoint::truncate(response);
}

void ApiServer::authorize(const UserInfo& user, const AccessAttributes& attributes) const {
    if (!m_authorizer.authorize(user, attributes).allowed) throw Authorizer::forbidden(user, attributes);
}

void ApiServer::route(const http::Request& request, http::Response& response, const UserInfo& user,
                      int closeWatchAfterEvents) {
    if (m_nonResource.serve(request, response)) return;
    auto api = ApiRequest::parse(request);
    if (!api) throw ApiError(404, "NotFound", "the server could not find the requested resource");
    serveResource(request, response, *api, user, closeWatchAfterEvents);
}

void ApiServer::serveResource(const http::Request& request, http::Response& response, const ApiRequest& api,
                              const UserInfo& user, int closeWatchAfterEvents) {
    const auto& verbs = api.type->verbs;
    auto allow = [&](const char* verb) {
        if (std::find(verbs.begin(), verbs.end(), verb) == verbs.end()) {
            throw ApiError::methodNotAllowed(api.type->qualifiedName() + " does not support " + verb);
        }
    };
    if (!api.subresource.empty()) {
        const auto& subs = api.type->subresources;
        if (std::none_of(subs.begin(), subs.end(), [&](const Subresource& s) { return s.name == api.subresource; })) {
            throw ApiError(404, "NotFound", "the server could not find the requested resource");
        }
    }
    const std::string& method = request.method;
    if (api.type->group == "metrics.k8s.io") return m_metricsApi.serve(request, response, api);
    if (api.subresource == "log") {
        if (method != "GET")
            throw ApiError::methodNotAllowed("the server does not allow this method on the requested resource");
        return m_logs.serve(request, response, api);
    }
    if (api.subresource == "eviction") {
        if (method != "POST") throw ApiError::methodNotAllowed("pods/eviction only supports create");
        int status = 201;
        const Json body = m_evictions.evict(request, api, status);
        return sendJson(response, status, body.dump());
    }
    ProtobufObject::requireReadable(request, api.type->kind);
    int status = 200;
    Json body;
    if (method == "GET" && api.name.empty()) {
        const bool watching = request.hasParam("watch") && ApiRequest::parseBool(request.param("watch"), "watch");
        allow(watching ? "watch" : "list");
        return watching ? watch(request, response, api, closeWatchAfterEvents) : list(request, response, api);
    }
    if (method == "GET") {
        allow("get");
        body = get(api);
        if (api.table && api.subresource.empty()) {
            Json table = TablePrinter::table(*api.type, {std::make_shared<const Json>(body)}, unixNow(),
                                             includeOf(api.includeObject), true);
            table["metadata"]["resourceVersion"] = body["metadata"].value("resourceVersion", "");
            return sendJson(response, 200, table.dump(), kTableType);
        }
    } else if (method == "POST" && api.name.empty() && api.type->kind.rfind("SelfSubject", 0) == 0) {
        allow("create");
        status = 201;
        body = m_reviews.review(request, api.type->kind, user);
    } else if (method == "POST" && api.name.empty()) {
        allow("create");
        body = create(request, api, status);
    } else if (method == "PUT" && !api.name.empty()) {
        allow("update");
        body = replace(request, api);
    } else if (method == "PATCH" && !api.name.empty()) {
        allow("patch");
        body = patch(request, api, status);
    } else if (method == "DELETE") {
        allow(api.name.empty() ? "deletecollection" : "delete");
        body = api.name.empty() ? m_deletes.removeCollection(request, api) : m_deletes.remove(request, api);
    } else {
        throw ApiError::methodNotAllowed("the server does not allow this method on the requested resource");
    }
    if (!api.warnings.empty()) response.setHeader("Warning", FieldValidation::warningHeader(api.warnings));
    sendJson(response, status, body.dump());
}

ObjectPtr ApiServer::require(const ApiRequest& api) {
    const auto object = m_cluster.store().get(*api.type, api.ns, api.name);
    if (!object) throw ApiError::notFound(api.type->qualifiedName(), api.name);
    return object;
}

void ApiServer::list(const http::Request& request, http::Response& response, const ApiRequest& api) {
    const Selector labels = Selector::parseLabels(request.param("labelSelector"));
    const Selector fields = FieldLabels::parse(*api.type, request.param("fieldSelector"));
    std::vector<ObjectPtr> objects;
    std::uint64_t version = 0;
    std::string next;  // the continue token of a paged list
    {
        std::lock_guard lock(m_cluster.mutex());
        sync();
        for (auto& object : m_cluster.store().list(*api.type, api.ns)) {
            if (labels.matches(*object) && fields.matches(*object)) objects.push_back(std::move(object));
        }
        version = m_cluster.store().resourceVersion();
        next = ListPager::page(request, api.ns, objects, version, m_cluster.store().compactedVersion());
    }
    if (api.table) {
        Json table = TablePrinter::table(*api.type, objects, unixNow(), includeOf(api.includeObject), true);
        table["metadata"]["resourceVersion"] = std::to_string(version);
        if (!next.empty()) table["metadata"]["continue"] = next;
        return sendJson(response, 200, table.dump(), kTableType);
    }
    const bool rewrite = api.type->apiVersion() != api.type->apiVersionFor(api.version);
    std::string body = R"({"kind":")" + api.type->kind + R"(List","apiVersion":")" +
                       api.type->apiVersionFor(api.version) + R"(","metadata":{"resourceVersion":")" +
                       std::to_string(version) + (next.empty() ? "" : R"(","continue":")" + next) + R"("},"items":[)";
    for (std::size_t i = 0; i < objects.size(); ++i) {
        if (i > 0) body += ',';
        body += rewrite ? api.present(*objects[i]).dump() : objects[i]->dump();
    }
    body += "]}";
    sendJson(response, 200, body);
}

void ApiServer::watch(const http::Request& request, http::Response& response, const ApiRequest& api,
                      int closeAfterEvents) {
    if (request.hasParam("sendInitialEvents") &&
        ApiRequest::parseBool(request.param("sendInitialEvents"), "sendInitialEvents")) {
        throw ApiError::invalid(
            "ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: "
            "sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled");
    }
    WatchFilter filter{api.type, api.ns, Selector::parseLabels(request.param("labelSelector")),
                       FieldLabels::parse(*api.type, request.param("fieldSelector"))};
    std::optional<std::uint64_t> from;
    if (const std::string rv = request.param("resourceVersion"); !rv.empty()) {
        try {
            from = std::stoull(rv);
        } catch (const std::exception&) {
            throw ApiError::badRequest("invalid resource version: \"" + rv + "\"");
        }
    }
    WatchOptions options;
    options.table = api.table;
    options.include = includeOf(api.includeObject);
    options.version = api.version;
    options.closeAfterEvents = closeAfterEvents;
    if (request.hasParam("allowWatchBookmarks")) {
        options.bookmarks = ApiRequest::parseBool(request.param("allowWatchBookmarks"), "allowWatchBookmarks");
    }
    if (request.hasParam("timeoutSeconds")) {
        try {
            const long long seconds = std::stoll(request.param("timeoutSeconds"));
            options.timeout = std::chrono::seconds(std::clamp(seconds, 1LL, 3600LL));
        } catch (const std::exception&) {
            throw ApiError::badRequest("invalid timeoutSeconds");
        }
    }
    if (m_openWatches.load() >= kMaxWatches) {
        throw ApiError(429, "TooManyRequests", "too many open watches on the built-in cluster; try again later",
                       {{"retryAfterSeconds", 1}});
    }
    // Counts this watch open for as long as the stream holds the guard.
    ++m_openWatches;
    const std::shared_ptr<void> guard(nullptr, [this](void*) { --m_openWatches; });
    std::shared_ptr<WatchChannel> channel;
    try {
        std::lock_guard lock(m_cluster.mutex());
        sync();
        channel = m_cluster.store().watch(std::move(filter), from);
    } catch (const ApiError& gone) {
        if (gone.code() != 410) throw;
        return sendJson(response, 200, WatchStream::errorEvent(gone.toStatus()));
    }
    WatchStream::serve(
        response, channel, options, [this] { return unixNow(); }, guard);
}

Json ApiServer::get(const ApiRequest& api) {
    std::lock_guard lock(m_cluster.mutex());
    sync();
    const Json object = *require(api);
    if (api.subresource == "scale") return ScaleView::of(object);
    return api.present(object);
}

Json ApiServer::create(const http::Request& request, const ApiRequest& api, int& status) {
    Json object = ProtobufObject::bodyOf(request);
    FieldValidation::checkWrite(api, request.body, object);
    if (object.contains("kind") && object["kind"] != api.type->kind) {
        throw ApiError::badRequest("the object provided is of kind " + object["kind"].dump() + ", not " +
                                   api.type->kind);
    }
    auto& meta = object["metadata"];
    if (!meta.is_object()) meta = Json::object();
    if (api.type->namespaced) {
        if (meta.contains("namespace") && meta["namespace"] != api.ns) {
            throw ApiError::badRequest(
                "the namespace of the provided object does not match the namespace sent on the request");
        }
        meta["namespace"] = api.ns;
    }
    std::lock_guard lock(m_cluster.mutex());
    sync();
    if (!meta.contains("name") && meta.contains("generateName") && meta["generateName"].is_string()) {
        meta["name"] = meta["generateName"].get<std::string>() + m_cluster.context().nameSuffix();
    }
    Admission::admitNew(m_cluster.store(), api, object);
    status = 201;
    if (api.dryRun) {
        if (m_cluster.store().get(*api.type, api.ns, meta.value("name", ""))) {
            throw ApiError::alreadyExists(api.type->qualifiedName(), meta.value("name", ""));
        }
        meta["creationTimestamp"] = rfc3339(unixNow());
        object["kind"] = api.type->kind;
        return api.present(object);
    }
    const auto created = m_cluster.store().create(*api.type, std::move(object), unixNow());
    sync();
    return api.present(*created);
}

Json ApiServer::write(const ApiRequest& api, Json updated) {
    const auto& meta = updated["metadata"];
    if (json_access::text(meta, "name") != api.name ||
        (api.type->namespaced && json_access::text(meta, "namespace", api.ns) != api.ns)) {
        throw ApiError::badRequest("the name or namespace of the object does not match the request");
    }
    // Deletion is the cluster's to record, not a client's to write.
    if (const auto current = m_cluster.store().get(*api.type, api.ns, api.name)) {
        for (const char* field : {"deletionTimestamp", "deletionGracePeriodSeconds"}) {
            updated["metadata"].erase(field);
            if ((*current)["metadata"].contains(field)) updated["metadata"][field] = (*current)["metadata"][field];
        }
    }
    Admission::admitChange(api, updated);
    if (api.dryRun) return api.present(updated);
    const auto stored = m_cluster.store().update(*api.type, std::move(updated));
    sync();
    return api.present(*stored);
}

Json ApiServer::replace(const http::Request& request, const ApiRequest& api) {
    Json object = ProtobufObject::bodyOf(request);
    std::lock_guard lock(m_cluster.mutex());
    sync();
    Json existing = *require(api);
    if (api.subresource == "scale") {
        if (!object.contains("spec") || !object["spec"].contains("replicas"))
            throw ApiError::invalid("Scale: spec.replicas: Required value");
        Admission::validateScale(api.name, object);
        existing["spec"]["replicas"] = object["spec"]["replicas"];
        const std::string wanted = object["metadata"].value("resourceVersion", "");
        if (!wanted.empty()) existing["metadata"]["resourceVersion"] = wanted;
        return ScaleView::of(write(api, std::move(existing)));
    }
    if (api.subresource == "status") {
        existing["status"] = object.value("status", Json::object());
        existing["metadata"]["resourceVersion"] = object["metadata"].value("resourceVersion", "");
        return write(api, std::move(existing));
    }
    FieldValidation::checkWrite(api, request.body, object);
    object["metadata"]["namespace"] = object["metadata"].value("namespace", api.ns);
    if (existing.contains("status")) object["status"] = existing["status"];
    if (!api.type->namespaced) object["metadata"].erase("namespace");
    return write(api, std::move(object));
}

Json ApiServer::patch(const http::Request& request, const ApiRequest& api, int& status) {
    const auto type = Patch::typeOf(request.header("Content-Type"), !api.type->isCustom());
    if (type == Patch::Type::Apply && request.param("fieldManager").empty()) {
        throw ApiError::invalid(
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
    }
    std::lock_guard lock(m_cluster.mutex());
    sync();
    auto current = m_cluster.store().get(*api.type, api.ns, api.name);
    if (!current && type == Patch::Type::Apply && api.subresource.empty()) {
        Json object = Patch::apply(type, Json{{"metadata", {{"name", api.name}, {"namespace", api.ns}}}}, request.body);
        if (!object["metadata"].is_object()) object["metadata"] = Json::object();
        object["metadata"]["name"] = api.name;  // the URL names the object
        if (api.type->namespaced)
            object["metadata"]["namespace"] = api.ns;
        else
            object["metadata"].erase("namespace");
        Admission::admitNew(m_cluster.store(), api, object);
        status = 201;
        if (api.dryRun) return api.present(object);
        const auto created = m_cluster.store().create(*api.type, std::move(object), unixNow());
        sync();
        return api.present(*created);
    }
    if (!current) throw ApiError::notFound(api.type->qualifiedName(), api.name);
    Json existing = *current;
    if (api.subresource == "scale") {
        const Json scaled = Patch::apply(type, ScaleView::of(existing), request.body);
        Admission::validateScale(api.name, scaled);
        existing["spec"]["replicas"] = json_access::field(json_access::object(scaled, "spec"), "replicas");
        return ScaleView::of(write(api, std::move(existing)));
    }
    Json patched = Patch::apply(type, existing, request.body);
    if (type != Patch::Type::Apply)
        FieldValidation::checkPatch(api, request.body, patched, type == Patch::Type::Strategic);
    if (!patched.is_object() || !patched.contains("metadata") || !patched["metadata"].is_object()) {
        throw ApiError::invalid(api.type->kind + " \"" + api.name + "\" is invalid: metadata: Required value");
    }
    if (api.subresource == "status") {
        existing["status"] = patched.value("status", Json::object());
        existing["metadata"]["resourceVersion"] = patched["metadata"].value("resourceVersion", "");
        return write(api, std::move(existing));
    }
    if (existing.contains("status")) patched["status"] = existing["status"];
    return write(api, std::move(patched));
}

}  // namespace meshlings::sim
