// Golden (byte-exact) tests: every renderer on every example. To update after a reviewed change:
//   scripts/update-golden    (LYNCPLAN_UPDATE_GOLDEN=1 over this test)
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/topology/loader.hpp>

#include <gtest/gtest.h>

#include <algorithm>
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

// Compares `actual` with the golden file, or rewrites it in update mode.
void check(const fs::path& golden, const std::string& actual) {
  if (updating()) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  const auto expected = read(golden.string());
  ASSERT_TRUE(expected) << "missing golden file " << golden << " (run scripts/update-golden)";
  if (*expected == actual) {
    return;
  }
  std::istringstream e(*expected), a(actual);
  std::string el, al;
  int line = 1;
  while (std::getline(e, el) && std::getline(a, al) && el == al) {
    ++line;
  }
  FAIL() << golden << " differs at line " << line << "\n  expected: " << el
         << "\n  actual:   " << al;
}

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
  check(dir / "plan.json", render::render_json(plan, {})->text);
  check(dir / "plan.txt", render::render_table(plan, {})->text);
  check(dir / "plan.ps1", render::render_powershell(plan, {})->text);
  // Both proxies in both modes; a mode that writes files keeps them in a folder of that name.
  struct ProxyGolden {
    std::string name;
    render::RenderFunction render;
    render::ProxyMode mode;
  };
  for (const auto& [name, renderer, mode] :
       {ProxyGolden{"plan.nginx", render::render_nginx, render::ProxyMode::tcp},
        ProxyGolden{"plan.nginx-http.conf", render::render_nginx, render::ProxyMode::http},
        ProxyGolden{"plan.haproxy.cfg", render::render_haproxy, render::ProxyMode::http},
        ProxyGolden{"plan.haproxy-tcp.cfg", render::render_haproxy, render::ProxyMode::tcp}}) {
    render::Options options;
    options.proxy_mode = mode;
    const auto proxy = renderer(plan, options);
    if (!proxy) {
      EXPECT_TRUE(plan.publishing.empty()) << name << ": " << proxy.error();
    } else if (proxy->files.empty()) {
      check(dir / name, proxy->text);
    } else {
      for (const auto& f : proxy->files) {
        check(dir / name / f.path, f.content);
      }
    }
  }
  const auto zones = render::render_zone(plan, {});
  std::set<fs::path> produced;
  for (const auto& f : zones->files) {
    check(dir / "zones" / f.path, f.content);
    produced.insert(dir / "zones" / f.path);
  }
  if (updating()) {
    return;
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir / "zones")) {
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
