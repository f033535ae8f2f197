// The routing state file: where it is, a save/load round trip, atomic
// writes, and malformed files refused with the file and the field named.
#include "bridge/routing_state_file.hpp"

#include <doctest/doctest.h>

#include <fstream>

#include "bridge/routing_state_error.hpp"
#include "state_home.hpp"

using namespace meshlings;
using bridge::RoutingSnapshot;
using bridge::RoutingStateError;
using bridge::RoutingStateFile;
using Json = nlohmann::json;

namespace {

RoutingSnapshot sample() {
    RoutingSnapshot snapshot;
    snapshot.context = "kind-bookinfo";
    snapshot.nameSpace = "bookinfo";
    snapshot.server = "https://127.0.0.1:6443";
    snapshot.savedAt = "2026-11-26T11:00:00Z";
    bridge::SavedObject vs;
    vs.kind = "VirtualService";
    vs.name = "reviews";
    vs.existed = true;
    vs.uid = "u-1";
    vs.resourceVersion = "41";
    vs.lastWrittenVersion = "57";
    vs.labels = {{"team", "books"}};
    vs.annotations = {{"note", "hand made"}};
    vs.spec = {{"hosts", {"reviews"}},
               {"http", {{{"route", {{{"destination", {{"host", "reviews"}, {"subset", "v1"}}}}}}}}}};
    bridge::SavedObject dr;
    dr.kind = "DestinationRule";
    dr.name = "reviews";
    dr.lastWrittenVersion = "56";
    snapshot.objects = {vs, dr};
    return snapshot;
}

std::string errorOf(const RoutingStateFile& file) {
    try {
        file.load();
    } catch (const RoutingStateError& e) {
        return e.what();
    }
    return "(no error)";
}

void write(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("one state file per context and namespace under $XDG_STATE_HOME/meshlings, the context escaped") {
    const testing::StateHome home;
    const auto file = RoutingStateFile::forTarget("arn:aws:eks/prod", "bookinfo");
    CHECK(file.path() == home.folder() / "routing-arn%3Aaws%3Aeks%2Fprod@bookinfo.json");
    CHECK(RoutingStateFile::forTarget("a_b", "n").path() != RoutingStateFile::forTarget("a:b", "n").path());
    CHECK_FALSE(file.exists());
}

TEST_CASE("a saved snapshot loads back the same, and no temporary file is left beside it") {
    const testing::StateHome home;
    const auto file = RoutingStateFile::forTarget("kind-bookinfo", "bookinfo");
    const RoutingSnapshot saved = sample();
    file.save(saved);
    REQUIRE(file.exists());
    const RoutingSnapshot loaded = file.load();
    CHECK(loaded.toJson() == saved.toJson());
    CHECK(loaded.objects.size() == 2);
    CHECK(loaded.objects[0].existed);
    CHECK(loaded.objects[0].resourceVersion == "41");
    CHECK(loaded.objects[0].lastWrittenVersion == "57");
    CHECK(loaded.objects[0].labels == Json{{"team", "books"}});
    CHECK(loaded.objects[0].spec == saved.objects[0].spec);
    CHECK_FALSE(loaded.objects[1].existed);
    CHECK(loaded.objects[1].lastWrittenVersion == "56");
    CHECK(loaded.touched());

    RoutingSnapshot changed = saved;  // a second save replaces the first
    changed.objects.pop_back();
    file.save(changed);
    CHECK(file.load().objects.size() == 1);
    int entries = 0;
    for (const auto& entry : std::filesystem::directory_iterator(home.folder())) {
        ++entries;
        CHECK(entry.path() == file.path());
    }
    CHECK(entries == 1);
    file.remove();
    CHECK_FALSE(file.exists());
    CHECK_NOTHROW(file.remove());
}

TEST_CASE("malformed state files are refused with the file and the field named") {
    const testing::StateHome home;
    const auto file = RoutingStateFile::forTarget("c", "n");
    const std::string name = file.path().string();

    write(file.path(), "{\"format\": 1, \"objects\": [");
    CHECK(errorOf(file).find("state file " + name + ": not JSON") == 0);

    Json json = sample().toJson();
    json["objects"][1]["kind"] = "Gateway";
    write(file.path(), json.dump());
    CHECK(errorOf(file) == "state file " + name +
                               ": field objects[1].kind: expected VirtualService or DestinationRule, got \"Gateway\"");

    json = sample().toJson();
    json["objects"][0].erase("existed");
    write(file.path(), json.dump());
    CHECK(errorOf(file) == "state file " + name + ": field objects[0].existed: missing");

    json = sample().toJson();
    json["objects"][0]["spec"] = "v1";
    write(file.path(), json.dump());
    CHECK(errorOf(file) == "state file " + name + ": field objects[0].spec: expected an object, got string");

    json = sample().toJson();
    json["objects"][0]["labels"] = {{"team", 7}};
    write(file.path(), json.dump());
    CHECK(errorOf(file) == "state file " + name + ": field objects[0].labels.team: expected a string, got number");

    json = sample().toJson();
    json["format"] = 2;
    write(file.path(), json.dump());
    CHECK(errorOf(file) == "state file " + name + ": field format: expected 1, got 2");

    json = sample().toJson();
    json.erase("namespace");
    write(file.path(), json.dump());
    CHECK(errorOf(file) == "state file " + name + ": field namespace: missing");

    write(file.path(), "[]");
    CHECK(errorOf(file) == "state file " + name + ": field (top level): expected an object, got array");

    std::filesystem::remove(file.path());
    CHECK(errorOf(file).find("state file " + name + ": cannot be read") == 0);
}
