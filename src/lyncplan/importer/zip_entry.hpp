// Reads one entry out of a zip archive (an Export-CsConfiguration file) with libzip, within
// bounds on the number of entries and the size each expands to.
#pragma once

#include <lyncplan/util/expected.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace lyncplan::importer {

struct ZipLimits {
  std::size_t max_entries = 1000;
  std::size_t max_entry_bytes = std::size_t{64} << 20; // 64 MiB expanded
};

struct ZipEntry {
  std::string name; // as stored in the archive
  std::string bytes;
};

// Whether `bytes` start like a zip archive ("PK\3\4", or an empty archive's "PK\5\6").
bool looks_like_zip(std::string_view bytes);

// The entry whose file name (after the last '/') is `wanted`, compared without case. The error
// says what is wrong in a sentence (no position: the archive has none).
Expected<ZipEntry, std::string> read_zip_entry(std::string_view archive, std::string_view wanted,
                                               const ZipLimits& limits = {});

} // namespace lyncplan::importer
