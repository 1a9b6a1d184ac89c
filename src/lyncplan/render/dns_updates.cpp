// The plan's records of one view as updates a running DNS service takes: an nsupdate script
// (RFC 2136, one update per zone) and SQL for PowerDNS's generic SQL backends (one transaction).
// Both replace each planned record set whole and delete what the plan removes, so a rerun
// changes nothing.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/render/renderer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <span>

namespace lyncplan::render {
namespace {

using namespace lyncplan::plan;

// The view an update goes to: the one asked for, else the external view when the plan has it.
View view_of(const Input& input) {
  if (input.options.view) {
    return *input.options.view;
  }
  const bool external = std::any_of(input.plan.dns.begin(), input.plan.dns.end(),
                                    [](const DnsRecord& r) { return r.view == View::external; });
  return external || input.plan.dns.empty() ? View::external : View::internal;
}

// Each zone of `view` with its records (the plan keeps a zone's records together) and the
// records the plan removes from it.
template <typename Each> void per_zone(const Plan& plan, View view, Each each) {
  std::vector<std::string> zones;
  const auto& dns = plan.dns;
  for (std::size_t begin = 0; begin < dns.size();) {
    std::size_t end = begin;
    while (end < dns.size() && dns[end].view == dns[begin].view &&
           dns[end].zone == dns[begin].zone) {
      ++end;
    }
    if (dns[begin].view == view) {
      std::vector<DnsRecord> removals;
      for (const DnsRecord& r : plan.dns_removals) {
        if (r.view == view && r.zone == dns[begin].zone) {
          removals.push_back(r);
        }
      }
      zones.push_back(dns[begin].zone);
      each(dns[begin].zone, std::span<const DnsRecord>(dns.data() + begin, end - begin),
           std::span<const DnsRecord>(removals));
    }
    begin = end;
  }
  // Zones the plan only removes records from (a domain that moved to Teams entirely).
  std::set<std::string> done(zones.begin(), zones.end());
  for (const DnsRecord& r : plan.dns_removals) {
    if (r.view == view && done.insert(r.zone).second) {
      std::vector<DnsRecord> removals;
      for (const DnsRecord& x : plan.dns_removals) {
        if (x.view == view && x.zone == r.zone) {
          removals.push_back(x);
        }
      }
      each(r.zone, std::span<const DnsRecord>(), std::span<const DnsRecord>(removals));
    }
  }
}

std::size_t count_view(const std::vector<DnsRecord>& records, View view) {
  return static_cast<std::size_t>(std::count_if(
      records.begin(), records.end(), [&](const DnsRecord& r) { return r.view == view; }));
}

std::vector<std::string> other_view_warning(const Input& input, View view) {
  const View other = view == View::external ? View::internal : View::external;
  const std::size_t left = count_view(input.plan.dns, other);
  if (left == 0) {
    return {};
  }
  return {fmt::format("the {} view's {} record{} are not in this output (a view has its own "
                      "server); --view {} writes them",
                      to_string(other), left, left == 1 ? "" : "s", to_string(other))};
}

// The distinct owner names and record sets of a zone's records, in order.
std::vector<std::pair<std::string, RrType>> record_sets(std::span<const DnsRecord> records) {
  std::vector<std::pair<std::string, RrType>> out;
  for (const DnsRecord& r : records) {
    if (std::find(out.begin(), out.end(), std::pair(r.name, r.type)) == out.end()) {
      out.emplace_back(r.name, r.type);
    }
  }
  return out;
}

std::string source_line(const Input& input, std::string_view comment, std::string_view form,
                        View view, std::size_t zones, std::size_t records) {
  return fmt::format("{} lyncplan{} plan --format {}: the {} view ({} zone{}, {} record{})\n",
                     comment, input.options.version.empty() ? "" : " " + input.options.version,
                     form, to_string(view), zones, zones == 1 ? "" : "s", records,
                     records == 1 ? "" : "s");
}

std::size_t zone_count(const Plan& plan, View view) {
  std::size_t zones = 0;
  per_zone(plan, view, [&](const std::string&, auto, auto) { ++zones; });
  return zones;
}

// SQL string literal.
std::string sql(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    out += c == '\'' ? std::string("''") : std::string(1, c);
  }
  return out + "'";
}

// A record's content as PowerDNS stores it: master-file data without the final dots.
std::string pdns_content(const DnsRecord& r) {
  std::string data = master_data(r);
  if (!data.empty() && data.back() == '.') {
    data.pop_back();
  }
  return data;
}

} // namespace

Expected<Output, std::string> render_nsupdate(const Input& input) {
  const View view = view_of(input);
  Output output;
  output.warnings = other_view_warning(input, view);
  std::string& s = output.text;
  s = source_line(input, ";", "nsupdate", view, zone_count(input.plan, view),
                  count_view(input.plan.dns, view));
  fmt::format_to(
      std::back_inserter(s),
      "; Send it to the view's primary: nsupdate -k KEYFILE {}\n"
      "; (put `server IP PORT` first, or nsupdate sends it to the primary the zone's SOA names).\n"
      "; Each zone is one update, applied only where the zone exists; each planned record set is\n"
      "; replaced whole and a CNAME's name cleared first, so a rerun changes nothing. `lyncplan\n"
      "; apply` does the same after reading the zone, sending only what differs.\n",
      input.options.output_name.empty() ? "FILE" : input.options.output_name);
  per_zone(input.plan, view,
           [&](const std::string& zone, std::span<const DnsRecord> records,
               std::span<const DnsRecord> removals) {
             fmt::format_to(std::back_inserter(s), "\nzone {0}.\nprereq yxrrset {0}. SOA\n", zone);
             std::set<std::string> cleared;
             for (const auto& [name, type] : record_sets(records)) {
               if (type == RrType::CNAME) {
                 if (cleared.insert(name).second) {
                   fmt::format_to(std::back_inserter(s), "update delete {}.\n", name);
                 }
                 continue;
               }
               if (cleared.insert(name).second) {
                 fmt::format_to(std::back_inserter(s), "update delete {}. CNAME\n", name);
               }
               fmt::format_to(std::back_inserter(s), "update delete {}. {}\n", name,
                              to_string(type));
             }
             for (const DnsRecord& r : records) {
               fmt::format_to(std::back_inserter(s), "update add {}. {} IN {} {}\n", r.name, r.ttl,
                              to_string(r.type), master_data(r));
             }
             for (const DnsRecord& r : removals) {
               fmt::format_to(std::back_inserter(s), "update delete {}. IN {} {}\n", r.name,
                              to_string(r.type), master_data(r));
             }
             s += "send\n";
           });
  return output;
}

Expected<Output, std::string> render_pdns(const Input& input) {
  const View view = view_of(input);
  Output output;
  output.warnings = other_view_warning(input, view);
  std::string& s = output.text;
  s = source_line(input, "--", "pdns", view, zone_count(input.plan, view),
                  count_view(input.plan.dns, view));
  const auto& authority = input.topology.dns;
  const std::uint32_t serial = authority && authority->serial   ? *authority->serial
                               : input.options.zone_serial != 0 ? input.options.zone_serial
                                                                : 1;
  const std::uint32_t ttl = authority ? authority->ttl : 3600;
  const std::string soa =
      authority ? fmt::format("{} {} {} 3600 600 1209600 {}", authority->primary,
                              authority->hostmaster, serial, std::min<std::uint32_t>(ttl, 3600))
                : fmt::format("ns.invalid hostmaster.invalid {} 3600 600 1209600 3600", serial);
  std::vector<std::string> nameservers;
  if (authority) {
    for (const auto& ns : authority->nameservers) {
      nameservers.push_back(ns.fqdn);
    }
  } else {
    nameservers.push_back("ns.invalid");
  }
  fmt::format_to(
      std::back_inserter(s),
      "-- For PowerDNS's generic SQL backends (gsqlite3, gmysql, gpgsql), one transaction:\n"
      "--   sqlite3 -bail /var/lib/powerdns/pdns.sqlite3 < {0}\n"
      "--   (or mysql pdns < {0}; psql -v ON_ERROR_STOP=1 pdns -f {0})\n"
      "-- A zone that does not exist is created NATIVE, with {1}.\n"
      "-- Each planned record set is replaced whole and what the plan removes is deleted, so a\n"
      "-- rerun changes nothing. A MASTER zone's secondaries see it after pdnsutil "
      "increase-serial.\n"
      "BEGIN;\n",
      input.options.output_name.empty() ? "FILE" : input.options.output_name,
      authority ? "the SOA and NS of the topology's dns: section"
                : "placeholder SOA and NS (the topology has no dns: section)");
  per_zone(
      input.plan, view,
      [&](const std::string& zone, std::span<const DnsRecord> records,
          std::span<const DnsRecord> removals) {
        const std::string z = sql(zone);
        const std::string id = fmt::format("(SELECT id FROM domains WHERE name = {})", z);
        fmt::format_to(std::back_inserter(s),
                       "\n-- {0}\nINSERT INTO domains (name, type) SELECT {1}, 'NATIVE' "
                       "WHERE NOT EXISTS (SELECT 1 FROM domains WHERE name = {1});\n",
                       zone, z);
        auto insert = [&](std::string_view name, std::string_view type, std::string_view content,
                          std::uint32_t record_ttl, std::string_view unless) {
          fmt::format_to(std::back_inserter(s),
                         "INSERT INTO records (domain_id, name, type, content, ttl) SELECT "
                         "{}, {}, {}, {}, {}{};\n",
                         id, sql(name), sql(type), sql(content), record_ttl, unless);
        };
        const std::string no_soa = fmt::format(
            " WHERE NOT EXISTS (SELECT 1 FROM records WHERE domain_id = {} AND type = 'SOA')", id);
        const std::string no_ns = fmt::format(" WHERE NOT EXISTS (SELECT 1 FROM records "
                                              "WHERE domain_id = {} AND name = {} AND type = "
                                              "'NS')",
                                              id, z);
        insert(zone, "SOA", soa, ttl, no_soa);
        for (const std::string& ns : nameservers) {
          insert(zone, "NS", ns, ttl, no_ns);
        }
        std::set<std::string> cleared;
        for (const auto& [name, type] : record_sets(records)) {
          const std::string where =
              fmt::format("DELETE FROM records WHERE domain_id = {} AND name = {}", id, sql(name));
          if (type == RrType::CNAME) {
            if (cleared.insert(name).second) {
              fmt::format_to(std::back_inserter(s), "{} AND type NOT IN ('SOA', 'NS');\n", where);
            }
            continue;
          }
          if (cleared.insert(name).second) {
            fmt::format_to(std::back_inserter(s), "{} AND type = 'CNAME';\n", where);
          }
          fmt::format_to(std::back_inserter(s), "{} AND type = {};\n", where, sql(to_string(type)));
        }
        for (const DnsRecord& r : records) {
          insert(r.name, to_string(r.type), pdns_content(r), r.ttl, "");
        }
        for (const DnsRecord& r : removals) {
          fmt::format_to(std::back_inserter(s),
                         "DELETE FROM records WHERE domain_id = {} AND name = {} AND type = "
                         "{} AND content = {};\n",
                         id, sql(r.name), sql(to_string(r.type)), sql(pdns_content(r)));
        }
      });
  s += "\nCOMMIT;\n";
  return output;
}

} // namespace lyncplan::render
