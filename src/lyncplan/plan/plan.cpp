// Ordering, de-duplication and names of the Plan's values.
#include <lyncplan/plan/plan.hpp>

#include <algorithm>
#include <tuple>

namespace lyncplan::plan {

const char* to_string(View v) {
  return v == View::internal ? "internal" : "external";
}

const char* to_string(RrType t) {
  switch (t) {
  case RrType::A:
    return "A";
  case RrType::AAAA:
    return "AAAA";
  case RrType::CNAME:
    return "CNAME";
  case RrType::SRV:
    return "SRV";
  }
  return "?";
}

namespace {

auto record_key(const DnsRecord& r) {
  return std::tie(r.view, r.zone, r.name, r.type, r.value, r.port, r.priority, r.weight);
}

template <class T, class Key> void sort_unique(std::vector<T>& items, Key key) {
  std::stable_sort(items.begin(), items.end(),
                   [&](const T& a, const T& b) { return key(a) < key(b); });
  items.erase(std::unique(items.begin(), items.end(),
                          [&](const T& a, const T& b) { return key(a) == key(b); }),
              items.end());
}

// "50000-59999" -> 50000, so that ports sort as numbers.
int first_port(const std::string& port) {
  int value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') {
      break;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

// Sorted by the documented key, then by rule so that of two records with the same data the
// same one is kept every time; exact duplicates dropped. Records are large and a plan may hold
// hundreds of thousands (one zone per hosted tenant), so the sort runs over small keys: first
// (view, zone), then the few records of each zone by their full key; each record moves once.
void sort_records(std::vector<DnsRecord>& dns) {
  struct ZoneKey {
    View view;
    std::string_view zone;
    std::uint32_t index;
  };
  std::vector<ZoneKey> keys;
  keys.reserve(dns.size());
  for (std::uint32_t i = 0; i < dns.size(); ++i) {
    keys.push_back({dns[i].view, dns[i].zone, i});
  }
  std::sort(keys.begin(), keys.end(), [](const ZoneKey& a, const ZoneKey& b) {
    return std::tie(a.view, a.zone, a.index) < std::tie(b.view, b.zone, b.index);
  });
  auto full_order = [&](const ZoneKey& x, const ZoneKey& y) {
    const DnsRecord& a = dns[x.index];
    const DnsRecord& b = dns[y.index];
    const auto cmp = record_key(a) <=> record_key(b);
    return cmp != 0 ? cmp < 0 : a.rule < b.rule;
  };
  for (auto begin = keys.begin(); begin != keys.end();) {
    auto end = begin;
    while (end != keys.end() && end->view == begin->view && end->zone == begin->zone) {
      ++end;
    }
    std::sort(begin, end, full_order);
    begin = end;
  }
  std::vector<DnsRecord> sorted;
  sorted.reserve(dns.size());
  for (const ZoneKey& k : keys) {
    if (sorted.empty() || record_key(sorted.back()) != record_key(dns[k.index])) {
      sorted.push_back(std::move(dns[k.index]));
    }
  }
  dns = std::move(sorted);
}

} // namespace

void normalise(Plan& plan) {
  sort_records(plan.dns);
  sort_records(plan.dns_removals);
  sort_unique(plan.certificates, [](const Certificate& c) { return std::tie(c.id); });
  sort_unique(plan.publishing, [](const PublishingRule& p) {
    return std::tie(p.listener, p.public_name, p.from_ports);
  });
  sort_unique(plan.firewall, [](const FirewallRule& f) {
    return std::make_tuple(f.from, f.to, f.protocol, first_port(f.port), f.port);
  });
  sort_unique(plan.findings,
              [](const Finding& f) { return std::tie(f.severity, f.code, f.subject); });
}

} // namespace lyncplan::plan
