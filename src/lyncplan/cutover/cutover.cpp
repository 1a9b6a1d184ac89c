// One SIP domain from what its DNS holds to the plan of another mode: what to delete and add.
#include <lyncplan/cutover/cutover.hpp>
#include <lyncplan/dns/name.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/topology/clouds.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace lyncplan::cutover {
namespace {

using plan::DnsRecord;
using plan::RrType;
using plan::View;
using topology::DomainMode;

// A record's identity for comparing: type and data, never the TTL or the rule.
using Value = std::tuple<RrType, std::string, std::uint16_t, std::uint16_t, std::uint16_t>;
using Key = std::pair<View, std::string>; // view, name

Value value_of(const DnsRecord& r) {
  return {r.type, r.value, r.port, r.priority, r.weight};
}

// The topology with `domain` in `mode` (legacy records on when asked, to know their names).
topology::Topology with_mode(const topology::Topology& t, const std::string& domain,
                             DomainMode mode, bool legacy) {
  topology::Topology out = t;
  topology::DomainSettings settings = topology::settings_of(t, domain);
  settings.mode = mode;
  settings.legacy_online_records = mode == DomainMode::teams_only && legacy;
  out.domain_settings[domain] = settings;
  return out;
}

struct Known {
  std::map<Key, std::set<Value>> values;        // every value some mode plans for the name
  std::map<Key, std::vector<DnsRecord>> target; // the target's records of the name
  std::map<Key, std::string> zone;              // the zone the name lives in
};

bool in_domain(const DnsRecord& r, const std::string& domain) {
  return dns::is_within(r.name, domain);
}

void collect(const plan::Plan& p, const std::string& domain, Known& k) {
  for (const auto* list : {&p.dns, &p.dns_removals}) {
    for (const DnsRecord& r : *list) {
      if (in_domain(r, domain)) {
        k.values[{r.view, r.name}].insert(value_of(r));
        k.zone.emplace(Key{r.view, r.name}, r.zone);
      }
    }
  }
}

struct Current {
  bool asked = true;
  std::string failure; // "SRV: timeout"
  std::vector<DnsRecord> records;
};

// What `name` holds now, for the types some mode plans there (a CNAME shows on the A query).
Current current_of(const resolve::Resolver& dns, const Key& key, const std::set<Value>& known,
                   const std::string& zone) {
  std::set<RrType> ask;
  for (const Value& v : known) {
    const RrType t = std::get<0>(v);
    ask.insert(t == RrType::CNAME ? RrType::A : t);
  }
  Current c;
  bool saw_cname = false;
  for (RrType type : ask) {
    const resolve::Answer a = dns.query(key.second, type);
    if (resolve::could_not_ask(a.status) && a.cnames.empty()) {
      c.asked = false;
      c.failure =
          fmt::format("{} {}: {}", key.second, plan::to_string(type), resolve::to_string(a.status));
      return c;
    }
    DnsRecord base;
    base.view = key.first;
    base.zone = zone;
    base.name = key.second;
    if (!a.cnames.empty()) {
      if (!saw_cname) {
        base.type = RrType::CNAME;
        base.value = to_lower(a.cnames.front());
        c.records.push_back(base);
        saw_cname = true;
      }
      continue;
    }
    for (const resolve::Rr& rr : a.records) {
      DnsRecord r = base;
      r.type = rr.type;
      r.value = rr.type == RrType::A || rr.type == RrType::AAAA ? rr.value : to_lower(rr.value);
      r.port = rr.port;
      r.priority = rr.priority;
      r.weight = rr.weight;
      r.ttl = rr.ttl;
      c.records.push_back(r);
    }
  }
  return c;
}

bool leads_on_premises(const DnsRecord& r) {
  return r.type == RrType::A || r.type == RrType::AAAA ||
         !topology::microsoft_cloud_of(r.value).has_value();
}

int action_order(Action a) {
  return a == Action::change ? 0 : a == Action::add ? 1 : 2;
}

} // namespace

const char* to_string(Action a) {
  switch (a) {
  case Action::change:
    return "change";
  case Action::add:
    return "add";
  case Action::remove:
    return "delete";
  }
  return "?";
}

Expected<Cutover, std::string> plan_cutover(const topology::Topology& topology,
                                            const Request& request) {
  const std::string domain = to_lower(request.domain);
  if (std::find(topology.sip_domains.begin(), topology.sip_domains.end(), domain) ==
      topology.sip_domains.end()) {
    return unexpected(fmt::format("{} is not a SIP domain of {}; expected one of {}", domain,
                                  topology.source.empty() ? "the topology" : topology.source,
                                  join(topology.sip_domains, ", ")));
  }
  Cutover out;
  out.domain = domain;
  out.from = topology::mode_of(topology, domain);
  out.to = request.to;
  const bool legacy = topology::settings_of(topology, domain).legacy_online_records;
  const plan::Plan target = rules::make_plan(with_mode(topology, domain, request.to, legacy));

  // Every name some mode plans for the domain, and every value it may hold now.
  Known known;
  for (DomainMode m : {DomainMode::on_premises, DomainMode::hybrid, DomainMode::teams_only}) {
    collect(rules::make_plan(with_mode(topology, domain, m, true)), domain, known);
  }
  collect(target, domain, known);
  for (const DnsRecord& r : target.dns) {
    if (in_domain(r, domain)) {
      known.target[{r.view, r.name}].push_back(r);
    }
  }

  std::vector<std::pair<View, const resolve::Resolver*>> views;
  if (request.external != nullptr) {
    views.emplace_back(View::external, request.external);
    out.views.emplace_back("external");
  }
  if (request.internal != nullptr) {
    views.emplace_back(View::internal, request.internal);
    out.views.emplace_back("internal");
  }
  std::vector<std::string> unasked, unexpected_values, on_premises_left;
  bool lyncdiscover_on_premises = false;
  for (const auto& [view, dns] : views) {
    for (const auto& [key, values] : known.values) {
      if (key.first != view) {
        continue;
      }
      const std::string& zone = known.zone.at(key);
      const Current now = current_of(*dns, key, values, zone);
      if (!now.asked) {
        unasked.push_back(fmt::format("{} ({} view)", now.failure, plan::to_string(view)));
        continue;
      }
      const auto t = known.target.find(key);
      const std::vector<DnsRecord> want =
          t == known.target.end() ? std::vector<DnsRecord>{} : t->second;
      std::set<Value> wanted, held;
      for (const auto& r : want) {
        wanted.insert(value_of(r));
      }
      for (const auto& r : now.records) {
        held.insert(value_of(r));
      }
      Step step;
      step.view = view;
      step.zone = zone;
      step.name = key.second;
      for (const auto& r : now.records) {
        if (wanted.count(value_of(r)) != 0) {
          continue;
        }
        if (values.count(value_of(r)) == 0) {
          unexpected_values.push_back(fmt::format("{} {} {} ({} view)", r.name,
                                                  plan::to_string(r.type), r.value,
                                                  plan::to_string(view)));
          continue;
        }
        step.remove.push_back(r);
        if (leads_on_premises(r)) {
          on_premises_left.push_back(r.name);
          if (r.name == "lyncdiscover." + domain && view == View::external) {
            lyncdiscover_on_premises = true;
          }
        }
      }
      for (const auto& r : want) {
        if (held.count(value_of(r)) == 0) {
          step.add.push_back(r);
        }
      }
      if (step.remove.empty() && step.add.empty()) {
        out.already_right += want.empty() ? 0 : 1;
        continue;
      }
      step.action = step.remove.empty() ? Action::add
                    : step.add.empty()  ? Action::remove
                                        : Action::change;
      out.script_plan.dns_removals.insert(out.script_plan.dns_removals.end(), step.remove.begin(),
                                          step.remove.end());
      out.steps.push_back(std::move(step));
    }
  }
  // The script plan: every target record of the domain in the asked views (present ones are
  // left as they are by every renderer), and exactly the values to delete.
  for (const auto& [key, records] : known.target) {
    for (const auto& [view, dns] : views) {
      if (view == key.first) {
        out.script_plan.dns.insert(out.script_plan.dns.end(), records.begin(), records.end());
      }
    }
  }
  out.script_plan.product = target.product;
  plan::normalise(out.script_plan);
  std::stable_sort(out.steps.begin(), out.steps.end(), [](const Step& a, const Step& b) {
    return std::make_tuple(a.view != View::external, action_order(a.action), a.zone, a.name) <
           std::make_tuple(b.view != View::external, action_order(b.action), b.zone, b.name);
  });

  using findings::Severity;
  if (request.to == DomainMode::teams_only) {
    out.notes.push_back(
        {Severity::warning, "cutover.move-users-first", domain,
         fmt::format("move every user of {} to Teams (Move-CsUser -MoveToTeams) before these "
                     "records change: a user still homed on premises loses sign-in and "
                     "federation when they do",
                     domain)});
    if (!on_premises_left.empty()) {
      std::sort(on_premises_left.begin(), on_premises_left.end());
      on_premises_left.erase(std::unique(on_premises_left.begin(), on_premises_left.end()),
                             on_premises_left.end());
      out.notes.push_back(
          {Severity::warning, "cutover.on-premises-records", domain,
           fmt::format("{} still lead{} on premises ({}): the TeamsOnly change fails by design "
                       "until the steps are applied",
                       on_premises_left.size() == 1
                           ? "one name"
                           : std::to_string(on_premises_left.size()) + " names",
                       on_premises_left.size() == 1 ? "s" : "", join(on_premises_left, ", "))});
    }
    if (lyncdiscover_on_premises) {
      out.notes.push_back(
          {Severity::warning, "cutover.lyncdiscover-on-premises", "lyncdiscover." + domain,
           fmt::format("lyncdiscover.{} leads on premises: tenant-wide TeamsOnly mode cannot be "
                       "kept while it does; it must lead to Microsoft 365 ({}) or not exist",
                       domain, topology::cloud_facts(topology.cloud).webdir)});
    }
  }
  for (const auto& v : unexpected_values) {
    out.notes.push_back({Severity::warning, "cutover.unexpected-value", v,
                         fmt::format("{} is not a value any mode of {} plans: left alone; "
                                     "check what it serves before the cutover",
                                     v, domain)});
  }
  for (const auto& u : unasked) {
    out.notes.push_back({Severity::error, "cutover.could-not-ask", u,
                         fmt::format("{}: no step is known for this name; ask again when the "
                                     "DNS answers",
                                     u)});
  }
  return out;
}

} // namespace lyncplan::cutover
