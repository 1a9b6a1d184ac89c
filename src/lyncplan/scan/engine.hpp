// The bulk DNS engine: many queries in flight over a few connected UDP sockets (batched with
// sendmmsg/recvmmsg), a rate limit, retries with a doubling timeout, and TCP when an answer
// comes back truncated. It asks what a QuerySource gives it and hands every answer back.
#pragma once

#include <lyncplan/dns/address.hpp>
#include <lyncplan/resolve/message.hpp>
#include <lyncplan/scan/judge.hpp>
#include <lyncplan/util/expected.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lyncplan::scan {

struct EngineOptions {
  std::vector<dns::Endpoint> servers; // queries rotate over them; a retry goes to the next
  int sockets_per_server = 2;
  std::size_t inflight = 1000; // queries awaiting an answer at most
  double qps = 0;              // queries sent per second at most; 0: no limit
  int timeout_ms = 1000;       // the first try's wait; each retry waits twice as long
  int retries = 2;
  int udp_size = 1232; // EDNS0 buffer size offered (the DNS Flag Day 2020 value)
};

// What one DNS server did for the scan: a server that answers some queries and drops others
// is often limiting its response rate.
struct ServerFigures {
  std::string server; // "127.0.0.1:53"
  std::uint64_t answered = 0;
  std::uint64_t timeouts = 0;
};

struct EngineStats {
  std::uint64_t sent = 0;     // UDP queries sent, retries included
  std::uint64_t answered = 0; // queries that got an answer
  std::uint64_t retries = 0;
  std::uint64_t timeouts = 0; // queries that got no answer after every retry
  std::uint64_t tcp = 0;      // truncated answers asked again over TCP
  std::uint64_t ignored = 0;  // messages that answered nothing in flight (late, unasked, bad)
  std::vector<ServerFigures> servers; // in the order of Options::servers
};

struct Query {
  std::string name;
  resolve::WireType type = resolve::WireType::A;
  std::uint64_t cookie = 0; // the source's own tag, handed back with the answer
};

class QuerySource {
public:
  virtual ~QuerySource() = default;
  // The next query to send, when one is ready now.
  virtual bool next(Query& out) = 0;
  virtual void answered(std::uint64_t cookie, Response&& response) = 0;
  // Nothing more to ask, now or after answers still awaited.
  virtual bool finished() const = 0;
  // Called about ten times a second (progress, flushing output).
  virtual void tick() {}
};

// Runs until the source is finished. An error only when sockets cannot be set up.
Expected<EngineStats, std::string> run_engine(const EngineOptions& options, QuerySource& source);

// The name servers of /etc/resolv.conf, read by c-ares; empty when there are none.
std::vector<dns::Endpoint> system_servers();

} // namespace lyncplan::scan
