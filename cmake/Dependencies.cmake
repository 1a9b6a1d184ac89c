# The one place that finds third-party packages (all from Debian 12).
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(CURL REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LDNS REQUIRED IMPORTED_TARGET ldns)
pkg_check_modules(CARES REQUIRED IMPORTED_TARGET libcares)
# lyncplan import: libxml2 (namespaces by URI, UTF-16, positions, entity limits), libzip (CMS
# exports).
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
# The allocator of the lyncplan program (not of the sanitizer build, whose allocator checks
# every access): jemalloc backs its arenas with transparent huge pages, which a 100,000-tenant
# plan needs to stay within a second (see src/cli/allocator.cpp).
if(NOT LYNCPLAN_SANITIZE)
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
endif()
if(LYNCPLAN_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(LYNCPLAN_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
