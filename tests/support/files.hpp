// Whole-file reads and writes for tests (binary, no newline translation).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace lyncplan::testing {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

} // namespace lyncplan::testing
