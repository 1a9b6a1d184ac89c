// The wall clock as an interface: certificate validity is judged at its time, and tests set it.
#pragma once

#include <ctime>

namespace lyncplan::util {

class Clock {
public:
  virtual ~Clock() = default;
  virtual std::time_t now() const = 0;
};

// std::time.
const Clock& system_clock();

} // namespace lyncplan::util
