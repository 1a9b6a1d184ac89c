// The tenant list a scan reads: streamed line by line (memory does not grow with its length),
// checked whole before the scan starts, and cut into deterministic shards.
#pragma once

#include <lyncplan/util/diagnostic.hpp>
#include <lyncplan/util/expected.hpp>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::scan {

// The K-th of N slices (1 <= K <= N); 1/1 is the whole list.
struct Shard {
  unsigned index = 1;
  unsigned count = 1;
};

// "K/N", or nullopt when the text is not such a pair.
std::optional<Shard> parse_shard(std::string_view text);

// FNV-1a over the (lower-case) name: the same on every machine and build, so that shards of
// the same list agree wherever they run, whatever the order of the lines.
std::uint64_t tenant_hash(std::string_view name);
bool in_shard(std::uint64_t hash, Shard shard);

class TenantList {
public:
  // Opens `path`; "-" reads standard input, kept in an unnamed temporary file so that it can be
  // read twice like a file.
  static Expected<TenantList, std::string> open(const std::string& path);

  // Reads the whole list from the start: every problem (up to 20) with its line and column, or
  // the number of tenant lines in `shard` (duplicates included).
  Expected<std::size_t, std::vector<util::Diagnostic>> validate(Shard shard);

  // Starts reading from the top again; next() then gives the tenants of `shard` in file order.
  void rewind();
  std::optional<std::string> next(Shard shard);

  const std::string& shown() const { return shown_; }

private:
  struct Closer {
    void operator()(std::FILE* f) const;
  };
  struct Line {
    void operator()(char* p) const;
  };
  std::unique_ptr<std::FILE, Closer> file_;
  std::string shown_;
  std::unique_ptr<char, Line> owner_; // getline's buffer, reused for every line
  std::size_t capacity_ = 0;
  int line_no_ = 0;
  bool next_line(std::string_view& line);
};

} // namespace lyncplan::scan
