// Fuzz target: the scan's own JSON lines read back when a scan resumes (a results file may have
// been edited, cut or replaced by anything), and the --shard and --resolver values.
#include <lyncplan/dns/address.hpp>
#include <lyncplan/scan/result_line.hpp>
#include <lyncplan/scan/tenant_list.hpp>

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)lyncplan::scan::read_result_line(text);
  (void)lyncplan::scan::parse_shard(text);
  (void)lyncplan::dns::parse_endpoint(text, 53);
  return 0;
}
