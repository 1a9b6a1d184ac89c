// Writing files whole or not at all: temp file in the same folder, fsync, rename.
#include <lyncplan/util/atomic_file.hpp>
#include <lyncplan/util/unique_fd.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lyncplan {
namespace {

std::string errno_text(const std::filesystem::path& path, std::string_view what) {
  return fmt::format("{}: cannot {}: {}", path.string(), what, std::strerror(errno));
}

} // namespace

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

Expected<bool, std::string> write_file_atomically(const std::filesystem::path& path,
                                                  std::string_view content, FileMode mode) {
  if (mode.overwrite == Overwrite::refused && std::filesystem::exists(path)) {
    return unexpected(
        fmt::format("{}: exists already; not overwritten (use --force)", path.string()));
  }
  std::string temp = path.string() + ".tmp.XXXXXX";
  util::UniqueFd fd(::mkstemp(temp.data()));
  if (!fd.valid()) {
    return unexpected(errno_text(path, "create a temporary file beside"));
  }
  const bool ok = ::fchmod(fd.get(), static_cast<mode_t>(mode.permissions)) == 0 &&
                  write_all(fd.get(), content) && ::fsync(fd.get()) == 0;
  const int saved = errno;
  fd.reset();
  if (!ok) {
    ::unlink(temp.c_str());
    errno = saved;
    return unexpected(errno_text(path, "write"));
  }
  if (mode.overwrite == Overwrite::refused) {
    // link() fails when the path exists, so a file that appeared meanwhile is never replaced.
    if (::link(temp.c_str(), path.c_str()) != 0) {
      const bool exists = errno == EEXIST;
      const std::string message =
          exists ? fmt::format("{}: exists already; not overwritten (use --force)", path.string())
                 : errno_text(path, "link into place");
      ::unlink(temp.c_str());
      return unexpected(message);
    }
    ::unlink(temp.c_str());
    return true;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string message = errno_text(path, "rename into place");
    ::unlink(temp.c_str());
    return unexpected(message);
  }
  return true;
}

} // namespace lyncplan
