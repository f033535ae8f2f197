#include "command_line.hpp"

#include <iostream>

#include "cluster_command.hpp"
#include "doctor_command.hpp"
#include "gallery_command.hpp"

namespace meshlings::app {

int runCommandLine(int argc, char** argv) {
    CLI::App app{"Meshlings: a chaos-engineering game for Kubernetes and Istio.\n"
                 "Pods of the Istio Bookinfo sample are sprites, live requests walk the mesh."};
    app.name("meshlings");
    app.require_subcommand(1);
    ClusterCommand cluster(app);
    DoctorCommand doctor(app);
    GalleryCommand gallery(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    try {
        if (cluster.chosen()) return cluster.run();
        if (doctor.chosen()) return doctor.run();
        if (gallery.chosen()) return gallery.run();
    } catch (const std::exception& e) {
        std::cerr << "meshlings: " << e.what() << "\n";
        return 1;
    }
    return 2;
}

}  // namespace meshlings::app
