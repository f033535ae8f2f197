#include "world/replay/recorder.hpp"

#include "world/model/world_digest.hpp"
#include "world/replay/command_codec.hpp"
#include "world/replay/replay_text.hpp"

namespace meshlings::world {

Recorder::Recorder(std::ostream& out, const ReplayHeader& header) : m_out(out) {
    m_out << "meshlings-replay " << header.formatVersion << '\n'
          << "level " << ReplayText::quote(header.levelId) << '\n'
          << "seed " << header.seed << '\n';
    m_out.flush();
}

void Recorder::record(Tick tick, const Command& command) {
    m_out << tick.value << ' ' << CommandCodec::encode(command) << '\n';
    m_out
        .flush();  // a crash loses nothing, and a reader (tests/replays/record_campaign.sh) sees the session as it goes
    ++m_recorded;
}

World::CommandListener Recorder::listener() {
    return [this](Tick tick, const Command& command) { record(tick, command); };
}

void Recorder::finish(const World& world) {
    m_out << "end " << world.now().value << ' ' << WorldDigest::outcomeLine(world) << '\n';
    m_out.flush();
}

void Recorder::comment(const std::string& text) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        m_out << "# " << text.substr(start, end == std::string::npos ? std::string::npos : end - start) << '\n';
        if (end == std::string::npos) break;
        start = end + 1;
    }
}

}  // namespace meshlings::world
