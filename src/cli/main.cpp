// Entry point: forwards to run_app with the process's streams.
#include "app.hpp"

#include <unistd.h>

#include <csignal>
#include <iostream>

int main(int argc, char** argv) {
  // Once for every command: a closed stdout or a server that hangs up mid-write becomes a write
  // error the code reports, not a silent death of the process.
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  return lyncplan::cli::run_app(
      argc, argv,
      {std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1, ::isatty(STDERR_FILENO) == 1});
}
