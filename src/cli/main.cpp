// Entry point: forwards to run_app with the process's streams.
#include "app.hpp"

#include <unistd.h>

#include <iostream>

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return lyncplan::cli::run_app(
      argc, argv,
      {std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1, ::isatty(STDERR_FILENO) == 1});
}
