// Zone transfer and dynamic update (RFC 5936, RFC 2136) with one primary, every message signed
// with TSIG (RFC 8945) and every answer checked: messages and signatures by ldns, one TCP
// connection per exchange under one deadline.
#pragma once

#include <lyncplan/apply/changes.hpp>
#include <lyncplan/apply/tsig_key.hpp>
#include <lyncplan/dns/address.hpp>
#include <lyncplan/util/expected.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::apply {

enum class Failure {
  bad_key,    // the server does not know the key, or the signature is wrong (BADKEY, BADSIG)
  refused,    // the key may not transfer or update this zone (REFUSED, NOTAUTH)
  not_served, // the server is not authoritative for the zone
  silent,     // no answer before the deadline, or no server listening
  changed,    // the zone changed between reading it and updating it (a prerequisite failed)
  broken,     // an answer that cannot be trusted or read, or a server failure (SERVFAIL)
};

struct Problem {
  Failure failure = Failure::broken;
  std::string message; // one sentence: what happened and what to do
};

// A zone as the transfer gave it: its SOA (master-file text, the update's prerequisite) and
// every other record.
struct ZoneContent {
  std::string soa;
  std::vector<ZoneRecord> records;
};

class UpdateClient {
public:
  UpdateClient(dns::Endpoint server, TsigKey key, std::chrono::milliseconds timeout);

  // The zone by a signed transfer (AXFR), after a signed SOA query that tells a zone the server
  // does not serve from one it does not let the key read.
  Expected<ZoneContent, Problem> read_zone(std::string_view zone) const;

  // One UPDATE message with all of `changes`, applied only if the zone's SOA is still
  // `read.soa` (so nothing read is lost and nothing is half-applied); nullopt when applied.
  std::optional<Problem> update(const ZoneContent& read, const ZoneChanges& changes) const;

private:
  dns::Endpoint server_;
  TsigKey key_;
  std::chrono::milliseconds timeout_;
};

const char* to_string(Failure f);

} // namespace lyncplan::apply
