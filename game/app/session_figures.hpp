#pragma once
// The figure lines of a session's exit summary (`meshlings play --headless`,
// the window's exit, the drill's summary): the session's success rate and p99
// and the last 30 s's success, p50 and p99, each naming its window (once the
// level has ended: as they were at its end, World::finalHud, the figures of
// the result screen and the report), and the outcome line of the replay
// format (WorldDigest::outcomeLine: the whole recording, to the exit). Read from
// the world alone, so a replayed world prints what the played one printed
// (tests/app/figure_consistency_test.cpp compares them with every other
// place that shows these figures). No state.
#include <string>

#include "world/model/world.hpp"

namespace meshlings::app {

class SessionFigures {
public:
    // "this session: success 97.2 %, p99 58 ms; last 30 s: success ..., p50 ..., p99 ...; weights ...\n",
    // after the level's end "the level, to its end at 1:30: success ...".
    static std::string figuresLine(const world::World& world);
    // "outcome: result=won requests=... digest=...\n"
    static std::string outcomeLine(const world::World& world);

private:
    static std::string clock(int seconds);  // "1:30"
};

}  // namespace meshlings::app
