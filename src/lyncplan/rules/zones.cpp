// Zones and views (RULES 5): every record goes into the zone that will hold it; split-brain
// internal zones get a full copy of their external twin; pin-point zones hold one name each;
// without internal DNS, internal names in SIP domains cannot exist (a finding says what breaks).
#include <lyncplan/dns/name.hpp>
#include <lyncplan/rules/families.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <set>
#include <unordered_set>

namespace lyncplan::rules {
namespace {

using plan::DnsRecord;
using plan::View;
using topology::InternalDns;

using NameSet = std::unordered_set<std::string_view>;

// The longest suffix of `name` (the name itself included) that is in `zones`, or "".
std::string_view longest_zone(std::string_view name, const NameSet& zones) {
  for (std::string_view rest = name; !rest.empty(); rest = dns::parent_domain(rest)) {
    if (zones.count(rest) != 0) {
      return rest;
    }
  }
  return {};
}

std::string fallback_zone(std::string_view name) {
  const std::string_view parent = dns::parent_domain(name);
  return std::string(parent.empty() ? name : parent);
}

class ZoneAssigner {
public:
  explicit ZoneAssigner(const Context& c) : t_(c.topology()) {
    external_zones_.reserve(t_.sip_domains.size() + 1 +
                            (t_.hosting ? t_.hosting->tenants.size() : 0));
    for (const std::string& d : t_.sip_domains) {
      sip_domains_.insert(d);
      external_zones_.insert(d);
    }
    if (t_.hosting) {
      external_zones_.insert(t_.hosting->provider_domain);
      for (const std::string& tenant : t_.hosting->tenants) {
        external_zones_.insert(tenant);
      }
    }
    for (const auto& pool : t_.pools) {
      ad_zones_.insert(dns::parent_domain(pool.fqdn));
      for (const auto& s : pool.servers) {
        ad_zones_.insert(dns::parent_domain(s.fqdn));
      }
    }
    ad_zones_.erase(std::string_view());
    for (std::string_view z : ad_zones_) {
      internal_zones_.insert(z);
    }
    for (std::string_view d : sip_domains_) {
      internal_zones_.insert(d);
    }
  }

  void run(PlanBuilder& b) {
    std::vector<DnsRecord>& dns = b.plan().dns;
    std::set<std::string> unhostable;
    // Kept records move down in place over the ones internal DNS cannot hold.
    std::size_t kept = 0;
    for (DnsRecord& r : dns) {
      if (r.view == View::external) {
        const std::string_view z = longest_zone(r.name, external_zones_);
        r.zone = z.empty() ? fallback_zone(r.name) : std::string(z);
      } else if (!assign_internal(r)) {
        unhostable.insert(r.name);
        continue;
      }
      if (&r != &dns[kept]) {
        dns[kept] = std::move(r);
      }
      ++kept;
    }
    dns.erase(dns.begin() + static_cast<std::ptrdiff_t>(kept), dns.end());
    copy_into_split_brain_zones(dns);
    report_unhostable(unhostable, b);
    apply_authority(b);
  }

private:
  // True when the record has an internal zone; false when internal DNS cannot hold it.
  bool assign_internal(DnsRecord& r) const {
    const std::string_view z = longest_zone(r.name, internal_zones_);
    if (z.empty()) {
      r.zone = fallback_zone(r.name);
      return true;
    }
    if (ad_zones_.count(z) != 0 || sip_domains_.count(z) == 0) {
      r.zone = std::string(z);
      return true;
    }
    switch (t_.internal_dns) {
    case InternalDns::split_brain:
      r.zone = std::string(z);
      return true;
    case InternalDns::pin_point:
      r.zone = r.name;
      return true;
    case InternalDns::none:
      return false;
    }
    return false;
  }

  // SIP-domain zones the internal DNS holds whole: every SIP domain under split-brain, and
  // any SIP domain that is also an Active Directory zone.
  bool held_whole_inside(std::string_view zone) const {
    if (sip_domains_.count(zone) == 0) {
      return false;
    }
    return t_.internal_dns == InternalDns::split_brain || ad_zones_.count(zone) != 0;
  }

  void copy_into_split_brain_zones(std::vector<DnsRecord>& dns) const {
    std::unordered_set<std::string> internal_names;
    for (const DnsRecord& r : dns) {
      if (r.view == View::internal) {
        internal_names.insert(r.name);
      }
    }
    std::vector<DnsRecord> copies;
    for (const DnsRecord& r : dns) {
      if (r.view == View::external && held_whole_inside(r.zone) &&
          internal_names.count(r.name) == 0) {
        DnsRecord copy = r;
        copy.view = View::internal;
        copy.rule = "dns.split-brain-copy";
        copy.why = fmt::format("the internal copy of {} must answer this name too, as the "
                               "external zone does, or inside clients get NXDOMAIN",
                               r.zone);
        copies.push_back(std::move(copy));
      }
    }
    dns.insert(dns.end(), copies.begin(), copies.end());
  }

  void report_unhostable(const std::set<std::string>& names, PlanBuilder& b) const {
    if (names.empty()) {
      return;
    }
    b.finding(plan::Severity::warning, "internal-dns-none", "internal_dns",
              fmt::format("internal_dns is none, so these internal names cannot exist: {}. "
                          "Internal clients then resolve the SIP domain from the public DNS: "
                          "they sign in through the Access Edge, Lync 2013+ clients receive the "
                          "external Autodiscover answer, and meeting URLs go out through the "
                          "reverse proxy; add split-brain or pin-point zones to keep them inside",
                          join(std::vector<std::string>(names.begin(), names.end()), ", ")),
              "dns.internal-none");
  }

  // The topology's dns: section: the records' TTL, and name servers inside a zone we write need
  // their address in it (glue). Without the section the zone files carry placeholders.
  void apply_authority(PlanBuilder& b) const {
    std::vector<DnsRecord>& dns = b.plan().dns;
    if (!t_.dns) {
      if (!dns.empty()) {
        b.finding(plan::Severity::info, "soa-placeholder", "dns",
                  "the zone files' SOA and NS are placeholders (ns.invalid), which no DNS server "
                  "loads as they are: merge the records into zones you run, or add dns: "
                  "{primary, hostmaster, nameservers} to the topology for zone files, server "
                  "configurations and catalog zones ready to serve",
                  "dns.soa-placeholder");
      }
      return;
    }
    for (DnsRecord& r : dns) {
      r.ttl = t_.dns->ttl;
    }
    std::set<std::string> zones;
    for (const DnsRecord& r : dns) {
      zones.insert(r.zone);
    }
    for (const topology::NameServer& ns : t_.dns->nameservers) {
      if (ns.ip) {
        continue;
      }
      for (std::string_view z = ns.fqdn; !z.empty(); z = dns::parent_domain(z)) {
        if (zones.count(std::string(z)) != 0) {
          b.finding(plan::Severity::error, "nameserver-glue", ns.fqdn,
                    fmt::format("name server {} lies inside zone {}, which lyncplan writes, and "
                                "has no address: a server refuses the zone without the name "
                                "server's A record; write it as {{fqdn: {}, ip: ADDRESS}}",
                                ns.fqdn, z, ns.fqdn),
                    "dns.nameserver-glue");
          break;
        }
      }
    }
  }

  const topology::Topology& t_;
  NameSet sip_domains_, external_zones_, ad_zones_, internal_zones_;
};

} // namespace

void assign_zones(const Context& c, PlanBuilder& b) {
  ZoneAssigner(c).run(b);
}

} // namespace lyncplan::rules
