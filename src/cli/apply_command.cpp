// `lyncplan apply TOPOLOGY --server IP[:PORT] --tsig KEYFILE`: the plan's records of one view
// written into the zones of a running primary by signed dynamic update, read first, one UPDATE
// per zone, changing only what differs.
#include "commands.hpp"
#include "input.hpp"

#include <lyncplan/apply/update_client.hpp>
#include <lyncplan/rules/planner.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <set>

namespace lyncplan::cli {
namespace {

struct ApplyOptions {
  std::string topology;
  std::string server;
  std::string tsig;
  std::string view;
  std::vector<std::string> zones;
  bool prune = false;
  bool dry_run = false;
  double timeout = 5.0;
};

std::string line_of(const apply::ZoneRecord& r) {
  return fmt::format("{}. {} IN {} {}", r.name, r.ttl, r.type, r.data);
}

struct ZoneSlice {
  std::string zone;
  std::vector<plan::DnsRecord> records;
  std::vector<plan::DnsRecord> removals;
};

// The zones of `view` in the plan's order, each with its records and the records to remove.
std::vector<ZoneSlice> zones_of(const plan::Plan& plan, plan::View view) {
  std::vector<ZoneSlice> out;
  auto slice = [&](const std::string& zone) -> ZoneSlice& {
    auto it =
        std::find_if(out.begin(), out.end(), [&](const ZoneSlice& z) { return z.zone == zone; });
    if (it != out.end()) {
      return *it;
    }
    out.push_back({zone, {}, {}});
    return out.back();
  };
  for (const plan::DnsRecord& r : plan.dns) {
    if (r.view == view) {
      ZoneSlice& z = out.empty() || out.back().zone != r.zone ? slice(r.zone) : out.back();
      z.records.push_back(r);
    }
  }
  for (const plan::DnsRecord& r : plan.dns_removals) {
    if (r.view == view) {
      slice(r.zone).removals.push_back(r);
    }
  }
  return out;
}

int run_apply(const ApplyOptions& o, Console console) {
  bool bad = false;
  const auto server = dns::parse_endpoint(o.server, 53);
  if (!server) {
    console.err << fmt::format("lyncplan: apply: --server '{}': expected IP, IP:PORT or "
                               "[IPv6]:PORT of the zones' primary\n",
                               o.server);
    bad = true;
  }
  std::optional<apply::TsigKey> key;
  if (const auto text = read_text_file(o.tsig); !text) {
    console.err << fmt::format("lyncplan: apply: --tsig '{}': cannot read the key file\n", o.tsig);
    bad = true;
  } else if (auto parsed = apply::parse_tsig_key(*text, o.tsig); !parsed) {
    for (const util::Diagnostic& d : parsed.error()) {
      console.err << util::format(d) << "\n";
    }
    bad = true;
  } else {
    key = std::move(*parsed);
  }
  auto topology = load_topology_file(o.topology, console);
  if (!topology || bad) {
    return kBadInput;
  }
  const plan::Plan plan = rules::make_plan(*topology);
  std::set<plan::View> views;
  for (const plan::DnsRecord& r : plan.dns) {
    views.insert(r.view);
  }
  plan::View view = plan::View::external;
  if (!o.view.empty()) {
    view = o.view == "internal" ? plan::View::internal : plan::View::external;
    if (!views.contains(view)) {
      console.err << fmt::format("lyncplan: apply: the plan has no records for the {} view\n",
                                 o.view);
      return kBadInput;
    }
  } else if (views.size() > 1) {
    console.err << "lyncplan: apply: the plan has records for the external and the internal "
                   "view, each served by its own server (or BIND view); expected --view "
                   "external or --view internal\n";
    return kBadInput;
  } else if (!views.empty()) {
    view = *views.begin();
  }
  std::vector<ZoneSlice> zones = zones_of(plan, view);
  if (!o.zones.empty()) {
    std::vector<ZoneSlice> chosen;
    for (const std::string& wanted : o.zones) {
      const auto it = std::find_if(zones.begin(), zones.end(),
                                   [&](const ZoneSlice& z) { return z.zone == wanted; });
      if (it == zones.end()) {
        console.err << fmt::format("lyncplan: apply: --zone {}: the plan has no such zone in the "
                                   "{} view\n",
                                   wanted, plan::to_string(view));
        bad = true;
      } else {
        chosen.push_back(*it);
      }
    }
    if (bad) {
      return kBadInput;
    }
    zones = std::move(chosen);
  }

  const apply::UpdateClient client(
      *server, *key, std::chrono::milliseconds(static_cast<long long>(o.timeout * 1000)));
  std::size_t changed = 0, as_planned = 0, failed = 0, added = 0, deleted = 0, kept = 0;
  int rc = kOk;
  std::size_t done = 0;
  for (const ZoneSlice& z : zones) {
    ++done;
    auto read = client.read_zone(z.zone);
    std::optional<apply::Problem> problem;
    apply::ZoneChanges changes;
    if (read) {
      changes = apply::zone_changes(z.zone, z.records, z.removals, read->records, o.prune);
      if (!changes.empty() && !o.dry_run) {
        problem = client.update(*read, changes);
      }
    } else {
      problem = read.error();
    }
    if (problem) {
      ++failed;
      console.err << fmt::format("lyncplan: apply: zone {}: {}: {}\n", z.zone,
                                 apply::to_string(problem->failure), problem->message);
      rc = problem->failure == apply::Failure::bad_key || rc == kBadInput ? kBadInput : kSystem;
      if (problem->failure == apply::Failure::bad_key ||
          problem->failure == apply::Failure::silent) {
        // The same key and the same server for every zone: the rest would fail alike.
        if (done < zones.size()) {
          console.err << fmt::format("lyncplan: apply: stopped; {} more zone{} not tried\n",
                                     zones.size() - done, zones.size() - done == 1 ? "" : "s");
        }
        break;
      }
      if (!read) {
        continue;
      }
    }
    kept += changes.unplanned.size();
    if (changes.empty()) {
      ++as_planned;
      if (!changes.unplanned.empty()) {
        console.out << fmt::format("zone {}: as planned ({} records)\n", z.zone, changes.already);
      }
    } else {
      const char* verb = problem ? "not changed" : o.dry_run ? "would change" : "changed";
      console.out << fmt::format("zone {}: {}: {} to add, {} to delete, {} as planned\n", z.zone,
                                 verb, changes.adds.size(), changes.deletes.size(),
                                 changes.already);
      for (const apply::Change& c : changes.deletes) {
        console.out << fmt::format("  - {}    ; {}\n", line_of(c.record), apply::to_string(c.why));
      }
      for (const apply::Change& c : changes.adds) {
        console.out << fmt::format("  + {}    ; {}\n", line_of(c.record), apply::to_string(c.why));
      }
      if (!problem) {
        ++changed;
        added += changes.adds.size();
        deleted += changes.deletes.size();
      }
    }
    for (const apply::ZoneRecord& r : changes.unplanned) {
      console.out << fmt::format("  = {}    ; a Lync record the plan lacks: kept (--prune "
                                 "deletes it)\n",
                                 line_of(r));
    }
  }
  console.out << fmt::format(
      "{} view on {}: {} zone{}; {} {} ({} record{} added, {} deleted), {} as planned{}{}{}\n",
      plan::to_string(view), server->text(), zones.size(), zones.size() == 1 ? "" : "s", changed,
      o.dry_run ? "would change" : "changed", added, added == 1 ? "" : "s", deleted, as_planned,
      failed > 0 ? fmt::format(", {} failed", failed) : "",
      kept > 0 ? fmt::format("; {} unplanned Lync record{} kept", kept, kept == 1 ? "" : "s") : "",
      o.dry_run ? " (dry run: nothing sent)" : "");
  return rc;
}

} // namespace

Runner setup_apply(CLI::App& app, Console console) {
  auto o = std::make_shared<ApplyOptions>();
  CLI::App* sub = app.add_subcommand(
      "apply", "write the plan's DNS records into a running primary by signed dynamic update "
               "(RFC 2136, TSIG): reads each zone first, changes only what differs");
  sub->add_option("topology", o->topology, "the topology YAML file")->required();
  sub->add_option("--server", o->server, "the zones' primary, IP[:PORT] (port 53 by default)")
      ->required();
  sub->add_option("--tsig", o->tsig,
                  "the TSIG key file (tsig-keygen's key statement, or keymgr -t's key: section)")
      ->required();
  sub->add_option("--view", o->view,
                  "the view that server holds: external or internal (needed when the plan has "
                  "both)")
      ->check(CLI::IsMember({"external", "internal"}));
  sub->add_option("--zone", o->zones, "only this zone of the plan (repeatable)");
  sub->add_flag("--prune", o->prune,
                "also delete the Lync records (SRV, lyncdiscover, sip...) the plan does not have");
  sub->add_flag("--dry-run", o->dry_run, "read the zones and print the changes; send nothing");
  sub->add_option("--timeout", o->timeout, "seconds one exchange with the server may take")
      ->check(CLI::Range(0.1, 120.0))
      ->capture_default_str();
  return [o, console]() { return run_apply(*o, console); };
}

} // namespace lyncplan::cli
