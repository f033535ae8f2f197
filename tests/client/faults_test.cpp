// Injected faults of the built-in API server and what the client makes of
// them: 429 and 5xx with Retry-After are retried after the given wait (up to
// ten times), other errors come back at once with the right status and
// reason, and bodies that are not JSON or are cut short give a DecodeError.
#include <doctest/doctest.h>

#include "client/core_calls.hpp"
#include "client/status_error.hpp"
#include "cluster_fixture.hpp"
#include "common/json_access_common.hpp"

using namespace meshlings::k8s;
using meshlings::k8s::testing::ClusterFixture;
using meshlings::sim::FaultRule;

namespace {

FaultRule rule(int status, int times, int retryAfter = -1) {
    FaultRule fault;
    fault.path = "/pods";
    fault.status = status;
    fault.times = times;
    fault.retryAfterSeconds = retryAfter;
    return fault;
}

struct RecordingClient {
    std::vector<std::chrono::milliseconds> sleeps;
    std::unique_ptr<KubeClient> client;
    explicit RecordingClient(ClusterFixture& fixture) {
        ClientOptions options;
        options.qps = -1;
        options.sleep = [this](std::chrono::milliseconds delay) { sleeps.push_back(delay); };
        client = std::make_unique<KubeClient>(fixture.restConfig(), options);
    }
};

StatusError statusErrorOf(KubeClient& client) {
    try {
        listPods(client);
    } catch (const StatusError& e) {
        return e;
    }
    FAIL("expected a StatusError");
    return StatusError(0, "", "");
}

}  // namespace

TEST_CASE("429 is retried after Retry-After, and gives up after ten retries") {
    ClusterFixture fixture;
    RecordingClient recording(fixture);
    fixture.server().faults().add(rule(429, 2, 3));
    CHECK(meshlings::json_access::array(listPods(*recording.client), "items").size() == 6);
    CHECK(recording.sleeps == std::vector<std::chrono::milliseconds>{std::chrono::seconds(3), std::chrono::seconds(3)});
    CHECK(recording.client->counts().retries == 2);

    fixture.server().faults().add(rule(429, -1));
    const auto error = statusErrorOf(*recording.client);
    CHECK(error.status() == 429);
    CHECK(error.reason() == "TooManyRequests");
    CHECK(recording.sleeps.size() == 2 + 10);
    fixture.server().faults().clear();
}

TEST_CASE("a 5xx is retried only when it carries Retry-After") {
    ClusterFixture fixture;
    RecordingClient recording(fixture);
    fixture.server().faults().add(rule(503, 1, 1));
    CHECK_NOTHROW(listPods(*recording.client));
    CHECK(recording.sleeps.size() == 1);
    fixture.server().faults().add(rule(500, 1));
    const auto error = statusErrorOf(*recording.client);
    CHECK(error.status() == 500);
    CHECK(error.reason() == "InternalError");
    CHECK(recording.sleeps.size() == 1);
    CHECK_NOTHROW(listPods(*recording.client));  // the fault was used up
}

TEST_CASE("401, 403, 404 and 409 come back at once with their reason") {
    ClusterFixture fixture;
    RecordingClient recording(fixture);
    for (const auto& [status, reason] : std::vector<std::pair<int, std::string>>{
             {401, "Unauthorized"}, {403, "Forbidden"}, {404, "NotFound"}, {409, "Conflict"}}) {
        CAPTURE(status);
        fixture.server().faults().add(rule(status, 1));
        const auto error = statusErrorOf(*recording.client);
        CHECK(error.status() == status);
        CHECK(error.reason() == reason);
    }
    CHECK(recording.sleeps.empty());
}

TEST_CASE("malformed and truncated answers give a clear DecodeError, never a crash") {
    ClusterFixture fixture;
    RecordingClient recording(fixture);
    FaultRule malformed;
    malformed.path = "/pods";
    malformed.malformedBody = true;
    fixture.server().faults().add(malformed);
    CHECK_THROWS_WITH_AS(
        listPods(*recording.client),
        doctest::Contains("GET /api/v1/namespaces/default/pods: the server's answer is not valid JSON"), DecodeError);
    FaultRule truncated;
    truncated.path = "/pods";
    truncated.truncatedBody = true;
    fixture.server().faults().add(truncated);
    CHECK_THROWS_AS(listPods(*recording.client), DecodeError);
    CHECK_NOTHROW(listPods(*recording.client));
}

TEST_CASE("a watch cut by the server mid-stream is reported as interrupted") {
    ClusterFixture fixture;
    auto client = fixture.client();
    FaultRule cut;
    cut.path = "/pods";
    cut.closeWatchAfterEvents = 2;
    fixture.server().faults().add(cut);
    WatchOptions options;  // resourceVersion "": six synthetic ADDED first
    CancelFlag cancel;
    int events = 0;
    CHECK_THROWS_AS(watchPods(
                        client, options, [&](WatchEvent&&) { return ++events < 100; }, cancel),
                    TransportError);
    CHECK(events == 2);
}
