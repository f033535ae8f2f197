#include "app/command_line.hpp"

#include <iostream>

#include "app/cluster_command.hpp"
#include "app/doctor_command.hpp"
#include "app/drill_command.hpp"
#include "app/gallery_command.hpp"
#include "app/play_command.hpp"
#include "app/replay_command.hpp"
#include "app/restore_command.hpp"

namespace meshlings::app {

int runCommandLine(int argc, char** argv) {
    CLI::App app{
        "Meshlings: a chaos-engineering game for Kubernetes and Istio.\n"
        "Pods of the Istio Bookinfo sample are sprites, live requests walk the mesh."};
    app.name("meshlings");
    app.require_subcommand(0, 1);
    ClusterCommand cluster(app);
    DoctorCommand doctor(app);
    DrillCommand drill(app);
    GalleryCommand gallery(app);
    PlayCommand play(app);
    ReplayCommand replay(app);
    RestoreCommand restore(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    try {
        if (cluster.chosen()) return cluster.run();
        if (doctor.chosen()) return doctor.run();
        if (drill.chosen()) return drill.run();
        if (gallery.chosen()) return gallery.run();
        if (replay.chosen()) return replay.run();
        if (restore.chosen()) return restore.run();
        if (play.chosen()) return play.run();
        return PlayCommand::run(PlayOptions{});  // no subcommand: play on the built-in cluster
    } catch (const std::exception& e) {
        std::cerr << "meshlings: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace meshlings::app
