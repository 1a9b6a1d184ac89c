// Tests that need programs from Debian (nsd, nginx, openssl): which one is missing, and a skip
// that becomes a failure when LYNCPLAN_REQUIRE_INTEGRATION is set, as CI sets it.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <initializer_list>
#include <string>

namespace lyncplan::testing {

// Whether `program` is installed (in PATH or /usr/sbin).
bool installed(const std::string& program);

// The first of `programs` that is not installed; "" when all are.
std::string first_missing(std::initializer_list<const char*> programs);

} // namespace lyncplan::testing

// In SetUp or a test body: skips the test when `missing` (a program name) is not "", or fails it
// when LYNCPLAN_REQUIRE_INTEGRATION is set.
#define LYNCPLAN_SKIP_IF_MISSING(missing)                                                          \
  do {                                                                                             \
    const std::string lyncplan_missing_ = (missing);                                               \
    if (!lyncplan_missing_.empty()) {                                                              \
      if (std::getenv("LYNCPLAN_REQUIRE_INTEGRATION") != nullptr) {                                \
        FAIL() << lyncplan_missing_ << " is not installed";                                        \
      }                                                                                            \
      GTEST_SKIP() << lyncplan_missing_ << " is not installed";                                    \
    }                                                                                              \
  } while (false)
