#pragma once
// One play session, without any window: the World, and everything that
// feeds it at tick boundaries -- the ClusterBridge (informer events, API
// answers), the Probe (one meshling per request), the player's commands,
// the LevelDirector's setup and scripted changes, the doctor's verdict on
// the first connection -- plus the Recorder when --record is given. Against
// a cluster other than the in-process built-in one, routing changes go
// through a RoutingGuard (saved before the first, restored at the end of the
// level and in finish(), which the destructor calls on any way out).
// halt() is the emergency stop (a key, a pad button, SIGUSR1): the level's
// scripted changes and the queued routing calls stop, every later change is
// refused for the rest of the session, and the routing is put back -- the
// RoutingGuard's restore on a real cluster, the reviews routing as found at
// the start on the built-in one (RoutingAtStart) -- retried with backoff by
// a RoutingRescue until it works. The dead man's switch halts the same way
// when the watches lose contact with the API server after having had it.
// Watches and probe go on so the player sees the recovery. arm() is what the
// arming dialog's confirm does: every caller leaves dry run.
// tick() is one fixed step: submit what arrived, world.step(), hand the
// world's ClusterRequests to the bridge. The app's loop (headless or
// windowed) decides when to call it. One thread; the sources' own threads
// only fill queues.
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cluster_bridge.hpp"
#include "cluster_target.hpp"
#include "connection_doctor.hpp"
#include "level_director.hpp"
#include "probe.hpp"
#include "recorder.hpp"
#include "routing_executor.hpp"
#include "routing_at_start.hpp"
#include "routing_guard.hpp"
#include "telemetry_source.hpp"
#include "routing_rescue.hpp"
#include "world.hpp"

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
    // A player's command, applied at the next tick.
    void submit(world::Command command) { m_player.push_back(std::move(command)); }
    void tick();
    // Stops the sources, restores the routing and writes the recording's end line. Idempotent.
    void finish();

    // The emergency stop; `why` names what asked ("key Backspace", "SIGUSR1"). Only the first counts.
    void halt(const std::string& why);
    bool halted() const { return m_halted; }
    // True once the routing is back after a halt (or there was nothing to put back).
    bool routingRescued() const { return m_rescue && m_rescue->finished(); }
    // Leaves dry run for the bridge, the routing executor and the level director. Idempotent.
    void arm();
    bool armed() const { return m_armed; }
    // What the arming dialog shows: context, cluster server, namespace.
    std::vector<std::string> armingContext() const;

    const world::World& world() const { return m_world; }
    // Every command the world applies, with its tick (the drill's timeline); replaces --record's listener.
    // Adds one more listener to every command the world takes (the recorder, the reporter).
    void addCommandListener(world::World::CommandListener listener);
    // What the banner says: dry run, no probe, the doctor's note, the last setup problem.
    const std::string& banner() const { return m_banner; }
    const std::string& namespaceRefusal() const { return m_namespaceRefusal; }  // empty: changes may be made
    std::size_t podsSeen() const { return m_podsSeen.size(); }
    mesh::ProbeCounters probeCounters() const;
    // The lines `meshlings play --headless` ends with.
    std::string summary(double wallSeconds) const;

private:
    void makeProbe(const std::string& ingressUrl);
    static std::unique_ptr<bridge::RoutingGuard> makeRoutingGuard(const ClusterTarget& target);
    void submitSources();
    void restoreRouting();
    void steer();
    void note(const std::string& line);
    void updateBanner();
    void deadMansSwitch();
    RescueAttempt rescueOnce();

    ClusterTarget& m_target;
    world::World m_world;
    std::unique_ptr<bridge::ClusterBridge> m_bridge;
    std::unique_ptr<mesh::Probe> m_probe;
    std::unique_ptr<mesh::TelemetrySource> m_telemetry;  // --prometheus: everyone else's traffic
    std::unique_ptr<ConnectionDoctor> m_doctor;
    std::unique_ptr<bridge::RoutingGuard> m_routingGuard;  // null on the in-process built-in cluster
    std::unique_ptr<bridge::RoutingExecutor> m_routingExecutor;
    LevelDirector m_director;
    std::ofstream m_recordStream;
    std::unique_ptr<world::Recorder> m_recorder;
    std::unique_ptr<RoutingAtStart> m_routingAtStart;  // built-in cluster only
    std::unique_ptr<RoutingRescue> m_rescue;           // after a halt; stopped before the director and guard go
    std::vector<world::Command> m_player;
    std::set<std::string> m_podsSeen;
    std::string m_note;
    std::string m_banner;
    std::string m_routingLine;  // the summary's "routing: ..." line
    std::string m_haltReason;
    double m_rate = -1;
    bool m_armed;
    std::vector<world::World::CommandListener> m_listeners;
    std::string m_namespaceRefusal;  // the target namespace is protected: every change is refused
    bool m_halted = false;
    bool m_hadContact = false;
    bool m_levelEndSeen = false;
    bool m_finished = false;
};

}  // namespace meshlings::app
