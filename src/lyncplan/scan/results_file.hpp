// Where a scan's JSON lines go: appended in whole lines only, so that a scan killed at any
// moment leaves at most one partial last line, which a resumed scan cuts off before going on.
#pragma once

#include <lyncplan/util/expected.hpp>

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace lyncplan::scan {

class LineSink {
public:
  // A stream (standard output): lines are written to it as they are flushed.
  explicit LineSink(std::ostream& stream);
  // Opens `path` to append to. Without `resume` the file must be absent or empty unless
  // `overwrite` (then it is emptied). With `resume`, a partial last line is cut off and every
  // whole line already there is given to `each` (line number, text); an error from it stops.
  static Expected<LineSink, std::string>
  open(const std::string& path, bool resume, bool overwrite,
       const std::function<Expected<bool, std::string>(int, std::string_view)>& each);
  LineSink(LineSink&& other) noexcept;
  LineSink& operator=(LineSink&& other) noexcept;
  ~LineSink();

  // Buffers whole lines (each ending in '\n'); writes when the buffer is large.
  Expected<bool, std::string> add(std::string_view lines);
  // Writes everything buffered.
  Expected<bool, std::string> flush();

  std::size_t cut_bytes() const { return cut_bytes_; } // a partial line removed on resume

private:
  LineSink() = default;
  std::ostream* stream_ = nullptr;
  int fd_ = -1;
  bool owned_ = false;
  std::string shown_ = "standard output";
  std::string buffer_;
  std::size_t cut_bytes_ = 0;
};

} // namespace lyncplan::scan
