// An offline resolver over zone data, answering as an authoritative server would.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/resolve/zone_resolver.hpp>
#include <lyncplan/util/strings.hpp>

namespace lyncplan::resolve {
namespace {

constexpr int kMaxCnameChain = 8;

} // namespace

ZoneResolver::ZoneResolver(std::vector<Rr> records) : records_(std::move(records)) {
  for (std::size_t i = 0; i < records_.size(); ++i) {
    records_[i].name = to_lower(records_[i].name);
    if (records_[i].type == plan::RrType::CNAME || records_[i].type == plan::RrType::SRV) {
      records_[i].value = to_lower(records_[i].value);
    }
    by_name_.emplace(records_[i].name, i);
    for (std::string_view n = records_[i].name; !n.empty(); n = dns::parent_domain(n)) {
      nodes_.emplace(n);
    }
  }
}

ZoneResolver ZoneResolver::from_plan(const plan::Plan& plan, plan::View view) {
  std::vector<Rr> records;
  for (const auto& r : plan.dns) {
    if (r.view == view) {
      records.push_back({r.name, r.type, r.value, r.port, r.priority, r.weight, r.ttl, 0, ""});
    }
  }
  return ZoneResolver(std::move(records));
}

std::vector<const Rr*> ZoneResolver::owned(std::string_view name) const {
  std::vector<const Rr*> out;
  auto [begin, end] = by_name_.equal_range(name);
  for (auto it = begin; it != end; ++it) {
    out.push_back(&records_[it->second]);
  }
  return out;
}

std::string ZoneResolver::wildcard_for(std::string_view name) const {
  // The closest encloser is the nearest existing ancestor; only its wildcard child applies.
  for (std::string_view parent = dns::parent_domain(name); !parent.empty();
       parent = dns::parent_domain(parent)) {
    if (nodes_.count(parent) != 0) {
      std::string wildcard = "*." + std::string(parent);
      return by_name_.count(wildcard) != 0 ? wildcard : std::string();
    }
  }
  return {};
}

Answer ZoneResolver::query(std::string_view query_name, plan::RrType type) const {
  Answer answer;
  std::string name = to_lower(query_name);
  for (int depth = 0; depth <= kMaxCnameChain; ++depth) {
    std::string owner = name;
    if (nodes_.count(name) == 0) {
      owner = wildcard_for(name);
      if (owner.empty()) {
        answer.status = Status::nxdomain;
        return answer;
      }
      answer.from_wildcard = true;
    }
    const auto here = owned(owner);
    const Rr* cname = nullptr;
    for (const Rr* r : here) {
      if (r->type == type) {
        Rr copy = *r;
        copy.name = name;
        answer.records.push_back(std::move(copy));
      } else if (r->type == plan::RrType::CNAME) {
        cname = r;
      }
    }
    if (!answer.records.empty()) {
      answer.status = Status::ok;
      return answer;
    }
    if (cname == nullptr || type == plan::RrType::CNAME) {
      answer.status = Status::nodata;
      return answer;
    }
    answer.cnames.push_back(cname->value);
    name = cname->value;
  }
  answer.status = Status::servfail; // a CNAME loop or a chain too long to follow
  return answer;
}

} // namespace lyncplan::resolve
