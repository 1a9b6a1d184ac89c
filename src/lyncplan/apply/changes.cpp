// The changes one zone needs: the plan's record sets made exact at the planned names, what the
// plan removes deleted, and, only when asked, the Lync records the plan no longer has.
#include <lyncplan/apply/changes.hpp>
#include <lyncplan/dns/address.hpp>
#include <lyncplan/plan/owner_names.hpp>
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/util/strings.hpp>

#include <algorithm>
#include <array>
#include <set>

namespace lyncplan::apply {
namespace {

// Records a zone's own servers keep: never changed by an update of Lync records.
constexpr std::array<std::string_view, 10> kUntouchable = {
    "SOA", "NS", "RRSIG", "NSEC", "NSEC3", "NSEC3PARAM", "DNSKEY", "CDS", "CDNSKEY", "ZONEMD"};

bool untouchable(std::string_view type) {
  return std::find(kUntouchable.begin(), kUntouchable.end(), type) != kUntouchable.end();
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Data compared as the server would: names without case, addresses in canonical form.
std::string comparable(const ZoneRecord& r) {
  if (r.type == "A" || r.type == "AAAA") {
    if (auto ip = dns::parse_ip(r.data)) {
      return ip->text;
    }
  }
  return lower(r.data);
}

} // namespace

ZoneRecord zone_record(const plan::DnsRecord& record) {
  return {lower(record.name), plan::to_string(record.type), record.ttl,
          render::master_data(record)};
}

ZoneChanges zone_changes(std::string_view zone, std::span<const plan::DnsRecord> planned,
                         std::span<const plan::DnsRecord> removals,
                         std::span<const ZoneRecord> current, bool prune) {
  ZoneChanges out;
  out.zone = std::string(zone);
  std::vector<ZoneRecord> wanted;
  wanted.reserve(planned.size());
  std::set<std::pair<std::string, std::string>> planned_sets; // (name, type)
  std::set<std::string> planned_names;
  std::set<std::string> cname_names; // planned names that are CNAMEs
  for (const plan::DnsRecord& p : planned) {
    ZoneRecord r = zone_record(p);
    planned_sets.emplace(r.name, r.type);
    planned_names.insert(r.name);
    if (r.type == "CNAME") {
      cname_names.insert(r.name);
    }
    if (std::find(wanted.begin(), wanted.end(), r) == wanted.end()) {
      wanted.push_back(std::move(r));
    }
  }
  std::vector<ZoneRecord> gone;
  gone.reserve(removals.size());
  for (const plan::DnsRecord& p : removals) {
    gone.push_back(zone_record(p));
  }
  std::vector<bool> held(wanted.size(), false);
  for (const ZoneRecord& c : current) {
    if (untouchable(c.type)) {
      continue;
    }
    const auto same = [&](const ZoneRecord& w) {
      return w.name == c.name && w.type == c.type && comparable(w) == comparable(c);
    };
    if (planned_sets.contains({c.name, c.type})) {
      const auto it = std::find_if(wanted.begin(), wanted.end(), same);
      if (it == wanted.end()) {
        out.deletes.push_back({c, Why::stale});
      } else if (it->ttl != c.ttl) {
        out.deletes.push_back({c, Why::ttl});
      } else {
        held[static_cast<std::size_t>(it - wanted.begin())] = true;
        ++out.already;
      }
    } else if (planned_names.contains(c.name) &&
               (c.type == "CNAME" || cname_names.contains(c.name))) {
      out.deletes.push_back({c, Why::conflict});
    } else if (std::find_if(gone.begin(), gone.end(), same) != gone.end()) {
      out.deletes.push_back({c, Why::removal});
    } else if (!planned_names.contains(c.name) && plan::is_lync_owner(c.name) &&
               (c.type == "A" || c.type == "AAAA" || c.type == "CNAME" || c.type == "SRV")) {
      if (prune) {
        out.deletes.push_back({c, Why::prune});
      } else {
        out.unplanned.push_back(c);
      }
    }
  }
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (!held[i]) {
      const bool reloaded =
          std::any_of(out.deletes.begin(), out.deletes.end(), [&](const Change& d) {
            return d.why == Why::ttl && d.record.name == wanted[i].name &&
                   d.record.type == wanted[i].type && comparable(d.record) == comparable(wanted[i]);
          });
      out.adds.push_back({wanted[i], reloaded ? Why::ttl : Why::planned});
    }
  }
  return out;
}

const char* to_string(Why why) {
  switch (why) {
  case Why::planned:
    return "planned";
  case Why::ttl:
    return "planned TTL";
  case Why::stale:
    return "not planned at this name";
  case Why::conflict:
    return "a CNAME and other records cannot share a name";
  case Why::removal:
    return "the plan removes it";
  case Why::prune:
    return "Lync record the plan lacks (--prune)";
  }
  return "?";
}

} // namespace lyncplan::apply
