// The meshlings program: everything it does lives in the libraries.
#include "app/command_line.hpp"

int main(int argc, char** argv) {
    return meshlings::app::runCommandLine(argc, argv);
}
