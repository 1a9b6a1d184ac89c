// The JSONL results file: O_APPEND writes of whole lines, and the resume read-back.
#include <lyncplan/scan/results_file.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lyncplan::scan {
namespace {

constexpr std::size_t kFlushAt = 1 << 16;

std::string failure(const std::string& what, const std::string& path) {
  return fmt::format("{}: cannot {}: {}", path, what, std::strerror(errno));
}

// Reads the whole lines of `fd` (the file holds nothing else after a cut), line by line.
Expected<bool, std::string>
read_lines(int fd, const std::string& path,
           const std::function<Expected<bool, std::string>(int, std::string_view)>& each) {
  std::string pending;
  char chunk[1 << 16];
  int line_no = 0;
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return unexpected(failure("read", path));
    }
    if (n == 0) {
      return true;
    }
    pending.append(chunk, static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (std::size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
      auto ok = each(++line_no, std::string_view(pending).substr(start, nl - start));
      if (!ok) {
        return unexpected(fmt::format("{}:{}: {}", path, line_no, ok.error()));
      }
    }
    pending.erase(0, start);
  }
}

} // namespace

LineSink::LineSink(std::ostream& stream) : stream_(&stream) {}

LineSink::LineSink(LineSink&& other) noexcept
    : stream_(other.stream_), fd_(other.fd_), owned_(other.owned_), shown_(std::move(other.shown_)),
      buffer_(std::move(other.buffer_)), cut_bytes_(other.cut_bytes_) {
  other.owned_ = false;
}

LineSink& LineSink::operator=(LineSink&& other) noexcept {
  if (this != &other) {
    if (owned_) {
      ::close(fd_);
    }
    stream_ = other.stream_;
    fd_ = other.fd_;
    owned_ = other.owned_;
    shown_ = std::move(other.shown_);
    buffer_ = std::move(other.buffer_);
    cut_bytes_ = other.cut_bytes_;
    other.owned_ = false;
  }
  return *this;
}

LineSink::~LineSink() {
  if (owned_) {
    ::close(fd_);
  }
}

Expected<LineSink, std::string>
LineSink::open(const std::string& path, bool resume, bool overwrite,
               const std::function<Expected<bool, std::string>(int, std::string_view)>& each) {
  LineSink sink;
  sink.shown_ = path;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return unexpected(failure("open", path));
  }
  sink.fd_ = fd;
  sink.owned_ = true;
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return unexpected(failure("stat", path));
  }
  if (st.st_size > 0 && !resume) {
    if (!overwrite) {
      return unexpected(fmt::format("{}: holds results already; expected --resume to go on with "
                                    "them, or --force to start over",
                                    path));
    }
    if (::ftruncate(fd, 0) != 0) {
      return unexpected(failure("empty", path));
    }
    st.st_size = 0;
  }
  if (st.st_size > 0) {
    // Find the end of the last whole line, reading backwards.
    off_t end = st.st_size;
    char chunk[4096];
    off_t keep = 0;
    while (end > 0 && keep == 0) {
      const off_t from = end > static_cast<off_t>(sizeof chunk) ? end - sizeof chunk : 0;
      const ssize_t n = ::pread(fd, chunk, static_cast<std::size_t>(end - from), from);
      if (n != end - from) {
        return unexpected(failure("read", path));
      }
      for (ssize_t i = n - 1; i >= 0; --i) {
        if (chunk[i] == '\n') {
          keep = from + i + 1;
          break;
        }
      }
      end = from;
    }
    if (keep != st.st_size) {
      if (::ftruncate(fd, keep) != 0) {
        return unexpected(failure("cut the partial last line of", path));
      }
      sink.cut_bytes_ = static_cast<std::size_t>(st.st_size - keep);
    }
    if (auto read = read_lines(fd, path, each); !read) {
      return unexpected(read.error());
    }
  }
  // From here on every write goes to the end, whole lines at a time.
  if (::lseek(fd, 0, SEEK_END) < 0 || ::fcntl(fd, F_SETFL, O_APPEND) != 0) {
    return unexpected(failure("append to", path));
  }
  return sink;
}

Expected<bool, std::string> LineSink::add(std::string_view lines) {
  buffer_.append(lines);
  return buffer_.size() >= kFlushAt ? flush() : Expected<bool, std::string>(true);
}

Expected<bool, std::string> LineSink::flush() {
  if (stream_ != nullptr) {
    stream_->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    stream_->flush();
    buffer_.clear();
    if (!*stream_) {
      return unexpected(fmt::format("cannot write to {}", shown_));
    }
    return true;
  }
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      buffer_.erase(0, done);
      return unexpected(failure("write", shown_));
    }
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
  return true;
}

} // namespace lyncplan::scan
