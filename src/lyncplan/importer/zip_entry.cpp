// libzip over an archive held in memory: find the entry by name, read it in chunks and stop at
// the size bound, whatever the archive's directory claims (a zip bomb lies there).
#include <lyncplan/importer/zip_entry.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <zip.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

namespace lyncplan::importer {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

} // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.substr(0, 4) == std::string_view("PK\3\4", 4) ||
         bytes.substr(0, 4) == std::string_view("PK\5\6", 4);
}

Expected<ZipEntry, std::string> read_zip_entry(std::string_view archive, std::string_view wanted,
                                               const ZipLimits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  if (source == nullptr) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return unexpected("not a readable zip archive: " + message);
  }
  std::unique_ptr<zip_t, ZipCloser> zip(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!zip) {
    zip_source_free(source);
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return unexpected(fmt::format("not a readable zip archive ({}); expected the file "
                                  "Export-CsConfiguration wrote",
                                  message));
  }
  zip_error_fini(&error);
  const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
  if (count < 0 || static_cast<std::size_t>(count) > limits.max_entries) {
    return unexpected(fmt::format("the archive holds {} entries; expected at most {} (an "
                                  "Export-CsConfiguration file holds two)",
                                  count, limits.max_entries));
  }
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* raw = zip_get_name(zip.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
    if (raw == nullptr) {
      continue;
    }
    const std::string_view name(raw);
    const std::size_t slash = name.find_last_of("/\\");
    if (!iequals(slash == std::string_view::npos ? name : name.substr(slash + 1), wanted)) {
      continue;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip.get(), static_cast<zip_uint64_t>(i), 0, &st) == 0 &&
        (st.valid & ZIP_STAT_SIZE) != 0 && st.size > limits.max_entry_bytes) {
      return unexpected(fmt::format("{} expands to {} bytes; expected at most {} MiB", name,
                                    st.size, limits.max_entry_bytes >> 20));
    }
    std::unique_ptr<zip_file_t, FileCloser> file(
        zip_fopen_index(zip.get(), static_cast<zip_uint64_t>(i), 0));
    if (!file) {
      return unexpected(fmt::format("{} cannot be read: {}", name, zip_strerror(zip.get())));
    }
    ZipEntry entry;
    entry.name = std::string(name);
    std::array<char, 65536> chunk{};
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), chunk.data(), chunk.size());
      if (n < 0) {
        return unexpected(fmt::format("{} is damaged: {}", name, zip_file_strerror(file.get())));
      }
      if (n == 0) {
        break;
      }
      entry.bytes.append(chunk.data(), static_cast<std::size_t>(n));
      if (entry.bytes.size() > limits.max_entry_bytes) {
        return unexpected(fmt::format("{} expands beyond {} MiB although the archive says {} "
                                      "bytes; expected a topology export (a zip bomb?)",
                                      name, limits.max_entry_bytes >> 20, st.size));
      }
    }
    return entry;
  }
  return unexpected(fmt::format("the archive has no {}; expected an Export-CsConfiguration "
                                "file (DocItemSet.xml inside)",
                                wanted));
}

} // namespace lyncplan::importer
