// `lyncplan cutover TOPOLOGY --domain D --to MODE`: the DNS steps from what a SIP domain's
// records hold now (zone files or live DNS) to the plan of its new mode.
#include "commands.hpp"
#include "input.hpp"
#include "output.hpp"

#include <lyncplan/cutover/report.hpp>
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/resolve/live_resolver.hpp>
#include <lyncplan/resolve/zone_resolver.hpp>
#include <lyncplan/util/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>

namespace lyncplan::cli {
namespace {

struct CutoverOptions {
  std::string topology;
  std::string domain;
  std::string to;
  std::vector<std::string> zones;
  std::vector<std::string> inside_dns, outside_dns;
  double timeout = 5.0;
  std::string format = "table";
  std::string view; // nsupdate: which view's server the script goes to
  std::string server;
  std::string color = "auto";
  std::string out;
};

constexpr std::array<std::string_view, 3> kModes = {"on-premises", "hybrid", "teams-only"};

bool has_zone_for(const std::vector<std::string>& specs, std::string_view view) {
  return std::any_of(specs.begin(), specs.end(), [&](const std::string& s) {
    return std::string_view(s).substr(0, s.find('=')) == view;
  });
}

int run_cutover(const CutoverOptions& o, Console console) {
  auto topology = load_topology_file(o.topology, console);
  if (!topology) {
    return kBadInput;
  }
  const auto mode = std::find(kModes.begin(), kModes.end(), o.to);
  auto given = load_zone_files(o.zones, console);
  if (!given) {
    return kBadInput;
  }
  const bool external_zone = has_zone_for(o.zones, "external");
  const bool internal_zone = has_zone_for(o.zones, "internal");
  if (external_zone && !o.outside_dns.empty()) {
    console.err << "lyncplan: cutover: --zone external=... and --outside-dns both describe the "
                   "external view; expected one of them\n";
    return kBadInput;
  }
  if (internal_zone && !o.inside_dns.empty()) {
    console.err << "lyncplan: cutover: --zone internal=... and --inside-dns both describe the "
                   "internal view; expected one of them\n";
    return kBadInput;
  }
  const auto server_line = nsupdate_server(o.server, console);
  if (!server_line) {
    return kBadInput;
  }
  // Each view from its zone file, else from live DNS (the public DNS by default; the internal
  // view only when --inside-dns names its server).
  const int timeout_ms = static_cast<int>(o.timeout * 1000);
  std::optional<resolve::ZoneResolver> external_zones, internal_zones;
  std::unique_ptr<resolve::LiveResolver> outside, inside;
  cutover::Request request;
  request.domain = o.domain;
  request.to = static_cast<topology::DomainMode>(mode - kModes.begin());
  if (external_zone) {
    external_zones.emplace(given->external);
    request.external = &*external_zones;
  } else {
    auto created = resolve::LiveResolver::create({o.outside_dns, std::max(100, timeout_ms / 2), 2});
    if (!created) {
      console.err << "lyncplan: " << created.error() << "\n";
      return kBadInput;
    }
    outside = std::move(*created);
    request.external = outside.get();
  }
  if (internal_zone) {
    internal_zones.emplace(given->internal);
    request.internal = &*internal_zones;
  } else if (!o.inside_dns.empty()) {
    auto created = resolve::LiveResolver::create({o.inside_dns, std::max(100, timeout_ms / 2), 2});
    if (!created) {
      console.err << "lyncplan: " << created.error() << "\n";
      return kBadInput;
    }
    inside = std::move(*created);
    request.internal = inside.get();
  }
  const auto result = cutover::plan_cutover(*topology, request);
  if (!result) {
    console.err << "lyncplan: cutover: " << result.error() << "\n";
    return kBadInput;
  }
  const cutover::Cutover& c = *result;
  std::string text;
  if (o.format == "json") {
    text = cutover::cutover_json(c);
  } else if (o.format == "zone") {
    text = cutover::cutover_zone(c);
  } else if (o.format == "nsupdate") {
    std::string view = o.view;
    if (view.empty()) {
      if (c.views.size() > 1) {
        console.err << "lyncplan: cutover: an nsupdate script goes to one server; expected "
                       "--view external or --view internal\n";
        return kBadInput;
      }
      view = c.views.front();
    }
    if (std::find(c.views.begin(), c.views.end(), view) == c.views.end()) {
      console.err << fmt::format("lyncplan: cutover: the {} view was not given; expected --zone "
                                 "{}=FILE or --{}-dns\n",
                                 view, view, view == "internal" ? "inside" : "outside");
      return kBadInput;
    }
    text = cutover::cutover_nsupdate(
        c, {view == "internal" ? plan::View::internal : plan::View::external, *server_line,
            o.out.empty() ? "" : std::filesystem::path(o.out).filename().string()});
  } else if (o.format == "powershell") {
    render::Options options;
    options.version = std::string(util::version());
    options.output_name = o.out.empty() ? "" : std::filesystem::path(o.out).filename().string();
    auto script = render::render_powershell({c.script_plan, *topology, options});
    if (!script) {
      console.err << "lyncplan: cutover: " << script.error() << "\n";
      return kBadInput;
    }
    text = std::move(script->text);
  } else {
    text = cutover::cutover_text(c, use_color(o.color, o.out, true, console));
  }
  if (o.format != "table" && o.format != "json") {
    // Scripts carry the steps; what matters besides them goes to stderr.
    console.err << cutover::cutover_text(c, false);
  }
  if (int rc = emit(text, o.out, console); rc != kOk) {
    return rc;
  }
  const bool unasked = std::any_of(c.notes.begin(), c.notes.end(), [](const auto& f) {
    return f.severity == findings::Severity::error;
  });
  return unasked ? kFindings : kOk;
}

} // namespace

Runner setup_cutover(CLI::App& app, Console console) {
  auto o = std::make_shared<CutoverOptions>();
  CLI::App* sub = app.add_subcommand(
      "cutover", "the DNS steps that move one SIP domain to another mode (teams-only, hybrid, "
                 "on-premises), from what its zones or live DNS hold now");
  sub->add_option("topology", o->topology, "the topology YAML file")->required();
  sub->add_option("--domain", o->domain, "the SIP domain that moves")->required();
  sub->add_option("--to", o->to, "its new mode: on-premises, hybrid or teams-only")
      ->required()
      ->check(CLI::IsMember({"on-premises", "hybrid", "teams-only"}));
  sub->add_option("--zone", o->zones,
                  "what a view holds now, as VIEW=FILE (internal or external; repeatable); "
                  "default: live DNS");
  sub->add_option("--inside-dns", o->inside_dns,
                  "the internal DNS server, IP[:PORT] (repeatable); without it or --zone "
                  "internal=FILE the internal view is left out");
  sub->add_option("--outside-dns", o->outside_dns,
                  "the public DNS server, IP[:PORT] (repeatable); default: /etc/resolv.conf");
  sub->add_option("--timeout", o->timeout, "seconds one DNS question may take (all tries)")
      ->check(CLI::Range(0.1, 120.0))
      ->capture_default_str();
  sub->add_option("-f,--format", o->format,
                  "table, json, zone (BIND fragments), powershell (Windows DNS) or nsupdate")
      ->check(CLI::IsMember({"table", "json", "zone", "powershell", "nsupdate"}))
      ->capture_default_str();
  sub->add_option("--view", o->view, "nsupdate: the view whose server the script goes to")
      ->check(CLI::IsMember({"external", "internal"}));
  sub->add_option("--server", o->server, "nsupdate: a `server` line, IP[:PORT]");
  sub->add_option("--color", o->color, "auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  sub->add_option("-o,--out", o->out, "write the output to this file (atomically)");
  return [o, console]() { return run_cutover(*o, console); };
}

} // namespace lyncplan::cli
