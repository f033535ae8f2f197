// Fault injection for client tests: each rule matches what it says, spoils
// as many requests as it says, and does what its action says (an error
// Status with the right reason, a body that is not JSON, half the real
// answer, a delay, a watch cut after N events); rules come in-process or
// over /meshlings/faults, which exists only when asked for.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <sstream>
#include <thread>

#include "server_fixture.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::kPods;
using meshlings::sim::testing::ServerFixture;
using Json = nlohmann::json;

namespace {

FaultRule rule(const std::string& json) {
    return FaultRule::fromJson(Json::parse(json));
}

// The lines a watch delivered, and whether its stream ended cleanly.
struct WatchOutcome {
    std::vector<std::string> events;
    bool clean = false;
};

// Reads a watch to its end; `received`, when given, counts the lines as they come.
WatchOutcome watch(httplib::ClientImpl& client, const std::string& path, std::atomic<std::size_t>* received = nullptr) {
    std::string body;
    const auto result = client.Get(path, [&](const char* data, std::size_t length) {
        body.append(data, length);
        if (received) *received += static_cast<std::size_t>(std::count(data, data + length, '\n'));
        return true;
    });
    WatchOutcome outcome;
    outcome.clean = static_cast<bool>(result) && result->status == 200;
    std::istringstream lines(body);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) outcome.events.push_back(line);
    }
    return outcome;
}

ServeOptions withEndpoint(bool tls = false, AuthMode auth = AuthMode::None) {
    ServeOptions options = ServerFixture::defaults();
    options.faultInjection = true;
    options.tls = tls;
    options.auth = auth;
    return options;
}

}  // namespace

TEST_CASE("a status rule answers with a Kubernetes Status of that code and reason") {
    ServerFixture fixture;
    auto& api = fixture.api();
    const std::vector<std::pair<int, std::string>> codes = {
        {401, "Unauthorized"},    {403, "Forbidden"},     {404, "NotFound"},          {409, "Conflict"},
        {429, "TooManyRequests"}, {500, "InternalError"}, {503, "ServiceUnavailable"}};
    for (const auto& [code, reason] : codes) {
        CAPTURE(code);
        fixture.server().faults().add(rule(R"({"status":)" + std::to_string(code) + "}"));
        const auto result = api.Get(kPods);
        REQUIRE(result);
        CHECK(result->status == code);
        const Json status = Json::parse(result->body);
        CHECK(status["kind"] == "Status");
        CHECK(status["apiVersion"] == "v1");
        CHECK(status["status"] == "Failure");
        CHECK(status["code"] == code);
        CHECK(status["reason"] == reason);
        CHECK(!status["message"].get<std::string>().empty());
        CHECK(result->has_header("Retry-After") == (code == 429));
        CHECK(api.Get(kPods)->status == 200);  // one use only, by default
    }
    SUBCASE("429 carries Retry-After and details.retryAfterSeconds, as configured") {
        fixture.server().faults().add(rule(R"({"status":429,"retryAfterSeconds":7,"message":"slow down"})"));
        const auto result = api.Get(kPods);
        CHECK(result->get_header_value("Retry-After") == "7");
        const Json status = Json::parse(result->body);
        CHECK(status["details"]["retryAfterSeconds"] == 7);
        CHECK(status["message"] == "slow down");
        fixture.server().faults().add(rule(R"({"status":429})"));
        CHECK(api.Get(kPods)->get_header_value("Retry-After") == "1");
    }
}

TEST_CASE("rules match on method and path, for as many requests as they say") {
    ServerFixture fixture;
    auto& api = fixture.api();
    auto& faults = fixture.server().faults();
    faults.add(rule(R"({"method":"post","path":"/virtualservices","times":2,"status":500})"));
    CHECK(api.Get("/apis/networking.istio.io/v1/namespaces/default/virtualservices")->status == 200);
    CHECK(api.Get(kPods)->status == 200);
    const std::string vs = R"({"metadata":{"name":"r"},"spec":{"hosts":["r"]}})";
    const char* vsPath = "/apis/networking.istio.io/v1/namespaces/default/virtualservices";
    CHECK(api.Post(vsPath, vs, "application/json")->status == 500);
    REQUIRE(faults.rules().size() == 1);
    CHECK(faults.rules()[0].times == 1);
    CHECK(api.Post(vsPath, vs, "application/json")->status == 500);
    CHECK(faults.rules().empty());
    CHECK(api.Post(vsPath, vs, "application/json")->status == 201);

    faults.add(rule(R"({"path":"/pods","times":-1,"status":503})"));
    for (int i = 0; i < 5; ++i) CHECK(api.Get(kPods)->status == 503);
    CHECK(api.Get("/version")->status == 200);
    faults.clear();
    CHECK(api.Get(kPods)->status == 200);
}

TEST_CASE("malformed, truncated and delayed answers") {
    ServerFixture fixture;
    auto& api = fixture.api();
    const auto real = api.Get(kPods);
    REQUIRE(real);
    const std::size_t realSize = real->body.size();

    fixture.server().faults().add(rule(R"({"malformedBody":true})"));
    const auto malformed = api.Get(kPods);
    CHECK(malformed->status == 200);
    CHECK_FALSE(Json::accept(malformed->body));

    fixture.server().faults().add(rule(R"({"truncatedBody":true})"));
    const auto truncated = api.Get(kPods);
    CHECK(truncated->status == 200);
    CHECK(truncated->body.size() == realSize / 2);
    CHECK(real->body.compare(0, truncated->body.size(), truncated->body) == 0);
    CHECK_FALSE(Json::accept(truncated->body));

    fixture.server().faults().add(rule(R"({"delayMs":300})"));
    const auto start = std::chrono::steady_clock::now();
    const auto delayed = api.Get(kPods);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));
    CHECK(delayed->status == 200);
    CHECK(Json::accept(delayed->body));

    CHECK_THROWS_AS(rule(R"({"status":200})"), ApiError);
    CHECK_THROWS_AS(rule(R"({"status":500,"malformedBody":true})"), ApiError);
    CHECK_THROWS_AS(rule(R"({"times":0,"status":500})"), ApiError);
    CHECK_THROWS_AS(rule(R"({"path":"/pods"})"), ApiError);
    CHECK_THROWS_AS(rule(R"({"status":500,"colour":"red"})"), ApiError);
}

TEST_CASE("closeWatchAfterEvents cuts a watch after N events without a clean end") {
    ServerFixture fixture;
    auto client = fixture.client();
    fixture.server().faults().add(rule(R"({"path":"/pods","closeWatchAfterEvents":2})"));
    // A list is no watch: the rule waits for one.
    CHECK(client->Get(kPods)->status == 200);
    const WatchOutcome cut = watch(*client, std::string(kPods) + "?watch=true&resourceVersion=0&timeoutSeconds=5");
    CHECK_FALSE(cut.clean);
    REQUIRE(cut.events.size() == 2);
    for (const auto& event : cut.events) CHECK(Json::parse(event)["type"] == "ADDED");
    CHECK(fixture.server().faults().rules().empty());

    const WatchOutcome whole = watch(*client, std::string(kPods) + "?watch=true&resourceVersion=0&timeoutSeconds=1");
    CHECK(whole.clean);
    CHECK(whole.events.size() == 6);
}

TEST_CASE("/meshlings/faults exists only with fault injection") {
    SUBCASE("without it, 404 like any unknown path") {
        ServerFixture fixture;
        CHECK(fixture.api().Post("/meshlings/faults", R"([{"status":500}])", "application/json")->status == 404);
        CHECK(fixture.api().Delete("/meshlings/faults")->status == 404);
        CHECK(fixture.server().faults().rules().empty());
    }
    SUBCASE("with it, POST adds a list of rules, GET shows them, DELETE clears them") {
        ServerFixture fixture(withEndpoint());
        auto& api = fixture.api();
        const auto added =
            api.Post("/meshlings/faults", R"([{"method":"GET","path":"/pods","status":429,"times":3},{"delayMs":10}])",
                     "application/json");
        REQUIRE(added);
        CHECK(added->status == 201);
        CHECK(Json::parse(added->body)["rules"].size() == 2);
        CHECK(Json::parse(api.Get("/meshlings/faults")->body)["rules"][0] ==
              Json{{"method", "GET"}, {"path", "/pods"}, {"status", 429}, {"times", 3}});
        CHECK(api.Get(kPods)->status == 429);
        CHECK(Json::parse(api.Get("/meshlings/faults")->body)["rules"][0]["times"] == 2);
        const auto bad = api.Post("/meshlings/faults", R"([{"status":500},{"status":299}])", "application/json");
        CHECK(bad->status == 400);
        CHECK(Json::parse(bad->body)["reason"] == "BadRequest");
        CHECK(fixture.server().faults().rules().size() == 2);  // nothing of the bad list was added
        CHECK(api.Delete("/meshlings/faults")->status == 200);
        CHECK(fixture.server().faults().rules().empty());
        CHECK(api.Get(kPods)->status == 200);
    }
    SUBCASE("with authentication, only the admin may set faults") {
        ServerFixture fixture(withEndpoint(true, AuthMode::Token));
        const std::string rules = R"([{"status":500}])";
        CHECK(fixture.client()->Post("/meshlings/faults", rules, "application/json")->status == 401);
        const auto viewer = fixture.clientAs("meshlings-viewer")->Post("/meshlings/faults", rules, "application/json");
        CHECK(viewer->status == 403);
        CHECK(Json::parse(viewer->body)["message"] ==
              "forbidden: User \"meshlings-viewer\" cannot post path \"/meshlings/faults\"");
        CHECK(fixture.clientAs("meshlings-admin")->Post("/meshlings/faults", rules, "application/json")->status == 201);
        // Faults come before authentication: even an anonymous request gets the injected answer.
        CHECK(fixture.client()->Get("/version")->status == 500);
    }
}

TEST_CASE("restartApi drops open watches and serves the same model on the same port") {
    ServerFixture fixture(withEndpoint(true, AuthMode::Token));
    auto admin = fixture.clientAs("meshlings-admin");
    const Json before = Json::parse(admin->Get(kPods)->body);
    const int port = fixture.server().options().apiPort;

    WatchOutcome open;
    std::atomic<std::size_t> received{0};
    std::thread watcher([&] {
        auto client = fixture.clientAs("meshlings-admin");
        open = watch(*client, std::string(kPods) + "?watch=true&resourceVersion=0&timeoutSeconds=30", &received);
    });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (received < 6 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const auto restartStart = std::chrono::steady_clock::now();
    fixture.server().restartApi();
    watcher.join();
    CHECK(std::chrono::steady_clock::now() - restartStart < std::chrono::seconds(5));
    CHECK_FALSE(open.clean);
    CHECK(open.events.size() >= 6);  // the initial ADDED events (and any change since), then the cut

    CHECK(fixture.server().options().apiPort == port);
    auto again = fixture.clientAs("meshlings-admin");  // same token, same CA
    const Json after = Json::parse(again->Get(kPods)->body);
    std::vector<std::string> namesBefore;
    std::vector<std::string> namesAfter;
    for (const auto& pod : before["items"]) namesBefore.push_back(pod["metadata"]["name"]);
    for (const auto& pod : after["items"]) namesAfter.push_back(pod["metadata"]["name"]);
    CHECK(namesAfter == namesBefore);
    const auto created =
        again->Post("/apis/networking.istio.io/v1/namespaces/default/virtualservices",
                    R"({"metadata":{"name":"after-restart"},"spec":{"hosts":["x"]}})", "application/json");
    REQUIRE(created);
    CHECK(created->status == 201);
    const std::string listVersion = before["metadata"]["resourceVersion"];
    CHECK(std::stoull(Json::parse(created->body)["metadata"]["resourceVersion"].get<std::string>()) >
          std::stoull(listVersion));
    CHECK(again->Get("/meshlings/faults")->status == 200);

    fixture.server().restartApi();  // twice in a row works too
    CHECK(fixture.clientAs("meshlings-admin")->Get(kPods)->status == 200);
}
