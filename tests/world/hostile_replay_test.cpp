// A replay file is untrusted input (issue 17, case 5). Expected: what it may
// hold is bounded (ticks up to ReplayReader::kMaxSessionTicks, lines, line
// length, bytes), each excess is an error naming file, line and field, and
// reading and playing it costs time linear in its size. Observed before: an
// `end` tick of 9223372036854775807 was accepted and verifying never
// finished; 20,000 pod lines took 17.5 s (every pod line made the blast
// radius pass over every pod seen).
#include <doctest/doctest.h>

#include <chrono>
#include <sstream>

#include "world/replay/replay_reader.hpp"
#include "world/replay/replay_verifier.hpp"

using namespace meshlings::world;

namespace {

const std::string kHostileHeader = "meshlings-replay 1\nlevel sandbox\nseed 5\n";

ReplayReadResult readHostile(const std::string& text) {
    std::istringstream in(text);
    return ReplayReader::read(in, "hostile.replay");
}

// `pods` pod lines, one new pod a tick, every tenth one later deleted.
std::string podReplay(int pods) {
    std::ostringstream out;
    out << kHostileHeader << "0 connection connected \"\" \"\"\n";
    for (int i = 0; i < pods; ++i) {
        out << i << " pod reviews-v1-" << i << " reviews-v1 reviews v1 Ready 2/2 0 1700000000\n";
        if (i % 10 == 9) out << i << " pod-gone reviews-v1-" << (i - 5) << "\n";
    }
    out << "end " << pods << " result=sandbox\n";
    return out.str();
}

}  // namespace

TEST_CASE("hostile replay: a tick past the longest session is an error naming line and field") {
    const std::string max = std::to_string(ReplayReader::kMaxSessionTicks);
    const ReplayReadResult end = readHostile(kHostileHeader + "end 9223372036854775807 result=sandbox\n");
    REQUIRE_FALSE(end.ok());
    CHECK(end.errors.front().text() ==
          "hostile.replay:4: end: tick 9223372036854775807 is past the longest session a replay may hold (" + max +
              " ticks, 24 hours)");
    const ReplayReadResult command = readHostile(kHostileHeader + std::to_string(ReplayReader::kMaxSessionTicks + 1) +
                                                 " pause on\nend 1 result=sandbox\n");
    REQUIRE_FALSE(command.ok());
    CHECK(command.errors.front().text().starts_with("hostile.replay:4: tick: tick " +
                                                    std::to_string(ReplayReader::kMaxSessionTicks + 1) +
                                                    " is past the longest session"));
    CHECK(readHostile(kHostileHeader + "end " + max + " result=sandbox\n").ok());  // the bound itself is allowed
}

TEST_CASE("hostile replay: an over-long line is skipped unread, with its line number") {
    const std::string huge(ReplayReader::kMaxLineLength * 4, 'x');
    const ReplayReadResult result = readHostile(kHostileHeader + "# " + huge + "\n0 pause on\n" + huge + "\nend 1 x\n");
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0].text() == "hostile.replay:4: line longer than 65536 bytes");
    CHECK(result.errors[1].text() == "hostile.replay:6: line longer than 65536 bytes");
}

TEST_CASE("hostile replay: more lines than a replay may hold stop the reading") {
    std::string text = kHostileHeader;
    for (std::size_t i = 0; i < ReplayReader::kMaxLines; ++i) text += "#\n";
    const ReplayReadResult result = readHostile(text + "end 0 x\n");
    REQUIRE_FALSE(result.ok());
    CHECK(result.errors.front().line == static_cast<int>(ReplayReader::kMaxLines) + 1);
    CHECK(result.errors.front().message.starts_with("more than 2000000 lines"));
}

TEST_CASE("hostile replay: 20,000 pod lines read and play in time linear in their number") {
    // A hang guard with a wide margin, not a speed test: before the fix this took 17.5 s
    // without sanitizers; linear, it takes well under a second.
    const auto start = std::chrono::steady_clock::now();
    const ReplayReadResult read = readHostile(podReplay(20'000));
    REQUIRE(read.ok());
    CHECK(read.replay.commands.size() == 22'001);
    const VerifyResult result = ReplayVerifier::verify(read.replay, {});
    CHECK(result.error.empty());
    CHECK(result.observed.find("result=") != std::string::npos);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 20.0);
}
