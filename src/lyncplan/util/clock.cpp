// The system's wall clock.
#include <lyncplan/util/clock.hpp>

namespace lyncplan::util {
namespace {

class SystemClock final : public Clock {
public:
  std::time_t now() const override { return std::time(nullptr); }
};

} // namespace

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

} // namespace lyncplan::util
