// Writing a folder of files whole or not at all: a new sibling folder, one sync, a swap by rename.
#include <lyncplan/util/atomic_file.hpp>
#include <lyncplan/util/atomic_folder.hpp>
#include <lyncplan/util/thread_pool.hpp>
#include <lyncplan/util/unique_fd.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_set>

namespace lyncplan {
namespace {

namespace fs = std::filesystem;

std::string errno_text(const fs::path& path, std::string_view what) {
  return fmt::format("{}: cannot {}: {}", path.string(), what, std::strerror(errno));
}

// Creates the folders a file needs inside `root`, remembering those made already.
class Folders {
public:
  explicit Folders(fs::path root) : root_(std::move(root)) {}

  bool make_parents(std::string_view relative) {
    const std::size_t slash = relative.rfind('/');
    if (slash == std::string_view::npos) {
      return true;
    }
    const std::string folder(relative.substr(0, slash));
    if (made_.count(folder) != 0) {
      return true;
    }
    std::error_code ec;
    fs::create_directories(root_ / folder, ec);
    if (ec) {
      errno = ec.value();
      return false;
    }
    made_.insert(folder);
    return true;
  }

private:
  fs::path root_;
  std::unordered_set<std::string> made_;
};

// Writes one file that must not exist yet (the folder is new); no sync of its own.
bool write_new_file(const fs::path& path, std::string_view content) {
  util::UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  if (!fd.valid()) {
    return false;
  }
  if (!write_all(fd.get(), content)) {
    return false;
  }
  return ::close(fd.release()) == 0;
}

// Every file into the new folder: the folders first, then the files from up to four threads
// (creating files in a folder of 100,000 is the kernel's work, which two threads on two cores
// do in 0.5-0.8 of the time one takes).
Expected<bool, std::string> write_files(const fs::path& root, std::span<const FolderFile> files) {
  Folders folders(root);
  for (const FolderFile& f : files) {
    if (!folders.make_parents(f.path)) {
      return unexpected(errno_text((root / f.path).parent_path(), "create the folder"));
    }
  }
  constexpr std::size_t kChunk = 512;
  const std::size_t chunks = (files.size() + kChunk - 1) / kChunk;
  const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1,
                                                      std::min<std::size_t>(4, chunks + 1));
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::string first_error;
  util::ThreadPool pool(threads);
  pool.parallel_for(chunks, threads, [&](std::size_t chunk) {
    const std::size_t end = std::min(files.size(), (chunk + 1) * kChunk);
    for (std::size_t i = chunk * kChunk; i < end && !failed.load(); ++i) {
      const fs::path path = root / files[i].path;
      if (!write_new_file(path, files[i].content)) {
        const std::string message = errno_text(path, "write");
        const std::lock_guard lock(mutex);
        if (!failed.exchange(true)) {
          first_error = message;
        }
      }
    }
  });
  if (failed) {
    return unexpected(first_error);
  }
  return true;
}

// Hard-links into `fresh` every entry of `old` that is neither ours nor written anew.
Expected<std::size_t, std::string> carry_over(const fs::path& old, const fs::path& fresh,
                                              const std::set<std::string>& keep_out) {
  std::size_t carried = 0;
  Folders folders(fresh);
  std::error_code ec;
  for (fs::recursive_directory_iterator it(old, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string relative = it->path().lexically_relative(old).string();
    const fs::file_status status = it->symlink_status(ec);
    if (ec) {
      break;
    }
    if (fs::is_directory(status)) {
      fs::create_directories(fresh / relative, ec);
      if (ec) {
        break;
      }
      continue;
    }
    if (keep_out.count(relative) != 0) {
      continue;
    }
    const fs::path target = fresh / relative;
    // linkat without AT_SYMLINK_FOLLOW links a symbolic link itself, not what it points at.
    if (!folders.make_parents(relative) ||
        ::linkat(AT_FDCWD, it->path().c_str(), AT_FDCWD, target.c_str(), 0) != 0) {
      return unexpected(errno_text(it->path(), "keep (hard-link into the new folder)"));
    }
    ++carried;
  }
  if (ec) {
    return unexpected(fmt::format("{}: cannot read the folder: {}", old.string(), ec.message()));
  }
  return carried;
}

// The folder written in place, file by file, for a parent we may not write into.
Expected<FolderWritten, std::string> write_in_place(const fs::path& dir,
                                                    std::span<const FolderFile> files,
                                                    const std::set<std::string>& ours) {
  std::set<std::string> now;
  Folders folders(dir);
  for (const FolderFile& f : files) {
    const fs::path path = dir / f.path;
    if (!folders.make_parents(f.path)) {
      return unexpected(errno_text(path.parent_path(), "create the folder"));
    }
    if (auto written = write_file_atomically(path, f.content); !written) {
      return unexpected(written.error());
    }
    now.insert(std::string(f.path));
  }
  // What the previous run wrote and this one does not would be loaded as if it were planned.
  for (const std::string& stale : ours) {
    std::error_code ec;
    const fs::path path = dir / stale;
    if (now.count(stale) == 0 && fs::is_regular_file(fs::symlink_status(path, ec))) {
      fs::remove(path, ec);
      if (ec) {
        return unexpected(
            fmt::format("{}: cannot remove the stale file: {}", path.string(), ec.message()));
      }
    }
  }
  return FolderWritten{files.size(), 0, false};
}

bool sync_folder(const fs::path& path) {
  util::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  return fd.valid() && ::fsync(fd.get()) == 0;
}

} // namespace

Expected<FolderWritten, std::string> write_folder_atomically(const fs::path& dir_given,
                                                             std::span<const FolderFile> files,
                                                             const std::set<std::string>& ours) {
  std::error_code ec;
  fs::path dir = fs::absolute(dir_given, ec).lexically_normal();
  if (dir.filename().empty()) {
    dir = dir.parent_path(); // "zones/" names the folder zones
  }
  if (fs::is_symlink(dir, ec)) {
    dir = fs::canonical(dir, ec);
    if (ec) {
      return unexpected(
          fmt::format("{}: the link leads nowhere: {}", dir_given.string(), ec.message()));
    }
  }
  const fs::file_status old_status = fs::status(dir, ec);
  const bool exists = fs::exists(old_status);
  if (exists && !fs::is_directory(old_status)) {
    return unexpected(fmt::format("{}: exists and is not a folder", dir_given.string()));
  }
  const fs::path parent = dir.parent_path();
  if (!exists) {
    fs::create_directories(parent, ec);
    if (ec) {
      return unexpected(
          fmt::format("{}: cannot create the folder: {}", parent.string(), ec.message()));
    }
  }

  std::string fresh_name = (parent / ("." + dir.filename().string() + ".lyncplan-XXXXXX")).string();
  if (::mkdtemp(fresh_name.data()) == nullptr) {
    if (errno == EACCES || errno == EPERM || errno == EROFS) {
      return write_in_place(dir, files, ours);
    }
    return unexpected(errno_text(parent, "create a new folder in"));
  }
  const fs::path fresh(fresh_name);
  auto fail = [&](std::string message) -> Expected<FolderWritten, std::string> {
    std::error_code ignored;
    fs::remove_all(fresh, ignored);
    return unexpected(std::move(message));
  };

  if (auto written = write_files(fresh, files); !written) {
    return fail(written.error());
  }
  FolderWritten result{files.size(), 0, true};
  struct stat old_stat {};
  if (exists) {
    std::set<std::string> keep_out = ours;
    for (const FolderFile& f : files) {
      keep_out.insert(std::string(f.path));
    }
    auto carried = carry_over(dir, fresh, keep_out);
    if (!carried) {
      return fail(carried.error());
    }
    result.carried = *carried;
    if (::stat(dir.c_str(), &old_stat) != 0) {
      return fail(errno_text(dir, "read the mode of"));
    }
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    old_stat.st_mode = 0777 & ~mask;
  }
  // The folder keeps what the DNS server's account was given: mode, and owner where we may.
  if (::chmod(fresh.c_str(), old_stat.st_mode & 07777) != 0) {
    return fail(errno_text(fresh, "set the mode of"));
  }
  if (exists && (old_stat.st_uid != ::geteuid() || old_stat.st_gid != ::getegid())) {
    [[maybe_unused]] const int ignored = ::chown(fresh.c_str(), old_stat.st_uid, old_stat.st_gid);
  }
  // One sync for every file: the files' data and the folder entries reach the disk before the
  // rename makes them visible, so a crash leaves the old folder or the complete new one.
  {
    util::UniqueFd fd(::open(fresh.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid() || ::syncfs(fd.get()) != 0) {
      return fail(errno_text(fresh, "sync"));
    }
  }
  if (!exists) {
    if (::rename(fresh.c_str(), dir.c_str()) != 0) {
      return fail(errno_text(dir, "rename the new folder into place as"));
    }
  } else if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
    if (errno != EINVAL && errno != ENOSYS) {
      return fail(errno_text(dir, "exchange the new folder with"));
    }
    // A file system without the exchange: the old folder steps aside, the new one steps in.
    std::string aside = (parent / ("." + dir.filename().string() + ".old-XXXXXX")).string();
    if (::mkdtemp(aside.data()) == nullptr || ::rename(dir.c_str(), aside.c_str()) != 0) {
      return fail(errno_text(dir, "move aside"));
    }
    if (::rename(fresh.c_str(), dir.c_str()) != 0) {
      const std::string message = errno_text(dir, "rename the new folder into place as");
      ::rename(aside.c_str(), dir.c_str());
      return fail(message);
    }
    fs::remove_all(aside, ec);
    sync_folder(parent);
    return result;
  }
  sync_folder(parent);
  if (exists) {
    fs::remove_all(fresh, ec); // now the old folder; a failure here loses nothing
  }
  return result;
}

} // namespace lyncplan
