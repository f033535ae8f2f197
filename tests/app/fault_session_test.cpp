// A whole GameSession against the built-in cluster served on loopback and
// reached through a kubeconfig, with the API server's injected faults
// (issue 6, "Faults and bad input"): 403, 409, 429, 500 and a body that is
// not JSON on the player's pod delete, weight shift and VirtualService create;
// slow answers; a cut watch; the API server stopped and started again; the
// ingress down; Prometheus down. In each
// case the session keeps ticking, the player is told what went wrong, the
// server gets each mutating call as often as the client's retry rules say
// (KubeClient: a 429, or a 5xx with Retry-After, is sent again; anything else
// once), the view matches the cluster afterwards, and the audit log has one
// complete line per mutating call.
//
// How calls are counted: after the rule that spoils a call comes a rule
// that only waits 1 ms on the same method and path, with 1000 uses; the uses
// it has lost are the calls that reached the server after the spoiled one.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "../mesh/closed_port.hpp"
#include "bridge/cluster_bridge.hpp"
#include "client/audit_log.hpp"
#include "client/core_calls.hpp"
#include "common/json_access_common.hpp"
#include "loopback_session.hpp"
#include "world/replay/replay_verifier.hpp"

using namespace meshlings;
using testing::liveWeights;
using testing::LoopbackCluster;
using testing::tickUntil;
namespace ja = json_access;

namespace {

constexpr int kCounterUses = 1000;
const std::string kPodsPath = "/api/v1/namespaces/default/pods";
const std::string kReviewsRoute = "/virtualservices/reviews";
const std::string kRoutes = "/virtualservices";  // with POST: the create

// Every Message effect the world emits: what the player reads in the message log.
class MessageLog final : public world::EffectSink {
public:
    void emit(const world::Effect& effect) override {
        if (const auto* message = std::get_if<world::Message>(&effect)) texts.push_back(message->text);
    }
    // The first message from `from` on that contains `part`, or empty.
    std::string find(const std::string& part, std::size_t from = 0) const {
        for (std::size_t i = from; i < texts.size(); ++i) {
            if (texts[i].find(part) != std::string::npos) return texts[i];
        }
        return "";
    }
    std::vector<std::string> texts;
};

sim::FaultRule spoil(const std::string& method, const std::string& path) {
    sim::FaultRule rule;
    rule.method = method;
    rule.path = path;
    rule.times = 1;
    return rule;
}

sim::FaultRule counter(const std::string& method, const std::string& path) {
    sim::FaultRule rule = spoil(method, path);
    rule.times = kCounterUses;
    rule.delayMs = 1;
    return rule;
}

// Calls of `method` on `path` the server received after the spoiled one
// (which must have been used up): the counter rule's lost uses.
int sentAfterSpoiled(sim::ClusterServer& server, const std::string& method, const std::string& path) {
    int uses = -1;
    for (const auto& rule : server.faults().rules()) {
        if (rule.method != method || rule.path != path) continue;
        if (rule.delayMs != 1) return -100;  // the spoiling rule was never used
        uses = kCounterUses - rule.times;
    }
    return uses;
}

// A session whose target keeps an audit log (--audit-log), and a client of
// the test's own (not audited) that plays kubectl.
struct FaultSession {
    explicit FaultSession(std::uint64_t seed, const std::map<std::string, int>& weights = {},
                          const std::string& ingress = "", const std::string& prometheus = "")
        : cluster(true, seed) {
        cluster.options.ingressUrl = ingress;
        cluster.options.prometheusUrl = prometheus;
        cluster.options.auditLog = auditFile.string();
        target = std::make_unique<app::ClusterTarget>(cluster.options);
        REQUIRE(target->restConfig());
        REQUIRE(target->restConfig()->audit);
        k8s::RestConfig own = *target->restConfig();
        own.audit.reset();  // the test's own calls stay out of the session's audit log
        client = std::make_unique<k8s::KubeClient>(own);
        istio = std::make_unique<k8s::IstioRouting>(*client);
        world::Level level = world::ReplayVerifier::sandboxLevel();
        level.initialWeights = weights;
        session = std::make_unique<app::GameSession>(level, seed, *target, messages);
    }

    const world::World& world() const { return session->world(); }
    sim::FaultInjector& faults() { return cluster.server.faults(); }
    bool connected() const { return world().connection().state == world::ConnectionState::Connected; }

    void startConnected() {
        session->start();
        const bool ready = tickUntil(
            *session, [&] { return connected() && viewMatches(); }, 5);
        if (!ready) MESSAGE(viewDiff());
        REQUIRE(ready);
    }

    // A Ready pod of `app`, as the world sees it.
    std::string readyPod(const std::string& app) const {
        for (const auto& [name, pod] : world().pods().all()) {
            if (!pod.gone && pod.observed.state == world::PodState::Ready && name.rfind(app + "-", 0) == 0) return name;
        }
        return "";
    }

    // The world's pods (not gone) are the cluster's Bookinfo pods.
    std::string viewDiff() const {
        std::string out = "cluster:";
        const auto pods = k8s::listPods(*client);
        for (const auto& item : ja::array(pods, "items")) {
            out += " " + ja::text(ja::object(item, "metadata"), "name");
        }
        out += "\nworld:";
        for (const auto& [name, pod] : world().pods().all()) out += " " + name + (pod.gone ? "(gone)" : "");
        return out;
    }

    bool viewMatches() const {
        std::set<std::string> live;
        const auto pods = k8s::listPods(*client);
        for (const auto& item : ja::array(pods, "items")) {
            const auto& metadata = ja::object(item, "metadata");
            if (bridge::ClusterBridge::isBookinfoApp(ja::text(ja::object(metadata, "labels"), "app"))) {
                live.insert(ja::text(metadata, "name"));
            }
        }
        std::set<std::string> seen;
        for (const auto& [name, pod] : world().pods().all()) {
            if (!pod.gone) seen.insert(name);
        }
        return !live.empty() && live == seen;
    }

    // The pod is being deleted or gone, in the cluster.
    bool deletedInCluster(const std::string& pod) const {
        try {
            return ja::object(k8s::getPod(*client, pod), "metadata").contains("deletionTimestamp");
        } catch (const k8s::StatusError& e) {
            return e.notFound();
        }
    }

    // Submits the player's command and ticks until its answer came back;
    // returns the message it produced (its first one containing `part`).
    std::string answer(world::Command command, const std::string& part) {
        const std::size_t before = messages.texts.size();
        session->submit(std::move(command));
        bool sent = false;
        const bool answered = tickUntil(*session, [&] {
            const bool inFlight = !world().actions().inFlight().empty();
            sent = sent || inFlight;
            return sent && !inFlight && !messages.find(part, before).empty();
        });
        CHECK(answered);
        return messages.find(part, before);
    }

    // The audit log's lines for `method` on an object ending in `object`, each parsed.
    std::vector<nlohmann::json> audited(const std::string& method, const std::string& object) const {
        std::ifstream in(auditFile);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        CHECK((text.empty() || text.back() == '\n'));  // no line cut short
        std::vector<nlohmann::json> out;
        std::size_t start = 0;
        while (start < text.size()) {
            const std::size_t end = text.find('\n', start);
            const auto line = nlohmann::json::parse(text.substr(start, end - start), nullptr, false);
            start = end == std::string::npos ? text.size() : end + 1;
            REQUIRE(line.is_object());
            const std::string lineObject = line.value("object", "");
            if (line.value("method", "") == method && lineObject.size() >= object.size() &&
                lineObject.compare(lineObject.size() - object.size(), object.size(), object) == 0) {
                out.push_back(line);
            }
        }
        return out;
    }

    LoopbackCluster cluster;
    std::filesystem::path auditFile = cluster.home.path() / "audit.jsonl";
    std::unique_ptr<app::ClusterTarget> target;
    std::unique_ptr<k8s::KubeClient> client;
    std::unique_ptr<k8s::IstioRouting> istio;
    MessageLog messages;
    std::unique_ptr<app::GameSession> session;
};

struct Spoiled {
    const char* what;
    int status;         // 0: a 200 whose body is not JSON
    int retryAfter;     // -1: none
    const char* shown;  // what the player's message must say
};

sim::FaultRule spoiled(const Spoiled& fault, const std::string& method, const std::string& path) {
    sim::FaultRule rule = spoil(method, path);
    rule.status = fault.status;
    rule.retryAfterSeconds = fault.retryAfter;
    rule.malformedBody = fault.status == 0;
    return rule;
}

// Refused by the server and not retried: the action is refused in the game, sent once.
const Spoiled kRefusals[] = {
    {"403", 403, -1, "forbidden: injected fault"},
    {"409", 409, -1, "Operation cannot be fulfilled"},
    {"500", 500, -1, "Internal error occurred: injected fault"},
    {"malformed JSON", 0, -1, "not valid JSON"},
};

std::vector<long> statuses(const std::vector<nlohmann::json>& lines) {
    std::vector<long> out;
    for (const auto& line : lines) {
        const auto& result = line.at("result");
        out.push_back(result.contains("status") ? result.at("status").get<long>() : 0);
    }
    return out;
}

}  // namespace

TEST_CASE(
    "fault session: 403, 409, 500 and malformed JSON on the player's delete are shown, sent once; 429 and 500 "
    "with Retry-After are sent again and the pod goes once") {
    FaultSession fs(21);
    fs.startConnected();
    const std::string victim = fs.readyPod("productpage");
    REQUIRE_FALSE(victim.empty());
    const std::string path = kPodsPath + "/" + victim;

    for (const auto& fault : kRefusals) {
        CAPTURE(fault.what);
        fs.faults().clear();
        fs.faults().add(spoiled(fault, "DELETE", path));
        fs.faults().add(counter("DELETE", path));
        const std::string shown = fs.answer(world::RequestDeletePod{victim}, "refused");
        CHECK(shown.find(victim) != std::string::npos);
        CHECK(shown.find(fault.shown) != std::string::npos);
        CHECK(sentAfterSpoiled(fs.cluster.server, "DELETE", path) == 0);
        CHECK_FALSE(fs.deletedInCluster(victim));
        CHECK_FALSE(fs.session->halted());
        CHECK(fs.viewMatches());
    }

    // A 500 with Retry-After is sent again (client-go's rule too): one DELETE refused, one that deletes.
    fs.faults().clear();
    fs.faults().add(spoiled({"500 retry", 500, 1, ""}, "DELETE", path));
    fs.faults().add(counter("DELETE", path));
    const std::string shown = fs.answer(world::RequestDeletePod{victim}, "delete");
    CHECK(shown.find("refused") == std::string::npos);
    CHECK(sentAfterSpoiled(fs.cluster.server, "DELETE", path) == 1);
    CHECK(fs.deletedInCluster(victim));

    // A 429 on another pod: the same.
    const std::string second = fs.readyPod("details");
    REQUIRE_FALSE(second.empty());
    const std::string secondPath = kPodsPath + "/" + second;
    fs.faults().clear();
    fs.faults().add(spoiled({"429", 429, -1, ""}, "DELETE", secondPath));
    fs.faults().add(counter("DELETE", secondPath));
    CHECK(fs.answer(world::RequestDeletePod{second}, "delete").find("refused") == std::string::npos);
    CHECK(sentAfterSpoiled(fs.cluster.server, "DELETE", secondPath) == 1);
    CHECK(fs.deletedInCluster(second));
    fs.faults().clear();

    // The view: both pods gone from the world as from the cluster, their replacements seen.
    CHECK(tickUntil(*fs.session, [&] { return fs.viewMatches(); }));
    CHECK_FALSE(fs.session->halted());

    // The audit log: one complete line per call the session made, with its result.
    CHECK(statuses(fs.audited("DELETE", "pods/" + victim)) == std::vector<long>{403, 409, 500, 200, 200});
    CHECK(statuses(fs.audited("DELETE", "pods/" + second)) == std::vector<long>{200});
    const auto victimLines = fs.audited("DELETE", "pods/" + victim);
    REQUIRE(victimLines.size() == 5);
    CHECK(victimLines[0]["result"]["reason"] == "Forbidden");
    CHECK(victimLines[3]["result"]["reason"] == "answer not JSON");  // refused in the game: not OK here either
    CHECK(victimLines[4]["result"]["reason"] == "OK");
    for (const auto& line : victimLines) {
        CHECK(line.contains("time"));
        CHECK(line.value("server", "") == fs.target->restConfig()->server);
        CHECK(line.value("namespace", "") == "default");
    }
    fs.session->finish();
}

TEST_CASE(
    "fault session: faults on the player's weight shift are shown, sent as the retry rules say, the routing "
    "restored at the end") {
    FaultSession fs(22, {{"v1", 100}});
    fs.startConnected();
    REQUIRE(tickUntil(*fs.session, [&] {
        return liveWeights(*fs.istio) == world::ReviewsWeights::of(100, 0, 0) &&
               fs.world().observedWeights() == world::ReviewsWeights::of(100, 0, 0);
    }));

    for (const auto& fault : kRefusals) {
        CAPTURE(fault.what);
        fs.faults().clear();
        fs.faults().add(spoiled(fault, "PATCH", kReviewsRoute));
        fs.faults().add(counter("PATCH", kReviewsRoute));
        const std::string shown = fs.answer(world::RequestWeights{world::ReviewsWeights::of(0, 100, 0)}, "refused");
        CHECK(shown.find(fault.shown) != std::string::npos);
        CHECK(sentAfterSpoiled(fs.cluster.server, "PATCH", kReviewsRoute) == 0);
        CHECK(liveWeights(*fs.istio) == world::ReviewsWeights::of(100, 0, 0));
        CHECK(fs.world().observedWeights() == world::ReviewsWeights::of(100, 0, 0));
        CHECK_FALSE(fs.session->halted());
    }

    fs.faults().clear();
    fs.faults().add(spoiled({"429", 429, -1, ""}, "PATCH", kReviewsRoute));
    fs.faults().add(counter("PATCH", kReviewsRoute));
    CHECK(fs.answer(world::RequestWeights{world::ReviewsWeights::of(0, 0, 100)}, "weights").find("refused") ==
          std::string::npos);
    CHECK(sentAfterSpoiled(fs.cluster.server, "PATCH", kReviewsRoute) == 1);
    fs.faults().clear();
    CHECK(liveWeights(*fs.istio) == world::ReviewsWeights::of(0, 0, 100));
    CHECK(tickUntil(*fs.session, [&] { return fs.world().observedWeights() == world::ReviewsWeights::of(0, 0, 100); }));

    CHECK(statuses(fs.audited("PATCH", kReviewsRoute.substr(1))) == std::vector<long>{403, 409, 500, 200, 200});
    CHECK(fs.audited("PATCH", kReviewsRoute.substr(1)).at(3)["result"]["reason"] == "answer not JSON");
    fs.session->finish();
    CHECK_FALSE(liveWeights(*fs.istio));  // the game created it: deleted at the end
    CHECK(statuses(fs.audited("DELETE", kReviewsRoute.substr(1))) == std::vector<long>{200});
}

TEST_CASE("fault session: answers slow by seconds do not hold up the game loop") {
    FaultSession fs(23);
    // Every list and watch of the pods waits 2 s: the session ticks on, still connecting.
    sim::FaultRule slow = spoil("GET", kPodsPath);
    slow.times = -1;
    slow.delayMs = 2000;
    fs.faults().add(slow);
    fs.session->start();
    const world::Tick started = fs.world().now();
    REQUIRE(tickUntil(*fs.session, [&] { return fs.world().now() - started >= 30; }));
    CHECK(fs.world().connection().state == world::ConnectionState::Connecting);
    fs.faults().clear();
    REQUIRE(tickUntil(*fs.session, [&] { return fs.connected() && fs.viewMatches(); }));

    // The player's delete answered after 2 s: the loop goes on meanwhile, the call is sent once.
    const std::string victim = fs.readyPod("ratings");
    REQUIRE_FALSE(victim.empty());
    const std::string path = kPodsPath + "/" + victim;
    sim::FaultRule slowDelete = spoil("DELETE", path);
    slowDelete.delayMs = 2000;
    fs.faults().add(slowDelete);
    fs.faults().add(counter("DELETE", path));
    fs.session->submit(world::RequestDeletePod{victim});
    REQUIRE(tickUntil(*fs.session, [&] { return !fs.world().actions().inFlight().empty(); }));
    const world::Tick sent = fs.world().now();
    REQUIRE(tickUntil(*fs.session, [&] { return fs.world().now() - sent >= 30; }));
    CHECK_FALSE(fs.world().actions().inFlight().empty());  // still unanswered after 30 ticks
    REQUIRE(tickUntil(*fs.session, [&] { return fs.world().actions().inFlight().empty(); }));
    CHECK(sentAfterSpoiled(fs.cluster.server, "DELETE", path) == 0);
    CHECK(fs.deletedInCluster(victim));
    CHECK(tickUntil(*fs.session, [&] { return fs.viewMatches(); }));
    fs.session->finish();
}

TEST_CASE("fault session: after a cut watch a pod deleted by someone else is seen gone") {
    FaultSession fs(24);
    // The pods' first watch drops after one event, without a clean end.
    sim::FaultRule cut = spoil("GET", kPodsPath);
    cut.closeWatchAfterEvents = 1;
    fs.faults().add(cut);
    fs.startConnected();
    const std::string first = fs.readyPod("productpage");
    REQUIRE_FALSE(first.empty());
    k8s::DeleteOptions now;
    now.gracePeriodSeconds = 0;
    k8s::deletePod(*fs.client, first, now);  // the one event; then the cut
    REQUIRE(tickUntil(*fs.session, [&] { return fs.faults().rules().empty() && fs.viewMatches(); }));

    const std::string second = fs.readyPod("reviews");
    REQUIRE_FALSE(second.empty());
    k8s::deletePod(*fs.client, second, now);
    CHECK(tickUntil(*fs.session, [&] {
        const world::Pod* pod = fs.world().pods().find(second);
        return (pod == nullptr || pod->gone) && fs.viewMatches();
    }));
    CHECK(fs.connected());
    CHECK_FALSE(fs.session->halted());  // one watch cut and resumed is no loss of contact
    fs.session->finish();
}

TEST_CASE(
    "fault session: the API server stopped mid-session halts chaos; once it is back the routing is restored "
    "and the view is right") {
    FaultSession fs(25, {{"v2", 100}});
    fs.startConnected();
    REQUIRE(tickUntil(*fs.session, [&] { return liveWeights(*fs.istio) == world::ReviewsWeights::of(0, 100, 0); }));

    fs.cluster.server.stopApi();
    REQUIRE(tickUntil(*fs.session, [&] { return fs.session->halted(); }));
    CHECK(fs.session->banner().find("HALTED by the dead man's switch (lost contact with the API server)") !=
          std::string::npos);
    const world::Tick halted = fs.world().now();
    REQUIRE(tickUntil(*fs.session, [&] { return fs.session->banner().find("retrying") != std::string::npos; }));
    REQUIRE(tickUntil(*fs.session, [&] { return fs.world().now() - halted >= 30; }));  // the loop goes on
    CHECK_FALSE(fs.session->routingRescued());
    CHECK(fs.world().connection().state != world::ConnectionState::Connected);

    // A pod deleted while the game could not see it.
    fs.cluster.server.startApi();
    const std::string victim = fs.readyPod("details");
    REQUIRE_FALSE(victim.empty());
    k8s::DeleteOptions now;
    now.gracePeriodSeconds = 0;
    k8s::deletePod(*fs.client, victim, now);

    REQUIRE(tickUntil(*fs.session, [&] { return fs.session->routingRescued(); }));
    CHECK_FALSE(liveWeights(*fs.istio));  // created by the game: deleted again, as before the session
    CHECK(fs.session->banner().find("routing restored") != std::string::npos);
    CHECK(tickUntil(*fs.session, [&] { return fs.connected() && fs.viewMatches(); }));
    const world::Pod* deleted = fs.world().pods().find(victim);
    CHECK((deleted == nullptr || deleted->gone));

    // Created once, deleted once by the rescue. A delete tried while the API was down reached nothing
    // (a change goes out on a fresh connection, never through a kept-alive one the stopped listener
    // still serves): its line is a connection failure.
    CHECK(statuses(fs.audited("POST", "virtualservices")) == std::vector<long>{201});
    const auto deletes = fs.audited("DELETE", kReviewsRoute.substr(1));
    REQUIRE_FALSE(deletes.empty());
    CHECK(statuses(deletes).back() == 200);
    for (std::size_t i = 0; i + 1 < deletes.size(); ++i) {
        CAPTURE(deletes[i].dump());
        CHECK(deletes[i]["result"].value("error", "").find("nothing answers") != std::string::npos);
    }
    fs.session->finish();
}

TEST_CASE("fault session: the ingress down is shown and the session runs on") {
    FaultSession fs(26, {}, "http://127.0.0.1:" + std::to_string(meshlings::testing::closedLoopbackPort()));
    fs.startConnected();
    REQUIRE(tickUntil(*fs.session, [&] { return fs.world().hud().lost >= 5; }));
    CHECK(fs.world().hud().saved == 0);
    CHECK(fs.world().hud().successPercent == 0.0);
    CHECK(tickUntil(*fs.session, [&] { return fs.session->banner().find("ngress") != std::string::npos; }));
    CHECK_FALSE(fs.session->halted());
    CHECK(fs.connected());
    fs.session->finish();
}

TEST_CASE(
    "fault session: faults on the VirtualService create are shown, sent as the retry rules say, and what "
    "the game created is deleted at the end") {
    FaultSession fs(27);  // no reviews VirtualService: the first shift creates one
    fs.startConnected();
    REQUIRE_FALSE(liveWeights(*fs.istio));

    for (const auto& fault : kRefusals) {
        CAPTURE(fault.what);
        fs.faults().clear();
        fs.faults().add(spoiled(fault, "POST", kRoutes));
        fs.faults().add(counter("POST", kRoutes));
        const std::string shown = fs.answer(world::RequestWeights{world::ReviewsWeights::of(0, 100, 0)}, "refused");
        CHECK(shown.find(fault.shown) != std::string::npos);
        CHECK(sentAfterSpoiled(fs.cluster.server, "POST", kRoutes) == 0);
        CHECK_FALSE(liveWeights(*fs.istio));  // nothing created
        CHECK_FALSE(fs.session->halted());
    }

    fs.faults().clear();
    fs.faults().add(spoiled({"429", 429, -1, ""}, "POST", kRoutes));
    fs.faults().add(counter("POST", kRoutes));
    CHECK(fs.answer(world::RequestWeights{world::ReviewsWeights::of(0, 0, 100)}, "weights").find("refused") ==
          std::string::npos);
    CHECK(sentAfterSpoiled(fs.cluster.server, "POST", kRoutes) == 1);
    fs.faults().clear();
    CHECK(liveWeights(*fs.istio) == world::ReviewsWeights::of(0, 0, 100));
    CHECK(tickUntil(*fs.session, [&] { return fs.world().observedWeights() == world::ReviewsWeights::of(0, 0, 100); }));

    CHECK(statuses(fs.audited("POST", "virtualservices")) == std::vector<long>{403, 409, 500, 200, 201});
    CHECK(fs.audited("POST", "virtualservices").at(3)["result"]["reason"] == "answer not JSON");
    fs.session->finish();
    CHECK_FALSE(liveWeights(*fs.istio));  // created by the game: deleted at the end
    CHECK(statuses(fs.audited("DELETE", kReviewsRoute.substr(1))) == std::vector<long>{200});
}

TEST_CASE("fault session: Prometheus down is shown, and the probe, the player's shift and the restore work on") {
    const std::string closed = "http://127.0.0.1:" + std::to_string(meshlings::testing::closedLoopbackPort());
    FaultSession fs(29, {{"v1", 100}}, "", closed);
    fs.startConnected();
    REQUIRE(tickUntil(*fs.session, [&] { return fs.world().hud().telemetry.rfind("Prometheus down", 0) == 0; }));
    CHECK(fs.session->summary(1).find("Prometheus down") != std::string::npos);
    CHECK(tickUntil(*fs.session, [&] { return fs.world().hud().saved >= 3; }));  // the probe's own pages still come
    CHECK(fs.answer(world::RequestWeights{world::ReviewsWeights::of(0, 0, 100)}, "weights").find("refused") ==
          std::string::npos);
    CHECK(liveWeights(*fs.istio) == world::ReviewsWeights::of(0, 0, 100));
    CHECK_FALSE(fs.session->halted());
    CHECK(fs.connected());
    fs.session->finish();
    CHECK_FALSE(liveWeights(*fs.istio));  // the level's set-up created it: deleted at the end
}
