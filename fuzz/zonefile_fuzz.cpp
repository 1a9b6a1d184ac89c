// Fuzz target: the zone-file reader (ldns), then the offline resolver over what it read.
#include <lyncplan/resolve/zone_file.hpp>
#include <lyncplan/resolve/zone_resolver.hpp>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = lyncplan::resolve::parse_zone_file(text, "fuzz.zone", "contoso.com");
  if (!parsed) {
    return 0;
  }
  const lyncplan::resolve::ZoneResolver zone(parsed->records);
  for (const auto& r : parsed->records) {
    (void)zone.query(r.name, lyncplan::plan::RrType::A);
    (void)zone.query(r.name, lyncplan::plan::RrType::SRV);
    (void)zone.query("lyncdiscover." + r.name, lyncplan::plan::RrType::A);
  }
  return 0;
}
