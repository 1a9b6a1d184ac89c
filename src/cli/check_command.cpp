// `lyncplan check DOMAIN...`: a live deployment checked the way its clients and partners see it,
// over live DNS (inside and outside) and live servers, without credentials.
#include "commands.hpp"
#include "discovery_flags.hpp"
#include "input.hpp"
#include "output.hpp"

#include <lyncplan/check/check.hpp>
#include <lyncplan/check/check_report.hpp>
#include <lyncplan/dns/name.hpp>
#include <lyncplan/resolve/shared_resolver.hpp>
#include <lyncplan/resolve/split_horizon.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/util/clock.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <charconv>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

namespace lyncplan::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> domains;
  std::string topology;
  DiscoveryFlags discovery;
  std::string from = "both";
  std::vector<std::string> inside_dns;
  std::vector<std::string> outside_dns;
  std::string ca_file;
  double timeout = 5.0;
  int tries = 2;
  int threads = 32;
  int https_port = 443;
  int http_port = 80;
  std::vector<std::string> forward_ports;
  std::string sip_user = "user";
  std::string wildcard_label;
  std::string expect;
  std::string format = "table";
  bool explain = false;
  std::string fail_on = "error";
  std::string color = "auto";
  std::string out;
};

// "5061=15061" as (5061, 15061); nullopt unless both are ports.
std::optional<std::pair<int, int>> parse_port_forward(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    return std::nullopt;
  }
  const auto port = [](std::string_view digits) -> std::optional<int> {
    int value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size() || value < 1 ||
        value > 65535) {
      return std::nullopt;
    }
    return value;
  };
  const auto from = port(text.substr(0, equals));
  const auto to = port(text.substr(equals + 1));
  if (!from || !to) {
    return std::nullopt;
  }
  return std::pair{*from, *to};
}

// "24 timeout, 2 SERVFAIL": how the questions about `view` went unanswered.
std::string dead_view_statuses(const check::Report& report, const std::string& view) {
  std::map<std::string, int> counts;
  for (const auto& u : report.drift_unasked) {
    if (u.view == view) {
      ++counts[u.status];
    }
  }
  std::vector<std::string> parts;
  for (const auto& [status, n] : counts) {
    parts.push_back(fmt::format("{} {}", n, status));
  }
  return join(parts, ", ");
}

int run_check(const CheckOptions& o, Console console) {
  std::optional<topology::Topology> topology;
  std::optional<plan::Plan> plan;
  if (!o.topology.empty()) {
    topology = load_topology_file(o.topology, console);
    if (!topology) {
      return kBadInput;
    }
    plan = rules::make_plan(*topology);
  }
  check::Request request;
  request.domains = o.domains;
  if (request.domains.empty() && topology) {
    request.domains = simulate::default_domains(*topology);
  }
  if (request.domains.empty()) {
    console.err << "lyncplan: check needs at least one DOMAIN (or --topology to take its SIP "
                   "domains)\n";
    return kBadInput;
  }
  for (auto& d : request.domains) {
    d = to_lower(d);
    auto problem = dns::host_name_problem(d);
    if (!problem && dns::is_single_label(d)) {
      problem = "a single label";
    }
    if (problem) {
      console.err << fmt::format("lyncplan: check: '{}' is not a SIP domain: {}; expected a name "
                                 "such as contoso.com\n",
                                 d, *problem);
      return kBadInput;
    }
  }
  if (!o.ca_file.empty() && !read_text_file(o.ca_file)) {
    console.err << fmt::format("lyncplan: {}: cannot read the CA file\n", o.ca_file);
    return kBadInput;
  }
  const int timeout_ms = static_cast<int>(o.timeout * 1000);
  // Each DNS try gets its share of the timeout, so one query never waits longer than --timeout.
  const resolve::LiveOptions outside_options{o.outside_dns, std::max(100, timeout_ms / o.tries),
                                             o.tries};
  auto outside = resolve::SharedLiveResolver::create(outside_options);
  if (!outside) {
    console.err << "lyncplan: " << outside.error() << "\n";
    return kBadInput;
  }
  std::unique_ptr<resolve::SharedLiveResolver> inside_server;
  if (!o.inside_dns.empty()) {
    auto created = resolve::SharedLiveResolver::create(
        {o.inside_dns, outside_options.timeout_ms, outside_options.tries});
    if (!created) {
      console.err << "lyncplan: " << created.error() << "\n";
      return kBadInput;
    }
    inside_server = std::move(*created);
  }
  // Inside clients ask the internal DNS: the plan's internal zones there (with a topology), or
  // every name there with refused names forwarded to the public DNS.
  std::optional<resolve::SplitHorizonResolver> inside;
  if (inside_server && plan) {
    inside.emplace(*inside_server, simulate::internal_zones(*plan), **outside);
  } else if (inside_server) {
    inside.emplace(resolve::SplitHorizonResolver::forwarding(*inside_server, **outside));
  }
  const resolve::Resolver& inside_dns =
      inside ? static_cast<const resolve::Resolver&>(*inside) : **outside;

  request.clients = chosen_clients(o.discovery);
  request.options = discovery_options(o.discovery);
  if (o.from == "inside") {
    request.vantages = {discovery::Vantage::inside};
  } else if (o.from == "outside" || !inside_server) {
    request.vantages = {discovery::Vantage::outside}; // no inside DNS: nothing inside to see
  }
  request.timeout_ms = timeout_ms;
  request.threads = static_cast<std::size_t>(o.threads);
  request.now = util::system_clock().now();
  request.ca_file = o.ca_file;
  request.https_port = o.https_port;
  request.http_port = o.http_port;
  for (const std::string& f : o.forward_ports) {
    const auto forward = parse_port_forward(f);
    if (!forward) {
      console.err << fmt::format("lyncplan: --forward-port '{}': expected FROM=TO, two ports "
                                 "from 1 to 65535 such as 5061=15061\n",
                                 f);
      return kBadInput;
    }
    request.port_forwards[forward->first] = forward->second;
  }
  request.sip_user = o.sip_user;
  request.probe_label = o.wildcard_label;
  request.topology = topology ? &*topology : nullptr;
  request.plan = plan ? &*plan : nullptr;
  request.inside_dns_given = inside_server != nullptr;
  if (!o.expect.empty()) {
    request.expect = o.expect == "teams-only" ? topology::DomainMode::teams_only
                     : o.expect == "hybrid"   ? topology::DomainMode::hybrid
                                              : topology::DomainMode::on_premises;
  }

  check::Report report = check::run_check(request, {inside_dns, **outside});
  report.dns_queries = (*outside)->asked() + (inside_server ? inside_server->asked() : 0);
  report.dns_answered = (*outside)->answered() + (inside_server ? inside_server->answered() : 0);

  // A view no DNS server answered for was never observed: stop before reporting problems about it.
  if (!report.dead_views.empty()) {
    for (const auto& dead : report.dead_views) {
      const bool internal = dead.view == "internal";
      console.err << fmt::format(
          "lyncplan: the {} DNS ({}) answered none of the {} questions about the {} view "
          "within {} s ({}); the records there could not be checked, and nothing is reported "
          "about them (is the server reachable, and does it serve the plan's zones?)\n",
          internal ? "inside" : "outside",
          join(internal && !o.inside_dns.empty() ? o.inside_dns : o.outside_dns, ", "), dead.asked,
          dead.view, o.timeout, dead_view_statuses(report, dead.view));
    }
    return kSystem;
  }
  const bool color = use_color(o.color, o.out, o.format == "table", console);
  const std::string text = o.format == "json" ? check::report_json(report)
                                              : check::report_table(report, o.explain, color);
  if (int rc = emit(text, o.out, console); rc != kOk) {
    return rc;
  }
  if (report.dns_queries > 0 && report.dns_answered == 0) {
    console.err << fmt::format("lyncplan: no DNS server answered any of {} queries within {} s; "
                               "the check could not run (is the DNS server reachable?)\n",
                               report.dns_queries, o.timeout);
    return kSystem;
  }
  const auto threshold = findings::fail_threshold(o.fail_on);
  bool failing = findings::fails(report.drift_findings, threshold);
  for (const auto& d : report.domains) {
    failing = failing || findings::fails(d.findings, threshold);
  }
  return failing ? kFindings : kOk;
}

} // namespace

Runner setup_check(CLI::App& app, Console console) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* sub = app.add_subcommand(
      "check", "check a live deployment as its clients and partners see it: discovery, TLS, "
               "Autodiscover, federation, wildcards, drift from the plan");
  sub->add_option("domain", o->domains, "SIP domains to check (default: the topology's)");
  sub->add_option("--topology", o->topology,
                  "the topology YAML: the planned Autodiscover answer and drift from the plan");
  add_discovery_flags(*sub, o->discovery);
  sub->add_option("--from", o->from, "vantage: inside, outside or both")
      ->check(CLI::IsMember({"inside", "outside", "both"}))
      ->capture_default_str();
  sub->add_option("--inside-dns", o->inside_dns,
                  "the internal DNS server, IP[:PORT] (repeatable); without it only outside "
                  "clients are checked");
  sub->add_option("--outside-dns", o->outside_dns,
                  "the public DNS server, IP[:PORT] (repeatable); default: /etc/resolv.conf");
  sub->add_option("--expect", o->expect,
                  "the mode the domains are expected in: on-premises, hybrid (every record on "
                  "premises) or teams-only (every record to Microsoft 365); default: the "
                  "topology's, else judged by what is seen")
      ->check(CLI::IsMember({"on-premises", "hybrid", "teams-only"}));
  sub->add_option("--ca-file", o->ca_file,
                  "PEM trust anchors for certificate chains; default: the system store");
  sub->add_option("--timeout", o->timeout,
                  "seconds any one network wait may take: a DNS query (all tries), a TLS "
                  "handshake, an HTTP request")
      ->check(CLI::Range(0.1, 120.0))
      ->capture_default_str();
  sub->add_option("--tries", o->tries, "DNS tries per query (each gets its share of --timeout)")
      ->check(CLI::Range(1, 10))
      ->capture_default_str();
  sub->add_option("--threads", o->threads,
                  "threads for the whole check, shared by domains, clients and endpoints")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  sub->add_option("--https-port", o->https_port,
                  "connect here for https:// URLs on 443 (a lab or a port forward; names, SNI "
                  "and Host are unchanged)")
      ->check(CLI::Range(1, 65535))
      ->capture_default_str();
  sub->add_option("--http-port", o->http_port, "the same for http:// URLs on 80")
      ->check(CLI::Range(1, 65535))
      ->capture_default_str();
  sub->add_option("--forward-port", o->forward_ports,
                  "FROM=TO: connect to port TO for endpoints on port FROM, e.g. 5061=15061 (a "
                  "lab or a port forward; names and SNI are unchanged); repeatable");
  sub->add_option("--sip-user", o->sip_user, "the user part of the sipuri sent to Autodiscover")
      ->capture_default_str();
  sub->add_option("--wildcard-label", o->wildcard_label,
                  "the label asked to detect wildcard records (default: a random one)");
  sub->add_option("-f,--format", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  sub->add_flag("--explain", o->explain, "show every discovery step of every case");
  add_report_options(sub, o->fail_on, "exit 1 on findings at or above: error, warning, info, never",
                     {"error", "warning", "info", "never"}, o->color, o->out);
  return [o, console]() { return run_check(*o, console); };
}

} // namespace lyncplan::cli
