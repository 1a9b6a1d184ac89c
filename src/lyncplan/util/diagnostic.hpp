// A problem found in an input file, with its position: "file:line:column: message".
#pragma once

#include <lyncplan/topology/model.hpp>

#include <string>
#include <vector>

namespace lyncplan::topology {

struct Diagnostic {
  std::string file;
  Pos pos;
  std::string message; // "what is wrong; what was expected"
};

std::string format(const Diagnostic& d);
// Sorted by file, line and column so that every report reads top to bottom.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

} // namespace lyncplan::topology
