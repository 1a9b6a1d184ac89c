// Fuzz target: `lyncplan import` on XML in any encoding. Whatever it accepts, the YAML it writes
// must load or fail with positions that map back into the document (never a crash, never a
// position past its end).
#include <lyncplan/importer/import.hpp>
#include <lyncplan/topology/loader.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  auto imported = lyncplan::importer::import_topology(bytes, "fuzz.xml", {});
  if (!imported) {
    return 0;
  }
  const std::string yaml_name = "fuzz.xml (imported)";
  auto loaded = lyncplan::topology::load_topology(imported->yaml.yaml, yaml_name,
                                                  [](const std::string&) { return std::nullopt; });
  if (!loaded) {
    for (const auto& d : lyncplan::importer::at_source(loaded.error(), yaml_name, *imported)) {
      if (d.file != "fuzz.xml" || d.pos.line < 1) {
        std::abort();
      }
    }
  }
  return 0;
}
