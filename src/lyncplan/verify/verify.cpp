// The plan against existing zone data (issue: verify).
#include <lyncplan/dns/name.hpp>
#include <lyncplan/plan/owner_names.hpp>
#include <lyncplan/resolve/zone_resolver.hpp>
#include <lyncplan/rules/context.hpp>
#include <lyncplan/topology/products.hpp>
#include <lyncplan/util/strings.hpp>
#include <lyncplan/verify/verify.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace lyncplan::verify {
namespace {

using plan::RrType;
using plan::Severity;
using resolve::Rr;

// Which clients or partners depend on a name (DISCOVERY.md 1, 4), by its rule or its owner.
std::string who_depends_on(std::string_view name, std::string_view view,
                           std::string_view rule = "") {
  const bool inside = view == "internal";
  if (rule == "edge.av-a") {
    return "external audio, video and desktop sharing through the A/V Edge";
  }
  if (rule == "edge.webconf-a") {
    return "external web conferencing (meeting content) through the Web Conferencing Edge";
  }
  if (rule == "edge.internal-a" || rule == "edge.server-a") {
    return "the pools' path to the Edge: SIP, A/V authentication and configuration replication";
  }
  if (rule == "rp.web-external-a") {
    return "external clients' address book, group expansion and meeting content";
  }
  if (rule == "pool.a" || rule == "pool.server-a" || rule == "pool.web-internal-a") {
    return "internal clients and servers reaching the pool";
  }
  if (name.starts_with("_sip._tls.")) {
    return "external sign-in by SRV: Lync 2010/2013 desktop (after Autodiscover), Communicator "
           "2007 R2, Phone Edition";
  }
  if (name.starts_with("_sipinternaltls._tcp.")) {
    return "internal sign-in by SRV: Communicator 2007 R2, Lync 2010, Phone Edition, and Lync 2013 "
           "when Autodiscover fails";
  }
  if (name.starts_with("_sipfederationtls._tcp.")) {
    return "federation partners that discover you by DNS, and push notifications to mobile "
           "clients";
  }
  if (name.starts_with("_xmpp-server._tcp.") || name.starts_with("xmpp.")) {
    return "XMPP federation partners";
  }
  if (name.starts_with("lyncdiscoverinternal.")) {
    return "Lync 2013 desktop and mobile clients inside";
  }
  if (name.starts_with("lyncdiscover.")) {
    return "Lync 2013 desktop and mobile clients outside (mobile clients have no fallback)";
  }
  if (name.starts_with("sip.")) {
    return inside ? "internal A-record fallback and SRV targets"
                  : "external sign-in: SRV target and A-record fallback to the Access Edge";
  }
  if (name.starts_with("meet.") || name.starts_with("dialin.") || name.starts_with("admin.") ||
      name.starts_with("lync.")) {
    return "meeting join and dial-in pages (simple URLs)";
  }
  if (name.starts_with("ucupdates")) {
    return "Phone Edition device updates";
  }
  return inside ? "internal clients and servers that resolve this name"
                : "external clients that resolve this name";
}

std::string value_text(const Rr& r) {
  return r.type == RrType::SRV ? fmt::format("{} {} {}:{}", r.priority, r.weight, r.value, r.port)
                               : r.value;
}

std::string value_text(const plan::DnsRecord& r) {
  return r.type == RrType::SRV ? fmt::format("{} {} {}:{}", r.priority, r.weight, r.value, r.port)
                               : r.value;
}

class Verifier {
public:
  Verifier(const topology::Topology& t, const plan::Plan& plan) : t_(t), plan_(plan) {
    const rules::Context c(t);
    for (const auto& pool : t.pools) {
      for (const auto& a : c.pool_addresses(pool)) {
        roles_.emplace(a.text, fmt::format("the {} pool {}", to_string(pool.role), pool.fqdn));
      }
      if (pool.role == topology::Role::edge) {
        for (auto [service, what] :
             {std::pair{rules::EdgeService::access, "Access Edge"},
              std::pair{rules::EdgeService::webconf, "Web Conferencing Edge"},
              std::pair{rules::EdgeService::av, "A/V Edge"}}) {
          for (const auto& a : c.edge_public_addresses(pool, service)) {
            roles_.emplace(a.text, fmt::format("the {} of {}", what, pool.fqdn));
          }
        }
      }
    }
    if (t.reverse_proxy) {
      if (t.reverse_proxy->ip) {
        roles_.emplace(t.reverse_proxy->ip->text, "the reverse proxy");
      }
      for (const auto& l : t.reverse_proxy->listeners) {
        roles_.emplace(l.ip.text, "the reverse proxy");
      }
    }
    for (const auto& d : t.sip_domains) {
      domains_.insert(d);
    }
    for (const auto& r : plan.dns) {
      if (r.type == RrType::SRV &&
          (r.rule == "hosting.sip-tls-srv" || r.rule == "hosting.federation-srv")) {
        hosted_srv_.emplace(std::pair{std::string(to_string(r.view)), r.name}, r.value);
      }
    }
    if (t.hosting) {
      domains_.insert(t.hosting->provider_domain);
      for (const auto& tenant : t.hosting->tenants) {
        domains_.insert(tenant);
      }
    }
  }

  void view(const std::string& view, const std::vector<Rr>& given) {
    const resolve::ZoneResolver zone(given);
    compare_with_plan(view, zone);
    still_on_premises(view, zone);
    srv_namespaces(view, given);
    federation_priorities(view, given);
    wildcards(view, zone);
    misspelt_owners(view, given);
  }

  std::vector<Problem> take() { return std::move(problems_); }

private:
  void add(Problem p) {
    p.subject = fmt::format("{} {} ({})", p.name, p.type, p.view);
    problems_.push_back(std::move(p));
  }

  std::string role_of(const std::string& address) const {
    auto it = roles_.find(address);
    return it == roles_.end() ? std::string() : it->second;
  }

  void compare_with_plan(const std::string& view, const resolve::ZoneResolver& zone) {
    const plan::View v = view == "internal" ? plan::View::internal : plan::View::external;
    std::map<std::pair<std::string, RrType>, std::vector<const plan::DnsRecord*>> planned;
    for (const auto& r : plan_.dns) {
      if (r.view == v) {
        planned[{r.name, r.type}].push_back(&r);
      }
    }
    for (const auto& [key, records] : planned) {
      const auto& [name, type] = key;
      const resolve::Answer answer = zone.query(name, type);
      std::vector<std::string> want, have;
      for (const auto* r : records) {
        want.push_back(value_text(*r));
      }
      for (const auto& r : answer.records) {
        have.push_back(value_text(r));
      }
      std::sort(want.begin(), want.end());
      std::sort(have.begin(), have.end());
      const plan::DnsRecord& first = *records.front();
      Problem p;
      p.view = view;
      p.name = name;
      p.type = to_string(type);
      p.expected = join(want, ", ");
      p.found = answer.status == resolve::Status::ok ? join(have, ", ")
                                                     : resolve::to_string(answer.status);
      p.breaks = who_depends_on(name, view, first.rule);
      p.plan_rule = first.rule;
      if (!answer.records.empty()) {
        p.where = fmt::format("{}:{}", answer.records.front().file, answer.records.front().line);
      }
      if (answer.status != resolve::Status::ok) {
        p.rule = "drift.missing";
        // A missing split-brain copy hurts only the inside clients that use that name.
        p.severity = first.rule == "dns.split-brain-copy" ? Severity::warning : Severity::error;
        p.message = fmt::format("the plan needs {} {} {} ({}), the zone data has {}", name, p.type,
                                p.expected, first.why.str(), p.found);
        add(std::move(p));
        continue;
      }
      if (answer.from_wildcard) {
        p.rule = "drift.wildcard-answer";
        p.severity = Severity::warning;
        p.message = fmt::format("{} exists only through a wildcard record", name);
        add(p);
      }
      std::vector<std::string> missing, extra;
      std::set_difference(want.begin(), want.end(), have.begin(), have.end(),
                          std::back_inserter(missing));
      std::set_difference(have.begin(), have.end(), want.begin(), want.end(),
                          std::back_inserter(extra));
      if (!missing.empty()) {
        p.rule = "drift.wrong-value";
        p.severity = Severity::error;
        p.message = wrong_value_message(name, type, records, answer, missing);
        add(p);
      } else if (!extra.empty()) {
        p.rule = "drift.extra-value";
        p.severity = Severity::warning;
        p.message = fmt::format("{} {} also answers {}, which the plan does not have: clients "
                                "may pick it",
                                name, p.type, join(extra, ", "));
        add(p);
      }
    }
  }

  // A teams-only domain's record that still holds its on-premises value. Names the plan still
  // has with that type are compared above (the wrong value is an error there already).
  void still_on_premises(const std::string& view, const resolve::ZoneResolver& zone) {
    const plan::View v = view == "internal" ? plan::View::internal : plan::View::external;
    std::set<std::pair<std::string, RrType>> planned;
    for (const auto& r : plan_.dns) {
      if (r.view == v) {
        planned.insert({r.name, r.type});
      }
    }
    for (const auto& r : plan_.dns_removals) {
      if (r.view != v || planned.count({r.name, r.type}) != 0) {
        continue;
      }
      const resolve::Answer answer = zone.query(r.name, r.type);
      const auto held = std::find_if(answer.records.begin(), answer.records.end(),
                                     [&](const Rr& rr) { return value_text(rr) == value_text(r); });
      if (answer.status != resolve::Status::ok || held == answer.records.end()) {
        continue;
      }
      Problem p;
      p.severity = Severity::error;
      p.rule = "drift.blocks-teams-only";
      p.view = view;
      p.name = r.name;
      p.type = to_string(r.type);
      p.found = value_text(r);
      p.plan_rule = r.rule;
      p.where = fmt::format("{}:{}", held->file, held->line);
      std::string domain = r.zone;
      for (const auto& d : t_.sip_domains) {
        if (dns::is_within(r.name, d)) {
          domain = d;
        }
      }
      p.breaks = "the switch to TeamsOnly: Microsoft 365 refuses it while a record points on "
                 "premises";
      p.message = fmt::format("{} {} {} still leads on premises, but {} is teams-only; delete it",
                              r.name, p.type, p.found, domain);
      add(std::move(p));
    }
  }

  std::string wrong_value_message(const std::string& name, RrType type,
                                  const std::vector<const plan::DnsRecord*>& records,
                                  const resolve::Answer& answer,
                                  const std::vector<std::string>& missing) const {
    std::vector<std::string> details;
    if (type == RrType::SRV) {
      const auto* planned = records.front();
      for (const auto& r : answer.records) {
        if (r.value == planned->value && r.port != planned->port) {
          details.push_back(fmt::format("port {} instead of {}{}", r.port, planned->port,
                                        name.starts_with("_sip._tls.")
                                            ? " (for remote access _sip._tls is the Access "
                                              "Edge's client port, not 5061)"
                                            : ""));
        } else if (r.value != planned->value) {
          details.push_back(fmt::format("target {} instead of {}", r.value, planned->value));
        } else if (r.priority != planned->priority || r.weight != planned->weight) {
          details.push_back(fmt::format("priority/weight {}/{} instead of {}/{}", r.priority,
                                        r.weight, planned->priority, planned->weight));
        }
      }
    } else {
      for (const auto& r : answer.records) {
        const std::string role = role_of(r.value);
        const std::string want_role = role_of(records.front()->value);
        if (!role.empty() && role != want_role) {
          details.push_back(fmt::format("{} is {}, but {} must reach {}", r.value, role, name,
                                        want_role.empty() ? records.front()->value : want_role));
        }
      }
    }
    return fmt::format("{} {} should be {}{}", name, to_string(type), join(missing, ", "),
                       details.empty() ? std::string() : ": " + join(details, "; "));
  }

  // The domain an SRV owner speaks for: "_sip._tls.contoso.com" -> "contoso.com".
  static std::string_view srv_domain(std::string_view owner) {
    return dns::parent_domain(dns::parent_domain(owner));
  }

  bool planned_exactly(const std::string& view, const Rr& r) const {
    const plan::View v = view == "internal" ? plan::View::internal : plan::View::external;
    return std::any_of(plan_.dns.begin(), plan_.dns.end(), [&](const plan::DnsRecord& p) {
      return p.view == v && p.name == r.name && p.type == r.type && p.value == r.value &&
             p.port == r.port;
    });
  }

  // The provider's name the plan points a hosted tenant's SRV `r` at; empty for other records.
  std::string hosted_target(const std::string& view, const Rr& r) const {
    const auto it = hosted_srv_.find({view, r.name});
    return it == hosted_srv_.end() ? std::string() : it->second;
  }

  void srv_namespaces(const std::string& view, const std::vector<Rr>& given) {
    for (const Rr& r : given) {
      if (r.type != RrType::SRV || !r.name.starts_with("_")) {
        continue;
      }
      const std::string_view domain = srv_domain(r.name);
      if (domain.empty() || dns::is_within(r.value, domain)) {
        continue;
      }
      // A hosted tenant's SRV to the provider's planned target is the hosting design, whatever
      // else is wrong with it (a wrong port is its own finding): rated as the plan rates it.
      const std::string provider_target = t_.hosting ? hosted_target(view, r) : std::string();
      const bool hosting = !provider_target.empty() && provider_target == r.value;
      Problem p;
      // Communicator 2007 R2 refuses such a server outright; Lync 2010 and later prompt.
      p.severity = hosting ? Severity::warning
                   : topology::product_facts(t_.product).client_refuses_foreign_srv_target
                       ? Severity::error
                       : Severity::warning;
      p.rule = "drift.srv-target-namespace";
      p.view = view;
      p.name = r.name;
      p.type = "SRV";
      p.found = value_text(r);
      p.where = fmt::format("{}:{}", r.file, r.line);
      p.plan_rule = !hosting ? plan::RuleId("internal.strict-naming")
                    : r.name.starts_with("_sipfederationtls.")
                        ? plan::RuleId("hosting.federation-namespace")
                        : plan::RuleId("hosting.trust-prompt");
      p.breaks = "Communicator 2007 R2 and Phone Edition CU7+ refuse the target; Lync 2010+ "
                 "prompts; DNS-discovery federation partners may refuse it";
      const bool planned = planned_exactly(view, r);
      p.expected = planned ? p.found : "";
      p.message = fmt::format(
          "the SRV target {} lies outside {}{}", r.value, domain,
          hosting   ? ", the provider's Access Edge, as hosting has it (the plan's trust prompt "
                      "and strict-naming findings apply)"
          : planned ? " (as planned, following Microsoft's tables; strict_dns_naming: true "
                      "avoids it)"
          : !provider_target.empty()
              ? ": a hosted tenant's SRV points at the provider's " + provider_target
              : ": point it at a name inside " + std::string(domain));
      add(std::move(p));
    }
  }

  void federation_priorities(const std::string& view, const std::vector<Rr>& given) {
    std::map<std::string, std::vector<const Rr*>> by_owner;
    for (const Rr& r : given) {
      if (r.type == RrType::SRV && r.name.starts_with("_sipfederationtls._tcp.")) {
        by_owner[r.name].push_back(&r);
      }
    }
    for (const auto& [owner, records] : by_owner) {
      std::set<int> priorities;
      std::vector<std::string> values;
      for (const auto* r : records) {
        priorities.insert(r->priority);
        values.push_back(value_text(*r));
      }
      if (records.size() < 2 || priorities.size() < 2) {
        continue;
      }
      Problem p;
      p.severity = Severity::warning;
      p.rule = "drift.federation-srv-priorities";
      p.view = view;
      p.name = owner;
      p.type = "SRV";
      p.found = join(values, ", ");
      p.where = fmt::format("{}:{}", records.front()->file, records.front()->line);
      p.plan_rule = "edge.federation-srv";
      p.breaks = "federation partners: they use one record, not a fail-over list";
      p.message = fmt::format("{} has {} records with different priorities; federation does not "
                              "fail over between them: publish one Access Edge (or pool) name",
                              owner, records.size());
      add(std::move(p));
    }
  }

  void wildcards(const std::string& view, const resolve::ZoneResolver& zone) {
    const plan::View v = view == "internal" ? plan::View::internal : plan::View::external;
    for (const auto& domain : t_.sip_domains) {
      for (const std::string& name : {"lyncdiscover." + domain, "lyncdiscoverinternal." + domain}) {
        const bool planned = std::any_of(plan_.dns.begin(), plan_.dns.end(), [&](const auto& r) {
          return r.view == v && r.name == name;
        });
        const resolve::Answer answer = zone.query(name, RrType::A);
        if (planned || !answer.from_wildcard || answer.status != resolve::Status::ok) {
          continue;
        }
        Problem p;
        p.severity = Severity::error;
        p.rule = "drift.wildcard-lyncdiscover";
        p.view = view;
        p.name = name;
        p.type = "A";
        p.found = resolve::describe(answer);
        p.plan_rule = "mobility.lyncdiscover";
        p.breaks = who_depends_on(name, view) + ": they try Autodiscover at that address and may "
                                                "wait out a timeout before falling back";
        p.message = fmt::format("{} resolves only because of a wildcard record ({}), although no "
                                "Autodiscover service is planned there",
                                name, p.found);
        add(std::move(p));
      }
    }
  }

  void misspelt_owners(const std::string& view, const std::vector<Rr>& given) {
    std::set<std::string> reported;
    for (const Rr& r : given) {
      std::string_view domain;
      for (std::string_view d = dns::parent_domain(r.name); !d.empty(); d = dns::parent_domain(d)) {
        if (domains_.count(std::string(d)) != 0) {
          domain = d;
          break;
        }
      }
      if (domain.empty() || r.name.size() <= domain.size() + 1) {
        continue;
      }
      const std::string prefix = r.name.substr(0, r.name.size() - domain.size() - 1);
      if (prefix.size() < 6 || !reported.insert(r.name).second) {
        continue;
      }
      std::string_view best;
      std::size_t best_distance = 99;
      for (std::string_view known : plan::kLyncOwnerNames) {
        if (known.size() < 6) {
          continue; // a prefix of six characters or more is not a misspelt "sip"
        }
        const std::size_t d = edit_distance(prefix, known);
        if (d < best_distance) {
          best_distance = d;
          best = known;
        }
      }
      if (best_distance == 0 || best_distance > 3) {
        continue;
      }
      Problem p;
      p.severity = Severity::error;
      p.rule = "drift.misspelt-owner";
      p.view = view;
      p.name = r.name;
      p.type = to_string(r.type);
      p.expected = fmt::format("{}.{}", best, domain);
      p.found = value_text(r);
      p.where = fmt::format("{}:{}", r.file, r.line);
      p.plan_rule = "dns.owner-names";
      p.breaks = who_depends_on(p.expected, view) + ": nobody queries the misspelt name";
      p.message = fmt::format("'{}' looks like a misspelling of '{}'; clients and partners only "
                              "query the exact name",
                              r.name, p.expected);
      add(std::move(p));
    }
  }

  const topology::Topology& t_;
  const plan::Plan& plan_;
  std::map<std::string, std::string> roles_;
  std::set<std::string> domains_;
  std::map<std::pair<std::string, std::string>, std::string> hosted_srv_; // (view, owner)
  std::vector<Problem> problems_;
};

bool worse(discovery::Result actual, discovery::Result planned) {
  auto rank = [](discovery::Result r) {
    return r == discovery::Result::connected ? 0 : r == discovery::Result::prompt ? 1 : 2;
  };
  return rank(actual) > rank(planned);
}

} // namespace

Report verify(const topology::Topology& topology, const plan::Plan& plan,
              const simulate::DnsWorld& given, const std::vector<std::string>& given_views) {
  Report report;
  Verifier verifier(topology, plan);
  const simulate::DnsWorld planned = simulate::plan_world(plan);
  simulate::DnsWorld mixed = planned; // views not given keep the plan's records
  for (const auto& view : given_views) {
    if (std::find(report.views_checked.begin(), report.views_checked.end(), view) !=
        report.views_checked.end()) {
      continue;
    }
    report.views_checked.push_back(view);
    if (view == "internal") {
      verifier.view(view, given.internal);
      mixed.internal = given.internal;
      mixed.internal_zones = given.internal_zones;
    } else {
      verifier.view(view, given.external);
      mixed.external = given.external;
    }
  }
  report.problems = verifier.take();
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const Problem& a, const Problem& b) {
                     return std::tie(a.severity, a.view, a.name, a.rule) <
                            std::tie(b.severity, b.view, b.name, b.rule);
                   });
  const simulate::Request request;
  const auto before = simulate::run(topology, plan, planned, request);
  const auto after = simulate::run(topology, plan, mixed, request);
  for (std::size_t i = 0; i < before.size() && i < after.size(); ++i) {
    if (worse(after[i].result, before[i].result)) {
      report.impact.push_back({before[i], after[i]});
    }
  }
  return report;
}

namespace {

// Whether `name` is one of `tenants` or a name below one.
bool in_any(std::string_view name, const std::set<std::string>& tenants) {
  for (std::string_view d = name; !d.empty(); d = dns::parent_domain(d)) {
    if (tenants.count(std::string(d)) != 0) {
      return true;
    }
  }
  return false;
}

} // namespace

std::set<std::string> other_tenants(const topology::Topology& t,
                                    const std::set<std::string>& kept) {
  std::set<std::string> out;
  if (t.hosting) {
    for (const auto& tenant : t.hosting->tenants) {
      std::string name = to_lower(tenant);
      if (kept.count(name) == 0) {
        out.insert(std::move(name));
      }
    }
  }
  return out;
}

plan::Plan without_other_tenants(const plan::Plan& plan, const topology::Topology& topology,
                                 const std::set<std::string>& tenants) {
  const std::set<std::string> others = other_tenants(topology, tenants);
  plan::Plan out = plan;
  if (!others.empty()) {
    std::erase_if(out.dns, [&](const plan::DnsRecord& r) { return others.count(r.zone) != 0; });
  }
  return out;
}

void drop_other_tenants(simulate::DnsWorld& given, const topology::Topology& topology,
                        const std::set<std::string>& tenants) {
  const std::set<std::string> others = other_tenants(topology, tenants);
  if (others.empty()) {
    return;
  }
  for (auto* records : {&given.internal, &given.external}) {
    std::erase_if(*records, [&](const Rr& r) { return in_any(r.name, others); });
  }
}

} // namespace lyncplan::verify
