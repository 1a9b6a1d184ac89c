// A problem found in an input file, with its position: "file:line:column: message".
#pragma once

#include <string>
#include <vector>

namespace lyncplan::util {

// Where a value came from in an input file (1-based; 0 = not from the file).
struct Pos {
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  std::string file;
  Pos pos;
  std::string message; // "what is wrong; what was expected"
};

std::string format(const Diagnostic& d);
// Sorted by file, line and column so that every report reads top to bottom.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

} // namespace lyncplan::util
