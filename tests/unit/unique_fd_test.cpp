// UniqueFd closes its descriptor exactly once, moves ownership, and gives it up on release.
#include <lyncplan/util/unique_fd.hpp>

#include <gtest/gtest.h>

#include <fcntl.h>

namespace lyncplan::testing {
namespace {

bool open_fd(int fd) {
  return ::fcntl(fd, F_GETFD) != -1;
}

TEST(UniqueFd, ClosesOnceWhenItsOwnerGoes) {
  int raw = -1;
  {
    util::UniqueFd fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    raw = fd.get();
    ASSERT_TRUE(fd.valid());
    EXPECT_TRUE(open_fd(raw));
  }
  EXPECT_FALSE(open_fd(raw));
}

TEST(UniqueFd, MovesOwnershipAndReleaseGivesItUp) {
  util::UniqueFd a(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  const int raw = a.get();
  util::UniqueFd b(std::move(a));
  EXPECT_FALSE(a.valid()); // NOLINT(bugprone-use-after-move): the moved-from state is the test
  EXPECT_EQ(b.get(), raw);
  util::UniqueFd c;
  c = std::move(b);
  EXPECT_TRUE(open_fd(raw));
  const int released = c.release();
  EXPECT_FALSE(c.valid());
  EXPECT_TRUE(open_fd(released)) << "release must not close";
  ::close(released);
}

} // namespace
} // namespace lyncplan::testing
