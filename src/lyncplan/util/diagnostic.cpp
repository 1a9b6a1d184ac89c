// A problem found in an input file, with its position: "file:line:column: message".
#include <lyncplan/util/diagnostic.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace lyncplan::util {

std::string format(const Diagnostic& d) {
  if (d.pos.line == 0) { // about the whole file
    return fmt::format("{}: {}", d.file, d.message);
  }
  return fmt::format("{}:{}:{}: {}", d.file, d.pos.line, d.pos.column, d.message);
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.file, a.pos.line, a.pos.column) <
                            std::tie(b.file, b.pos.line, b.pos.column);
                   });
}

} // namespace lyncplan::util
