// Writing files whole or not at all: temp file in the same folder, fsync, rename.
#pragma once

#include <lyncplan/util/expected.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace lyncplan {

enum class Overwrite { allowed, refused };

struct FileMode {
  unsigned permissions = 0644;
  Overwrite overwrite = Overwrite::allowed;
};

// Writes all of `content` to `fd` (retrying short writes and EINTR); false with errno set.
bool write_all(int fd, std::string_view content);

// Writes `content` to `path` atomically; on error returns a message naming the path.
Expected<bool, std::string> write_file_atomically(const std::filesystem::path& path,
                                                  std::string_view content, FileMode mode = {});

} // namespace lyncplan
