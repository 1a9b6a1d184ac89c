// `lyncplan report TOPOLOGY`: one self-contained HTML page with the deployment drawn, every
// table of the plan, the clients' discovery (--simulate) and live checks (--check) beside it.
#include "commands.hpp"
#include "input.hpp"
#include "output.hpp"

#include <lyncplan/page/report_page.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/simulate/simulate.hpp>

#include <fmt/format.h>

#include <memory>

namespace lyncplan::cli {
namespace {

struct ReportOptions {
  std::string file;
  std::string out;
  std::vector<std::string> checks;
  bool simulate = false;
};

int run_report(const ReportOptions& o, Console console) {
  // Every input is read and judged before anything is written: all problems at once.
  bool bad = false;
  std::vector<page::CheckResults> checks;
  for (const auto& path : o.checks) {
    const auto text = read_text_file(path);
    if (!text) {
      console.err << fmt::format("lyncplan: cannot read the check results '{}'\n", path);
      bad = true;
      continue;
    }
    auto results = page::read_check_results(*text, path);
    if (!results) {
      for (const auto& d : results.error()) {
        console.err << util::format(d) << "\n";
      }
      bad = true;
      continue;
    }
    checks.push_back(std::move(*results));
  }
  auto topology = load_topology_file(o.file, console);
  if (!topology || bad) {
    return kBadInput;
  }
  const plan::Plan plan = rules::make_plan(*topology);
  // The live sign-in cases of --check are put beside the plan's own verdict for each.
  const bool simulate = o.simulate || !checks.empty();
  std::vector<discovery::Outcome> outcomes;
  if (simulate) {
    outcomes = simulate::run(*topology, plan, simulate::plan_world(plan), {});
  }
  page::ReportInput input{*topology, plan, simulate ? &outcomes : nullptr, std::move(checks),
                          std::string(version_text())};
  return emit(page::report_html(input), o.out, console);
}

} // namespace

Runner setup_report(CLI::App& app, Console console) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand(
      "report",
      "one self-contained HTML page: the deployment drawn and every table its teams need");
  sub->add_option("topology", o->file, "the topology YAML file")->required();
  sub->add_option("-o,--out", o->out, "the HTML file, written atomically (default: stdout)");
  sub->add_option("--check", o->checks,
                  "the JSON of lyncplan check --format json, shown beside the plan (repeatable)");
  sub->add_flag("--simulate", o->simulate,
                "add every client's discovery from inside and outside (as lyncplan simulate; "
                "--check adds it too, to put the plan's verdict beside each live case)");
  return [o, console]() { return run_report(*o, console); };
}

} // namespace lyncplan::cli
