// Golden (byte-exact) tests: every renderer on every example. To update after a reviewed change:
//   scripts/update-golden    (LYNCPLAN_UPDATE_GOLDEN=1 over this test)
#include <lyncplan/certs/windows_script.hpp>
#include <lyncplan/cutover/report.hpp>
#include <lyncplan/page/report_page.hpp>
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/resolve/zone_resolver.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/simulate/simulate.hpp>
#include <lyncplan/tenant/instructions.hpp>
#include <lyncplan/tenant/steps.hpp>
#include <lyncplan/topology/loader.hpp>

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace lyncplan {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = LYNCPLAN_SOURCE_DIR;

std::optional<std::string> read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool updating() {
  const char* v = std::getenv("LYNCPLAN_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

// `diff -u` of the golden file and what was rendered, for the failure message.
std::string unified_diff(const fs::path& golden, const std::string& actual) {
  const fs::path rendered =
      fs::temp_directory_path() / ("lyncplan-golden-" + std::to_string(::getpid()));
  std::ofstream(rendered, std::ios::binary) << actual;
  std::string out;
  const std::string command = "diff -u --label golden --label rendered '" + golden.string() +
                              "' '" + rendered.string() + "' | head -n 60";
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
      out.append(buffer, n);
    }
    ::pclose(pipe);
  }
  fs::remove(rendered);
  return out;
}

// Compares `actual` with the golden file, or rewrites it in update mode.
void check(const fs::path& golden, const std::string& actual) {
  if (updating()) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  const auto expected = read(golden.string());
  ASSERT_TRUE(expected) << "missing golden file " << golden << " (run scripts/update-golden)";
  if (*expected != actual) {
    ADD_FAILURE() << golden << " differs from what was rendered (scripts/update-golden "
                  << "rewrites it; review the diff like code):\n"
                  << unified_diff(golden, actual);
  }
}

// Where each renderer's golden output lives, per proxy mode where it has modes (the first mode
// listed is the renderer's default). A renderer of the registry missing here fails the test.
struct GoldenName {
  std::string_view renderer;
  render::ProxyMode mode;
  std::string_view path; // a file, or a folder for renderers that write files
};
constexpr GoldenName kGoldenNames[] = {
    {"table", render::ProxyMode::automatic, "plan.txt"},
    {"json", render::ProxyMode::automatic, "plan.json"},
    {"zone", render::ProxyMode::automatic, "zones"},
    {"powershell", render::ProxyMode::automatic, "plan.ps1"},
    {"nsupdate", render::ProxyMode::automatic, "plan.nsupdate"},
    {"pdns", render::ProxyMode::automatic, "plan.pdns.sql"},
    {"nginx", render::ProxyMode::tcp, "plan.nginx"},
    {"nginx", render::ProxyMode::http, "plan.nginx-http.conf"},
    {"haproxy", render::ProxyMode::http, "plan.haproxy.cfg"},
    {"haproxy", render::ProxyMode::tcp, "plan.haproxy-tcp.cfg"},
    {"csv", render::ProxyMode::automatic, "csv"},
    {"svg", render::ProxyMode::automatic, "plan.svg"},
};

std::vector<std::string> example_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kSource / "examples")) {
    if (entry.path().extension() == ".yaml") {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, EveryRendererMatches) {
  const fs::path topology_file = kSource / "examples" / (GetParam() + ".yaml");
  const auto text = read(topology_file.string());
  ASSERT_TRUE(text);
  auto topology = topology::load_topology(*text, topology_file.string(), read);
  ASSERT_TRUE(topology) << topology::format(topology.error().front());
  const plan::Plan plan = rules::make_plan(*topology);
  const fs::path dir = kSource / "tests" / "golden" / GetParam();
  std::set<fs::path> produced;
  for (const auto& renderer : render::renderers()) {
    bool named = false;
    for (const auto& golden : kGoldenNames) {
      if (golden.renderer != renderer.name) {
        continue;
      }
      named = true;
      render::Options options;
      options.proxy_mode = golden.mode;
      const auto out = renderer.render({plan, *topology, options});
      if (!out) {
        EXPECT_TRUE(plan.publishing.empty()) << golden.path << ": " << out.error();
        continue;
      }
      const fs::path path = dir / golden.path;
      if (out->files.empty()) {
        check(path, out->text);
        produced.insert(path);
      }
      for (const auto& f : out->files) {
        check(path / f.path, f.content);
        produced.insert(path / f.path);
      }
    }
    EXPECT_TRUE(named) << "renderer '" << renderer.name << "' has no golden files: add it to "
                       << "kGoldenNames and run scripts/update-golden";
  }
  // lyncplan report --simulate: the whole page, diagram and client matrix included.
  const auto outcomes = simulate::run(*topology, plan, simulate::plan_world(plan), {});
  check(dir / "report.html", page::report_html({*topology, plan, &outcomes, {}, ""}));
  produced.insert(dir / "report.html");
  // certs request's Management Shell script (none for a product without the cmdlets) and index.
  const certs::KeySpec key;
  if (const auto script = certs::windows_script(plan, *topology, key, "")) {
    check(dir / "certs-request.ps1", *script);
    produced.insert(dir / "certs-request.ps1");
  }
  check(dir / "certs-index.txt", certs::request_index(plan, *topology, key));
  produced.insert(dir / "certs-index.txt");
  // A hoster's tenant steps: a new tenant added, the first listed one removed, in every form;
  // the new tenant's customer page.
  if (topology->hosting) {
    const std::string added = "fabrikam.com";
    const std::string removed = topology->hosting->tenants.front();
    for (const auto change : {tenant::Change::add, tenant::Change::remove}) {
      const bool add = change == tenant::Change::add;
      const auto tenants = tenant::plan_tenants(*topology, {{add ? added : removed}});
      ASSERT_TRUE(tenants);
      const std::string stem = add ? "tenant-add" : "tenant-remove";
      for (const auto& [form, suffix] :
           {std::pair{"zone", ".zone"}, std::pair{"nsupdate", ".nsupdate"},
            std::pair{"pdns", ".pdns.sh"}, std::pair{"powershell", ".ps1"},
            std::pair{"lync", "-lync.ps1"}}) {
        tenant::StepOptions options;
        options.change = change;
        options.source = topology_file.filename().string();
        options.output_name = stem + suffix;
        const auto steps = tenant::render_steps(*tenants, *topology, form, options);
        if (!steps) {
          continue; // the Lync side of a product without the Management Shell
        }
        check(dir / (stem + suffix), steps->text);
        produced.insert(dir / (stem + suffix));
      }
      if (add) {
        check(dir / "tenant-instructions.txt",
              tenant::instructions_text(*tenants, added, {"contoso.com-verification=0123", ""}));
        check(dir / "tenant-instructions.html",
              tenant::instructions_html(*tenants, added, {"contoso.com-verification=0123", ""}));
        produced.insert(dir / "tenant-instructions.txt");
        produced.insert(dir / "tenant-instructions.html");
      }
    }
  }
  // A teams-only domain's cutover from the zones of the same deployment with it hybrid.
  for (const std::string& domain : topology->sip_domains) {
    if (topology::mode_of(*topology, domain) != topology::DomainMode::teams_only) {
      continue;
    }
    topology::Topology before = *topology;
    before.domain_settings[domain] = {topology::DomainMode::hybrid, false, {}};
    const plan::Plan was = rules::make_plan(before);
    const auto outside = resolve::ZoneResolver::from_plan(was, plan::View::external);
    const auto inside = resolve::ZoneResolver::from_plan(was, plan::View::internal);
    const auto c = cutover::plan_cutover(
        *topology, {domain, topology::DomainMode::teams_only, &outside, &inside});
    ASSERT_TRUE(c) << c.error();
    const std::string stem = "cutover-" + domain;
    render::Options options;
    options.output_name = stem + ".ps1";
    const auto script = render::render_powershell({c->script_plan, *topology, options});
    ASSERT_TRUE(script) << script.error();
    for (const auto& [suffix, rendered] :
         {std::pair{std::string(".txt"), cutover::cutover_text(*c, false)},
          std::pair{std::string(".json"), cutover::cutover_json(*c)},
          std::pair{std::string(".zone"), cutover::cutover_zone(*c)},
          std::pair{std::string(".ps1"), script->text},
          std::pair{std::string("-external.nsupdate"),
                    cutover::cutover_nsupdate(*c, {plan::View::external, "", ""})},
          std::pair{std::string("-internal.nsupdate"),
                    cutover::cutover_nsupdate(*c, {plan::View::internal, "", ""})}}) {
      check(dir / (stem + suffix), rendered);
      produced.insert(dir / (stem + suffix));
    }
  }
  if (updating()) {
    return;
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      EXPECT_TRUE(produced.count(entry.path())) << "stale golden file " << entry.path();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, Golden, ::testing::ValuesIn(example_names()),
                         [](const auto& test_param) {
                           std::string name = test_param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

} // namespace
} // namespace lyncplan
