// `lyncplan verify TOPOLOGY --zone VIEW=FILE ...`: existing zone data against the plan.
#include "commands.hpp"
#include "input.hpp"
#include "output.hpp"

#include <lyncplan/rules/planner.hpp>
#include <lyncplan/util/atomic_file.hpp>
#include <lyncplan/util/strings.hpp>
#include <lyncplan/verify/verify.hpp>

#include <fmt/format.h>

#include <memory>
#include <set>

namespace lyncplan::cli {
namespace {

struct VerifyOptions {
  std::string file;
  std::vector<std::string> zones;
  std::vector<std::string> tenants;
  std::string format = "table";
  std::string fail_on = "error";
  std::string color = "auto";
  std::string out;
};

int run_verify(const VerifyOptions& o, Console console) {
  auto topology = load_topology_file(o.file, console);
  if (!topology) {
    return kBadInput;
  }
  auto given = load_zone_files(o.zones, console);
  if (!given) {
    return kBadInput;
  }
  std::vector<std::string> views;
  for (const auto& spec : o.zones) {
    views.push_back(spec.substr(0, spec.find('=')));
  }
  plan::Plan plan = rules::make_plan(*topology);
  if (!o.tenants.empty()) {
    // Only these hosted tenants (and the provider's own records): every unknown one at once.
    std::set<std::string> hosted, wanted;
    if (topology->hosting) {
      for (const auto& t : topology->hosting->tenants) {
        hosted.insert(to_lower(t));
      }
    }
    std::vector<std::string> unknown;
    for (const auto& t : o.tenants) {
      if (hosted.count(to_lower(t)) != 0) {
        wanted.insert(to_lower(t));
      } else {
        unknown.push_back(t);
      }
    }
    if (!unknown.empty()) {
      for (const auto& t : unknown) {
        console.err << fmt::format("lyncplan: --tenant '{}' is not a hosted tenant of {}{}\n", t,
                                   o.file, topology->hosting ? "" : " (it has no hosting section)");
      }
      return kBadInput;
    }
    plan = verify::without_other_tenants(plan, *topology, wanted);
    verify::drop_other_tenants(*given, *topology, wanted);
  }
  const verify::Report report = verify::verify(*topology, plan, *given, views);
  const bool color = use_color(o.color, o.out, o.format == "table", console);
  const std::string text =
      o.format == "json" ? verify::report_json(report) : verify::report_table(report, color);
  if (int rc = emit(text, o.out, console); rc != kOk) {
    return rc;
  }
  return findings::fails(report.problems, findings::fail_threshold(o.fail_on)) ? kFindings : kOk;
}

} // namespace

Runner setup_verify(CLI::App& app, Console console) {
  auto o = std::make_shared<VerifyOptions>();
  CLI::App* sub = app.add_subcommand(
      "verify", "compare existing zone files with the plan: missing, wrong, misspelt, risky");
  sub->add_option("topology", o->file, "the topology YAML file")->required();
  sub->add_option("--zone", o->zones, "zone file as VIEW=FILE (internal or external; repeatable)")
      ->required();
  sub->add_option("--tenant", o->tenants,
                  "only this hosted tenant's records and the provider's own (repeatable)");
  sub->add_option("-f,--format", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  add_report_options(sub, o->fail_on, "exit 1 on problems of this severity or worse",
                     {"error", "warning", "info", "never"}, o->color, o->out);
  return [o, console]() { return run_verify(*o, console); };
}

} // namespace lyncplan::cli
