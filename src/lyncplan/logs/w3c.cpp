// IIS W3C extended logs read as a stream.
#include <lyncplan/logs/w3c.hpp>
#include <lyncplan/util/unique_fd.hpp>

#include <fmt/format.h>

#include <zlib.h>

#include <array>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>

namespace lyncplan::logs {
namespace {

constexpr std::size_t kMaxFields = 40;
constexpr std::size_t kChunk = 1 << 20;
constexpr std::size_t kMaxLine = 64 * 1024;

enum Field : int {
  f_date,
  f_time,
  f_sip,
  f_method,
  f_stem,
  f_query,
  f_port,
  f_user,
  f_cip,
  f_agent,
  f_status,
  f_count
};

constexpr std::array<std::string_view, f_count> kFieldNames = {
    "date",   "time",        "s-ip", "cs-method",      "cs-uri-stem", "cs-uri-query",
    "s-port", "cs-username", "c-ip", "cs(User-Agent)", "sc-status"};

// The column of each known field in the current #Fields block (-1 when absent).
class Layout {
public:
  Layout() { reset_iis_default(); }

  void reset_iis_default() {
    // IIS's default field order, used until a #Fields line says otherwise.
    set("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
        "cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken");
  }

  void set(std::string_view fields) {
    column_.fill(-1);
    count_ = 0;
    while (!fields.empty()) {
      const std::size_t space = fields.find(' ');
      const std::string_view name = fields.substr(0, space);
      if (!name.empty()) {
        for (int f = 0; f < f_count; ++f) {
          if (kFieldNames[static_cast<std::size_t>(f)] == name) {
            column_[static_cast<std::size_t>(f)] = static_cast<int>(count_);
          }
        }
        ++count_;
      }
      fields = space == std::string_view::npos ? std::string_view() : fields.substr(space + 1);
    }
  }

  int column(Field f) const { return column_[static_cast<std::size_t>(f)]; }
  std::size_t count() const { return count_; }

private:
  std::array<int, f_count> column_{};
  std::size_t count_ = 0;
};

// Splits `text` at spaces into at most kMaxFields views; returns how many. On x86-64, SSE2
// compares 16 bytes at a time and walks the bit mask of spaces.
std::size_t split(std::string_view text, std::string_view* fields) {
  std::size_t n = 0;
  std::size_t start = 0;
  const char* data = text.data();
  const std::size_t size = text.size();
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  for (; i + 16 <= size; i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, space)));
    while (mask != 0) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(mask));
      if (n + 1 >= kMaxFields) {
        fields[n++] = text.substr(start);
        return n;
      }
      fields[n++] = std::string_view(data + start, at - start);
      start = at + 1;
      mask &= mask - 1;
    }
  }
#endif
  for (; i < size; ++i) {
    if (data[i] == ' ') {
      if (n + 1 >= kMaxFields) {
        fields[n++] = text.substr(start);
        return n;
      }
      fields[n++] = std::string_view(data + start, i - start);
      start = i + 1;
    }
  }
  fields[n++] = std::string_view(data + start, size - start);
  return n;
}

class LineParser {
public:
  LineParser(const EntryHandler& handler, ReadStats& stats, std::string_view fields = {},
             PartFields* seen = nullptr)
      : handler_(handler), stats_(stats), seen_(seen) {
    if (!fields.empty()) {
      layout_.set(fields);
    }
  }

  void line(std::string_view text) {
    const std::uint64_t number = ++stats_.lines;
    if (!text.empty() && text.back() == '\r') {
      text.remove_suffix(1);
    }
    if (text.empty()) {
      return;
    }
    if (text.front() == '#') {
      if (text.starts_with("#Fields:")) {
        std::string_view rest = text.substr(8);
        while (!rest.empty() && rest.front() == ' ') {
          rest.remove_prefix(1);
        }
        layout_.set(rest);
        if (seen_ != nullptr) {
          seen_->seen = true;
          seen_->last = std::string(rest);
        }
      }
      return;
    }
    std::string_view* const fields = fields_.data(); // reused: no per-line initialisation
    const std::size_t n = split(text, fields);
    if (n != layout_.count()) {
      malformed(number, fmt::format("{} fields where #Fields declares {}", n, layout_.count()));
      return;
    }
    Entry e;
    e.line = number;
    auto get = [&](Field f) {
      const int c = layout_.column(f);
      return c < 0 ? std::string_view() : fields[static_cast<std::size_t>(c)];
    };
    e.date = get(f_date);
    e.time = get(f_time);
    e.server_ip = get(f_sip);
    e.method = get(f_method);
    e.stem = get(f_stem);
    e.query = get(f_query);
    e.port = get(f_port);
    e.user = get(f_user);
    e.client_ip = get(f_cip);
    e.user_agent = get(f_agent);
    const std::string_view status = get(f_status);
    const auto parsed = std::from_chars(status.data(), status.data() + status.size(), e.status);
    if (e.stem.empty() || parsed.ec != std::errc() || parsed.ptr != status.data() + status.size()) {
      malformed(number, "no request path or no numeric status");
      return;
    }
    ++stats_.entries;
    handler_(e);
  }

  void malformed(std::uint64_t number, std::string why) {
    ++stats_.malformed;
    if (stats_.malformed_examples.size() < 10) {
      stats_.malformed_examples.emplace_back(number, std::move(why));
    }
  }

private:
  const EntryHandler& handler_;
  ReadStats& stats_;
  PartFields* seen_;
  Layout layout_;
  std::array<std::string_view, kMaxFields> fields_;
};

// Feeds complete lines of `buffer` to the parser and returns how many bytes were used.
std::size_t feed(LineParser& parser, std::string_view buffer, bool last) {
  std::size_t start = 0;
  while (start < buffer.size()) {
    const void* nl = std::memchr(buffer.data() + start, '\n', buffer.size() - start);
    if (nl == nullptr) {
      if (last || buffer.size() - start > kMaxLine) {
        parser.line(buffer.substr(start));
        return buffer.size();
      }
      return start;
    }
    const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - buffer.data());
    parser.line(buffer.substr(start, end - start));
    start = end + 1;
  }
  return start;
}

struct GzClose {
  void operator()(gzFile_s* f) const { gzclose(f); }
};

} // namespace

ReadStats read_w3c_text(std::string_view text, const EntryHandler& handler) {
  ReadStats stats;
  LineParser parser(handler, stats);
  feed(parser, text, true);
  return stats;
}

bool read_w3c_file(const std::string& path, const EntryHandler& handler, ReadStats& stats,
                   std::string& error) {
  util::UniqueFd file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  const int fd = file.get();
  if (!file.valid()) {
    error = fmt::format("{}: cannot open: {}", path, std::strerror(errno));
    return false;
  }
  unsigned char magic[2] = {0, 0};
  const bool gzip = ::pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  // Plain files are read straight into the buffer; zlib decompresses gzip ones.
  std::unique_ptr<gzFile_s, GzClose> gz;
  if (gzip) {
    gz.reset(gzdopen(fd, "rb"));
    if (!gz) {
      error = fmt::format("{}: cannot open as gzip", path);
      return false;
    }
    file.release(); // gzclose closes it
    gzbuffer(gz.get(), 1 << 17);
  }
  LineParser parser(handler, stats);
  std::string buffer(kChunk * 2, '\0');
  std::size_t kept = 0;
  bool ok = true;
  while (true) {
    if (buffer.size() - kept < kChunk) {
      buffer.resize(buffer.size() * 2);
    }
    long n = 0;
    if (gzip) {
      n = gzread(gz.get(), buffer.data() + kept, static_cast<unsigned>(kChunk));
    } else {
      do {
        n = ::read(fd, buffer.data() + kept, kChunk);
      } while (n < 0 && errno == EINTR);
    }
    if (n < 0) {
      int code = 0;
      error = gzip ? fmt::format("{}: cannot read: {}", path, gzerror(gz.get(), &code))
                   : fmt::format("{}: cannot read: {}", path, std::strerror(errno));
      ok = false;
      break;
    }
    const std::size_t filled = kept + static_cast<std::size_t>(n);
    const bool last = n == 0;
    const std::size_t used = feed(parser, std::string_view(buffer.data(), filled), last);
    kept = filled - used;
    if (kept != 0) {
      std::memmove(buffer.data(), buffer.data() + used, kept);
    }
    if (last) {
      break;
    }
  }
  return ok;
}

std::vector<FilePart> split_w3c_file(const std::string& path, std::size_t parts,
                                     std::string& error) {
  util::UniqueFd file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  struct stat st {};
  if (!file.valid() || ::fstat(file.get(), &st) != 0) {
    error = fmt::format("{}: cannot open: {}", path, std::strerror(errno));
    return {};
  }
  unsigned char magic[2] = {0, 0};
  const bool gzip = ::pread(file.get(), magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (gzip || parts <= 1 || !S_ISREG(st.st_mode) || size < parts) {
    return {FilePart{0, size}};
  }
  std::vector<FilePart> out;
  for (std::size_t i = 0; i < parts; ++i) {
    out.push_back({size * i / parts, size * (i + 1) / parts});
  }
  return out;
}

std::string head_fields(const std::string& path) {
  util::UniqueFd file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!file.valid()) {
    return {};
  }
  std::string head(64 * 1024, '\0');
  const ssize_t n = ::pread(file.get(), head.data(), head.size(), 0);
  head.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  for (std::size_t start = 0; start < head.size();) {
    std::size_t end = head.find('\n', start);
    if (end == std::string::npos) {
      break; // a line cut by the 64 KiB: not known whole
    }
    std::string_view line(head.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.starts_with("#Fields:")) {
      line.remove_prefix(8);
      while (!line.empty() && line.front() == ' ') {
        line.remove_prefix(1);
      }
      return std::string(line);
    }
    start = end + 1;
  }
  return {};
}

bool read_w3c_part(const std::string& path, const FilePart& part, std::string_view assumed,
                   const EntryHandler& handler, ReadStats& stats, PartFields& fields,
                   std::string& error) {
  util::UniqueFd file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!file.valid()) {
    error = fmt::format("{}: cannot open: {}", path, std::strerror(errno));
    return false;
  }
  const int fd = file.get();
  auto read_at = [&](char* into, std::size_t count, std::uint64_t offset) -> long {
    ssize_t n = 0;
    do {
      n = ::pread(fd, into, count, static_cast<off_t>(offset));
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
      error = fmt::format("{}: cannot read: {}", path, std::strerror(errno));
    }
    return n;
  };
  LineParser parser(handler, stats, assumed, &fields);
  std::string buffer(kChunk * 2, '\0');
  // The first line of the part is the first that starts at or after `begin`.
  std::uint64_t offset = part.begin; // file offset of buffer[0]
  std::size_t kept = 0;
  bool skip_partial = part.begin > 0;
  if (skip_partial) {
    char before = 0;
    if (read_at(&before, 1, part.begin - 1) < 0) {
      return false;
    }
    skip_partial = before != '\n';
  }
  while (true) {
    if (buffer.size() - kept < kChunk) {
      buffer.resize(buffer.size() * 2);
    }
    const long n = read_at(buffer.data() + kept, kChunk, offset + kept);
    if (n < 0) {
      return false;
    }
    const std::size_t filled = kept + static_cast<std::size_t>(n);
    const bool at_end = n == 0;
    std::size_t start = 0;
    if (skip_partial) {
      const void* nl = std::memchr(buffer.data(), '\n', filled);
      if (nl == nullptr && !at_end) {
        kept = 0; // all of it belongs to the line before the part
        offset += filled;
        continue;
      }
      start = nl == nullptr
                  ? filled
                  : static_cast<std::size_t>(static_cast<const char*>(nl) - buffer.data()) + 1;
      skip_partial = false;
    }
    // Only lines that start before the part's end are the part's.
    const std::uint64_t limit = part.end > offset ? part.end - offset : 0;
    const std::size_t stop = static_cast<std::size_t>(std::min<std::uint64_t>(limit, filled));
    std::size_t used = start;
    bool done = false;
    while (used < filled) {
      if (used >= stop) {
        done = true;
        break;
      }
      const void* nl = std::memchr(buffer.data() + used, '\n', filled - used);
      if (nl == nullptr) {
        if (at_end || filled - used > kMaxLine) {
          parser.line(std::string_view(buffer.data() + used, filled - used));
          used = filled;
        }
        break;
      }
      const auto end = static_cast<std::size_t>(static_cast<const char*>(nl) - buffer.data());
      parser.line(std::string_view(buffer.data() + used, end - used));
      used = end + 1;
    }
    // Done at the first line that starts at or after the end (or at the end of the file).
    if (done || at_end || offset + used >= part.end) {
      break;
    }
    kept = filled - used;
    if (kept != 0) {
      std::memmove(buffer.data(), buffer.data() + used, kept);
    }
    offset += used;
  }
  return true;
}

} // namespace lyncplan::logs
