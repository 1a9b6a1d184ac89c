// Fuzz target: a check's JSON given to `lyncplan report --check` (a file anyone may have edited,
// cut or replaced), read back and, when it reads, put into a report page.
#include <lyncplan/page/check_results.hpp>
#include <lyncplan/page/report_page.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/topology/loader.hpp>

#include <cstdint>
#include <string_view>

namespace {

const lyncplan::topology::Topology& topology() {
  static const lyncplan::topology::Topology t = [] {
    auto loaded = lyncplan::topology::load_topology(
        "lyncplan: 1\nproduct: sfb2019\nsip_domains: [contoso.com]\npools:\n"
        "  - fqdn: se.contoso.com\n    role: standard-edition\n"
        "    servers: [{fqdn: se.contoso.com, ip: 10.0.0.10}]\n",
        "fuzz.yaml", [](const std::string&) { return std::optional<std::string>(); });
    return loaded ? *loaded : lyncplan::topology::Topology{};
  }();
  return t;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto results = lyncplan::page::read_check_results(text, "check.json");
  if (results) {
    static const lyncplan::plan::Plan plan = lyncplan::rules::make_plan(topology());
    (void)lyncplan::page::report_html({topology(), plan, nullptr, {std::move(*results)}, ""});
  }
  return 0;
}
