// Fuzz target: configuration-export zips read by libzip within the entry and size bounds, and
// the DocItemSet.xml found in them imported.
#include <lyncplan/importer/import.hpp>
#include <lyncplan/importer/zip_entry.hpp>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  (void)lyncplan::importer::read_zip_entry(bytes, "DocItemSet.xml", {16, 1 << 20});
  if (lyncplan::importer::looks_like_zip(bytes)) {
    (void)lyncplan::importer::import_topology(bytes, "fuzz.zip", {});
  }
  return 0;
}
