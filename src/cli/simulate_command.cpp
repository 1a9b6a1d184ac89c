// `lyncplan simulate TOPOLOGY`: every client's discovery, inside and outside, over the plan's own
// DNS or over zone files, as a matrix or as JSON.
#include "commands.hpp"
#include "discovery_flags.hpp"
#include "input.hpp"
#include "output.hpp"

#include <lyncplan/report/outcomes.hpp>
#include <lyncplan/resolve/live_resolver.hpp>
#include <lyncplan/resolve/split_horizon.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/util/atomic_file.hpp>

#include <fmt/format.h>

#include <memory>

namespace lyncplan::cli {
namespace {

struct SimulateOptions {
  std::string file;
  std::vector<std::string> zones;
  std::vector<std::string> domains;
  DiscoveryFlags discovery;
  std::string from = "both";
  std::string format = "table";
  std::string connections = "modelled";
  std::vector<std::string> inside_dns;
  std::vector<std::string> outside_dns;
  double timeout = 2.0;
  int tries = 2;
  bool explain = false;
  std::string fail_on = "error";
  std::string color = "auto";
  std::string out;
};

int run_simulate(const SimulateOptions& o, Console console) {
  auto topology = load_topology_file(o.file, console);
  if (!topology) {
    return kBadInput;
  }
  const plan::Plan plan = rules::make_plan(*topology);
  const bool live = !o.inside_dns.empty() || !o.outside_dns.empty();
  if (live && !o.zones.empty()) {
    console.err << "lyncplan: give either --zone files or live DNS servers, not both\n";
    return kBadInput;
  }
  simulate::DnsWorld dns;
  if (!live && o.zones.empty()) {
    dns = simulate::plan_world(plan);
  } else if (!live) {
    auto loaded = load_zone_files(o.zones, console);
    if (!loaded) {
      return kBadInput;
    }
    dns = std::move(*loaded);
  }
  simulate::Request request;
  request.domains = o.domains;
  request.clients = chosen_clients(o.discovery);
  if (o.from != "both") {
    request.vantages.push_back(o.from == "inside" ? discovery::Vantage::inside
                                                  : discovery::Vantage::outside);
  }
  request.options = discovery_options(o.discovery);
  request.options.connections_closed = o.connections == "closed";
  std::vector<discovery::Outcome> outcomes;
  if (live) {
    const int timeout_ms = static_cast<int>(o.timeout * 1000);
    auto outside = resolve::LiveResolver::create({o.outside_dns, timeout_ms, o.tries});
    auto inside_server = resolve::LiveResolver::create(
        {o.inside_dns.empty() ? o.outside_dns : o.inside_dns, timeout_ms, o.tries});
    if (!outside || !inside_server) {
      console.err << "lyncplan: " << (!outside ? outside.error() : inside_server.error()) << "\n";
      return kBadInput;
    }
    // The internal DNS answers the zones the plan holds inside and forwards the rest.
    const resolve::SplitHorizonResolver inside(
        **inside_server,
        o.inside_dns.empty() ? std::set<std::string>{} : simulate::internal_zones(plan), **outside);
    outcomes = simulate::run_with(*topology, plan, inside, **outside, request);
  } else {
    outcomes = simulate::run(*topology, plan, dns, request);
  }

  const bool color = use_color(o.color, o.out, o.format == "table", console);
  const std::string text = o.format == "json" ? report::outcomes_json(outcomes)
                                              : report::outcomes_table(outcomes, o.explain, color);
  if (int rc = emit(text, o.out, console); rc != kOk) {
    return rc;
  }
  const bool client_named = o.discovery.client != "all";
  return findings::fails(report::outcome_findings(outcomes, client_named),
                         findings::fail_threshold(o.fail_on))
             ? kFindings
             : kOk;
}

} // namespace

Runner setup_simulate(CLI::App& app, Console console) {
  auto o = std::make_shared<SimulateOptions>();
  CLI::App* sub = app.add_subcommand(
      "simulate", "run each client's discovery, inside and outside, and say where sign-in fails");
  sub->add_option("topology", o->file, "the topology YAML file")->required();
  sub->add_option("--zone", o->zones,
                  "zone file as VIEW=FILE (internal or external; repeatable); default: the "
                  "plan's own records");
  sub->add_option("--domain", o->domains, "SIP domain to sign in to (repeatable); default: all");
  add_discovery_flags(*sub, o->discovery);
  sub->add_option("--from", o->from, "vantage: inside, outside or both")
      ->check(CLI::IsMember({"inside", "outside", "both"}))
      ->capture_default_str();
  sub->add_option("-f,--format", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  sub->add_flag("--explain", o->explain, "show every step of every case");
  sub->add_option("--inside-dns", o->inside_dns,
                  "live: the internal DNS server, IP[:PORT] (repeatable); it answers the zones the "
                  "plan holds inside, other names go to the outside DNS");
  sub->add_option("--outside-dns", o->outside_dns,
                  "live: the public DNS server, IP[:PORT] (repeatable); default: /etc/resolv.conf "
                  "when --inside-dns is given");
  sub->add_option("--timeout", o->timeout, "live: seconds per DNS try")
      ->check(CLI::Range(0.1, 60.0))
      ->capture_default_str();
  sub->add_option("--tries", o->tries, "live: DNS tries per query")
      ->check(CLI::Range(1, 10))
      ->capture_default_str();
  sub->add_option("--connections", o->connections,
                  "modelled: services answer as the topology says; closed: every server accepts "
                  "and closes (shows the whole order of attempts)")
      ->check(CLI::IsMember({"modelled", "closed"}))
      ->capture_default_str();
  add_report_options(sub, o->fail_on,
                     "exit 1 on: error (a failed sign-in), warning (also a prompt), never",
                     {"error", "warning", "never"}, o->color, o->out);
  return [o, console]() { return run_simulate(*o, console); };
}

} // namespace lyncplan::cli
