// A DNS server on loopback that misbehaves on purpose, for the hostile-input tests. It answers
// from a table of records like an authoritative server, except for names given a trick: a CNAME
// loop, records for names that were not asked, truncated answers whose TCP retry is cut short or
// truncated again, answers under another ID or for another question, bytes that are not DNS.
// UDP and TCP on one port, served by one thread; stopped when the object goes.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace lyncplan::testing {

enum class Trick {
  cname_loop,         // name CNAME loop-back.<zone>, loop-back.<zone> CNAME name
  unasked_records,    // records of the asked type, owned by names in evil.test; none for the name
  truncated_then_cut, // UDP: TC and no records; TCP: a length prefix, half the message, close
  truncated_over_tcp, // UDP: TC; TCP: TC again, three records announced, the message cut in the
                      // second
  wrong_id_and_question, // a reply under another ID and one for another question; nothing else
  garbage,               // seven bytes that are not a DNS message
};

struct HostileRecord {
  std::string name;
  std::uint16_t type = 1; // 1 A, 5 CNAME, 33 SRV
  std::string value;      // the address (A) or the target name (CNAME, SRV)
  std::uint16_t port = 0; // SRV
  std::uint16_t priority = 0;
};

class HostileDns {
public:
  // `zones`: the names it is authoritative for (others get REFUSED); `records`: what it answers
  // honestly; `tricks`: lower-case name -> how it answers that name instead.
  HostileDns(const char* address, std::vector<std::string> zones,
             std::vector<HostileRecord> records, std::map<std::string, Trick> tricks);
  ~HostileDns();
  HostileDns(const HostileDns&) = delete;
  HostileDns& operator=(const HostileDns&) = delete;

  bool ready() const { return udp_ >= 0 && tcp_ >= 0; }
  std::string endpoint() const; // "127.0.0.x:port"
  int udp_queries() const { return udp_queries_.load(); }
  int tcp_queries() const { return tcp_queries_.load(); }

private:
  void serve();
  // The messages to send back (none, one, or several); `cut` asks TCP to send half and close.
  std::vector<std::vector<unsigned char>> replies(const std::vector<unsigned char>& query,
                                                  bool over_tcp, bool& cut) const;

  std::string address_;
  int port_ = 0;
  int udp_ = -1;
  int tcp_ = -1;
  int stop_[2] = {-1, -1};
  std::vector<std::string> zones_;
  std::vector<HostileRecord> records_;
  std::map<std::string, Trick> tricks_;
  std::atomic<int> udp_queries_{0};
  std::atomic<int> tcp_queries_{0};
  std::thread thread_;
};

} // namespace lyncplan::testing
