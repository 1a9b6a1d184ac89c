// What one zone needs so that it holds the plan: the records to delete and to add, worked out
// from what the zone holds now (read by a transfer). Pure: values in, values out.
#pragma once

#include <lyncplan/plan/plan.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::apply {

// One record as a zone holds it: the owner in lower case without the final dot, the type's
// mnemonic, and the data as a master file writes it ("0 0 443 sip.contoso.com.").
struct ZoneRecord {
  std::string name;
  std::string type;
  std::uint32_t ttl = 0;
  std::string data;
  friend bool operator==(const ZoneRecord&, const ZoneRecord&) = default;
};

enum class Why {
  planned,  // add: the plan has it and the zone does not
  ttl,      // delete and add again: the planned record with another TTL
  stale,    // delete: a planned name and type holds a value the plan does not
  conflict, // delete: a CNAME beside the planned records of its name, or the reverse
  removal,  // delete: the plan says it must go (a domain moved to Teams)
  prune,    // delete (--prune): a Lync record the plan no longer has
};

struct Change {
  ZoneRecord record;
  Why why = Why::planned;
};

struct ZoneChanges {
  std::string zone;
  std::vector<Change> deletes;       // sent first in the update
  std::vector<Change> adds;          // then these
  std::vector<ZoneRecord> unplanned; // Lync records the plan lacks, kept (no --prune)
  std::size_t already = 0;           // planned records the zone holds as planned
  bool empty() const { return deletes.empty() && adds.empty(); }
};

// A planned record as the zone would hold it.
ZoneRecord zone_record(const plan::DnsRecord& record);

// The changes that make `current` (every record of zone `zone`) hold `planned` and lack
// `removals`, touching only planned names, except that with `prune` the Lync records the plan
// does not have are deleted too. SOA, NS and DNSSEC records are never touched.
ZoneChanges zone_changes(std::string_view zone, std::span<const plan::DnsRecord> planned,
                         std::span<const plan::DnsRecord> removals,
                         std::span<const ZoneRecord> current, bool prune);

const char* to_string(Why why);

} // namespace lyncplan::apply
