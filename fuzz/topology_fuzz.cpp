// Fuzz target: the topology loader, then the planner and every renderer on what loads.
// A loaded topology must plan and render without error (validation never accepts what the
// renderers cannot emit).
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/topology/loader.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto reader = [](const std::string&) -> std::optional<std::string> {
    return std::string("tailspin.com\nwingtip.com\n");
  };
  auto topology = lyncplan::topology::load_topology(text, "fuzz.yaml", reader);
  if (!topology) {
    return 0;
  }
  const auto plan = lyncplan::rules::make_plan(*topology);
  for (const auto& r : lyncplan::render::renderers()) {
    const lyncplan::render::Options options;
    auto out = r.render({plan, *topology, options});
    const bool may_refuse = r.name == "nginx" || r.name == "haproxy"; // nothing to publish
    if (!out && !(may_refuse && plan.publishing.empty())) {
      std::abort();
    }
  }
  return 0;
}
