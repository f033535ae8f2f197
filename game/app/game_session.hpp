#pragma once
// One play session, without any window: the World and what feeds it at tick
// boundaries, composed of three parts -- the SourceDrain (the ClusterBridge's
// informer events and API answers, the Probe, the telemetry, the doctor's
// verdict on the first connection), the RequestRouter (the world's
// ClusterRequests to the bridge's one executor, or refused: halted, a
// protected namespace, no cluster) and the SafetyController (the halt and
// its routing rescue, the dead man's switch, arming, the routing restored at
// the end) -- plus the player's commands, the LevelDirector's setup and
// scripted changes, the banner, and the Recorder when --record is given.
// The level's chaos plan and probe rate are the world's decisions; the
// session only reads the rate and tells the world of a halt (HaltChaos).
// halt() is the emergency stop: the level's scripted changes and the queued
// routing calls stop, every later change is refused for the rest of the
// session, and the routing is put back. Watches and probe go on so the
// player sees the recovery. arm() is what the arming dialog's confirm does.
// tick() is one fixed step: submit what arrived, then the frame's player
// commands handed in, world.step(), route the world's ClusterRequests. The
// one queue from input to the world is the World's own (World::submit); the
// session keeps none. The SessionLoop decides when to call it. One
// thread; the sources' own threads only fill queues.
#include <atomic>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "app/cluster_target.hpp"
#include "app/level_director.hpp"
#include "app/safety_controller.hpp"
#include "app/source_drain.hpp"
#include "bridge/request_router.hpp"
#include "world/model/world.hpp"
#include "world/replay/recorder.hpp"

namespace meshlings::app {

class GameSession {
public:
    // `target` and `effects` must outlive the session.
    GameSession(const world::Level& level, std::uint64_t seed, ClusterTarget& target, world::EffectSink& effects);
    ~GameSession();
    GameSession(const GameSession&) = delete;
    GameSession& operator=(const GameSession&) = delete;

    // Writes the session to `file` from the first tick on; throws std::runtime_error if it cannot be opened.
    void record(const std::string& file);
    // Starts the watches, the probe, the level's setup and (real cluster) the doctor.
    void start();
    // A command applied at the next tick, before what that tick drains from the sources (tests, SIGUSR1's halt).
    void submit(world::Command command) { m_world.submit(std::move(command)); }
    // One fixed step; `player` is the frame's commands (the SessionLoop's), applied after the sources' at this tick.
    void tick(std::vector<world::Command> player = {});
    // Stops the sources, restores the routing and writes the recording's end line. Idempotent.
    // An exec credential plugin's run in progress is killed first, so that no source waits for it;
    // the restore may run the plugin again (within its deadline) unless the session was interrupted.
    void finish();
    // Ctrl-C or SIGTERM (the SessionLoop's StopSignal): from now on no exec plugin runs, and one
    // running is killed, so that the end never waits for a plugin. Any thread.
    void interrupt();

    // The emergency stop; `why` names what asked ("key Backspace", "SIGUSR1"). Only the first counts.
    void halt(const std::string& why);
    bool halted() const { return m_safety.halted(); }
    // What halted it ("SIGUSR1", "the connection doctor (...)"), or empty.
    const std::string& haltReason() const { return m_safety.haltReason(); }
    // The connection doctor's fatal verdict on a cluster ("step permissions: missing: ..."), or empty: the
    // session is halted and cannot do what it is for (a drill ends at once; play goes on watching, read-only).
    const std::string& connectionFailure() const { return m_safety.connectionFailure(); }
    // True once the routing is back after a halt (or there was nothing to put back).
    bool routingRescued() const { return m_safety.rescued(); }
    // After finish(): the routing could not all be put back (a conflict, ...); `meshlings restore` has the rest.
    bool routingLeftUnrestored() const { return m_safety.routingLeftUnrestored(); }
    // Leaves dry run for the bridge's executor and the level director. Idempotent.
    void arm();
    bool armed() const { return m_safety.armed(); }
    // What the arming dialog shows: context, cluster server, namespace.
    std::vector<std::string> armingContext() const;

    const world::World& world() const { return m_world; }
    // Adds one more listener to every command the world takes (the recorder, the reporter).
    void addCommandListener(world::World::CommandListener listener);
    // What the banner says: halted, refused, dry run, no probe, the last note.
    const std::string& banner() const { return m_banner; }
    const std::string& namespaceRefusal() const { return m_router.namespaceRefusal(); }  // empty: changes may be made
    std::size_t podsSeen() const { return m_sources.podsSeen(); }
    mesh::ProbeCounters probeCounters() const { return m_sources.probeCounters(); }
    // The lines `meshlings play --headless` ends with.
    std::string summary(double wallSeconds) const;

private:
    // What the safety controller stops and arms: the director and the bridge's executor.
    SafetyController::Hooks safetyHooks();
    // Hands a request to the bridge; none without a cluster.
    bridge::RequestRouter::Send sender();
    void submitSources();
    void steer();
    // Tells the world, once, that the level's chaos is off (a recorded command).
    void haltChaos();
    void note(const std::string& line);
    void updateBanner();

    ClusterTarget& m_target;
    world::World m_world;
    SafetyController m_safety;  // owns the RoutingGuard the director and the bridge use
    LevelDirector m_director;
    SourceDrain m_sources;
    bridge::RequestRouter m_router;
    std::ofstream m_recordStream;
    std::unique_ptr<world::Recorder> m_recorder;
    std::vector<world::World::CommandListener> m_listeners;
    std::string m_note;
    std::string m_banner;
    double m_rate = -1;
    bool m_levelEndSeen = false;
    bool m_chaosHalted = false;
    bool m_finished = false;
    std::atomic<bool> m_interrupted{false};
};

}  // namespace meshlings::app
