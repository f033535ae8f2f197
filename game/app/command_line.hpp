#pragma once
// The meshlings command line (CLI11): parses the subcommand and its flags,
// runs it, and maps every failure to a message and an exit code
// (0 success, 1 runtime failure, 2 bad usage).
namespace meshlings::app {

int runCommandLine(int argc, char** argv);

}  // namespace meshlings::app
