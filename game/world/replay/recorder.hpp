#pragma once
// Writes a session as a replay file, one line at a time as it happens, each
// flushed, so a crash loses nothing before it and a reader can follow the
// session as it goes. The format (version 1):
//
//   meshlings-replay 1
//   level <levelId>
//   seed <seed>
//   # lines starting with # and blank lines are ignored anywhere
//   <tick> <command>           one per applied command, ticks never decreasing
//   ...                        (command syntax: command_codec.hpp)
//   end <tick> <outcome>       the tick the world had reached and
//                              WorldDigest::outcomeLine() there
//
// Hook it to a world with world.setCommandListener(recorder.listener()) and
// call finish(world) at the end. The stream must outlive the recorder.
#include <ostream>

#include "world/model/world.hpp"
#include "world/replay/replay.hpp"

namespace meshlings::world {

class Recorder {
public:
    Recorder(std::ostream& out, const ReplayHeader& header);

    void record(Tick tick, const Command& command);
    World::CommandListener listener();
    // Writes the end line for the world as it is now.
    void finish(const World& world);
    void comment(const std::string& text);

    std::size_t recorded() const { return m_recorded; }

private:
    std::ostream& m_out;
    std::size_t m_recorded = 0;
};

}  // namespace meshlings::world
