// A misbehaving DNS server for tests: honest answers from a table, crafted wrong ones on request.
#include "support/hostile_dns.hpp"

#include "support/servers.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace lyncplan::testing {
namespace {

constexpr std::uint16_t kA = 1, kCname = 5, kSoa = 6, kSrv = 33;

struct Question {
  std::uint16_t id = 0;
  bool recursion_desired = false;
  std::string name; // lower case, no trailing dot
  std::uint16_t type = 0;
};

// Reads the header and the one question of a query; names must not be compressed.
std::optional<Question> read_query(const std::vector<unsigned char>& m) {
  if (m.size() < 12 || (m[2] & 0x80) != 0 || m[4] != 0 || m[5] != 1) {
    return std::nullopt;
  }
  Question q;
  q.id = static_cast<std::uint16_t>((m[0] << 8) | m[1]);
  q.recursion_desired = (m[2] & 0x01) != 0;
  std::size_t at = 12;
  while (at < m.size() && m[at] != 0) {
    const std::size_t length = m[at];
    if (length > 63 || at + 1 + length >= m.size()) {
      return std::nullopt;
    }
    if (!q.name.empty()) {
      q.name += '.';
    }
    for (std::size_t i = 0; i < length; ++i) {
      q.name += static_cast<char>(std::tolower(m[at + 1 + i]));
    }
    at += 1 + length;
  }
  if (at + 5 > m.size()) {
    return std::nullopt;
  }
  q.type = static_cast<std::uint16_t>((m[at + 1] << 8) | m[at + 2]);
  return q;
}

// Builds one message: header, the question, then records (names uncompressed).
class Message {
public:
  Message(const Question& q, std::uint16_t id, const std::string& question_name, int rcode,
          bool truncated) {
    u16(id);
    bytes_.push_back(static_cast<unsigned char>(0x84 | (truncated ? 0x02 : 0) |
                                                (q.recursion_desired ? 0x01 : 0)));
    bytes_.push_back(static_cast<unsigned char>(rcode));
    u16(1);
    u16(0);
    u16(0);
    u16(0);
    name(question_name);
    u16(q.type);
    u16(1);
  }

  void answer(const HostileRecord& r) {
    record(r);
    ++answers_;
    set16(6, answers_);
  }
  void authority_soa(const std::string& zone) {
    name(zone);
    u16(kSoa);
    u16(1);
    u32(60);
    const std::size_t length_at = bytes_.size();
    u16(0);
    const std::size_t start = bytes_.size();
    name("ns." + zone);
    name("hostmaster." + zone);
    for (std::uint32_t v : {1u, 3600u, 600u, 86400u, 60u}) {
      u32(v);
    }
    set16(length_at, static_cast<std::uint16_t>(bytes_.size() - start));
    set16(8, 1);
  }
  // Claims `count` answers whatever was written.
  void claim_answers(std::uint16_t count) { set16(6, count); }
  std::size_t size() const { return bytes_.size(); }
  std::vector<unsigned char> bytes() const { return bytes_; }

private:
  void record(const HostileRecord& r) {
    name(r.name);
    u16(r.type);
    u16(1);
    u32(60);
    const std::size_t length_at = bytes_.size();
    u16(0);
    const std::size_t start = bytes_.size();
    if (r.type == kA) {
      unsigned char address[4] = {};
      ::inet_pton(AF_INET, r.value.c_str(), address);
      bytes_.insert(bytes_.end(), address, address + 4);
    } else if (r.type == kSrv) {
      u16(r.priority);
      u16(0);
      u16(r.port);
      name(r.value);
    } else {
      name(r.value);
    }
    set16(length_at, static_cast<std::uint16_t>(bytes_.size() - start));
  }
  void name(const std::string& dotted) {
    std::size_t begin = 0;
    while (begin < dotted.size()) {
      std::size_t end = dotted.find('.', begin);
      if (end == std::string::npos) {
        end = dotted.size();
      }
      bytes_.push_back(static_cast<unsigned char>(end - begin));
      bytes_.insert(bytes_.end(), dotted.begin() + static_cast<long>(begin),
                    dotted.begin() + static_cast<long>(end));
      begin = end + 1;
    }
    bytes_.push_back(0);
  }
  void u16(std::uint16_t v) {
    bytes_.push_back(static_cast<unsigned char>(v >> 8));
    bytes_.push_back(static_cast<unsigned char>(v & 0xff));
  }
  void u32(std::uint32_t v) {
    u16(static_cast<std::uint16_t>(v >> 16));
    u16(static_cast<std::uint16_t>(v & 0xffff));
  }
  void set16(std::size_t at, std::uint16_t v) {
    bytes_[at] = static_cast<unsigned char>(v >> 8);
    bytes_[at + 1] = static_cast<unsigned char>(v & 0xff);
  }

  std::vector<unsigned char> bytes_;
  std::uint16_t answers_ = 0;
};

bool within(const std::string& name, const std::string& zone) {
  return name == zone || (name.size() > zone.size() && name.ends_with(zone) &&
                          name[name.size() - zone.size() - 1] == '.');
}

sockaddr_in ipv4(const std::string& address, int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  ::inet_pton(AF_INET, address.c_str(), &a.sin_addr);
  return a;
}

} // namespace

HostileDns::HostileDns(const char* address, std::vector<std::string> zones,
                       std::vector<HostileRecord> records, std::map<std::string, Trick> tricks)
    : address_(address), zones_(std::move(zones)), records_(std::move(records)),
      tricks_(std::move(tricks)) {
  port_ = free_port(address);
  sockaddr_in a = ipv4(address_, port_);
  udp_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  tcp_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  const int on = 1;
  ::setsockopt(tcp_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (::bind(udp_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::bind(tcp_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(tcp_, 16) != 0 ||
      ::pipe(stop_) != 0) {
    ::close(udp_);
    ::close(tcp_);
    udp_ = tcp_ = -1;
    return;
  }
  thread_ = std::thread([this] { serve(); });
}

HostileDns::~HostileDns() {
  if (thread_.joinable()) {
    const char byte = 0;
    [[maybe_unused]] const auto written = ::write(stop_[1], &byte, 1);
    thread_.join();
  }
  for (const int fd : {udp_, tcp_, stop_[0], stop_[1]}) {
    if (fd >= 0) {
      ::close(fd);
    }
  }
}

std::string HostileDns::endpoint() const {
  return address_ + ":" + std::to_string(port_);
}

void HostileDns::serve() {
  struct Connection {
    int fd;
    std::vector<unsigned char> in;
  };
  std::vector<Connection> connections;
  for (;;) {
    std::vector<pollfd> fds = {{stop_[0], POLLIN, 0}, {udp_, POLLIN, 0}, {tcp_, POLLIN, 0}};
    for (const auto& c : connections) {
      fds.push_back({c.fd, POLLIN, 0});
    }
    if (::poll(fds.data(), fds.size(), 1000) < 0) {
      continue;
    }
    if (fds[0].revents != 0) {
      break;
    }
    if (fds[1].revents != 0) {
      std::vector<unsigned char> query(4096);
      sockaddr_in from{};
      socklen_t from_length = sizeof from;
      const ssize_t n = ::recvfrom(udp_, query.data(), query.size(), 0,
                                   reinterpret_cast<sockaddr*>(&from), &from_length);
      if (n > 0) {
        ++udp_queries_;
        query.resize(static_cast<std::size_t>(n));
        bool cut = false;
        for (const auto& m : replies(query, false, cut)) {
          ::sendto(udp_, m.data(), m.size(), 0, reinterpret_cast<sockaddr*>(&from), from_length);
        }
      }
    }
    if (fds[2].revents != 0) {
      const int fd = ::accept4(tcp_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        connections.push_back({fd, {}});
      }
    }
    for (std::size_t i = 3; i < fds.size(); ++i) {
      if (fds[i].revents == 0) {
        continue;
      }
      Connection& c = connections[i - 3];
      unsigned char chunk[4096];
      const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, MSG_DONTWAIT);
      bool close_it = n <= 0;
      if (n > 0) {
        c.in.insert(c.in.end(), chunk, chunk + n);
      }
      while (!close_it && c.in.size() >= 2) {
        const std::size_t length = (static_cast<std::size_t>(c.in[0]) << 8) | c.in[1];
        if (c.in.size() < 2 + length) {
          break;
        }
        const std::vector<unsigned char> query(c.in.begin() + 2,
                                               c.in.begin() + 2 + static_cast<long>(length));
        c.in.erase(c.in.begin(), c.in.begin() + 2 + static_cast<long>(length));
        ++tcp_queries_;
        bool cut = false;
        for (const auto& m : replies(query, true, cut)) {
          std::vector<unsigned char> framed = {static_cast<unsigned char>(m.size() >> 8),
                                               static_cast<unsigned char>(m.size() & 0xff)};
          // Cut: the prefix promises the whole message, half of it comes, then the close.
          framed.insert(framed.end(), m.begin(),
                        cut ? m.begin() + static_cast<long>(m.size() / 2) : m.end());
          ::send(c.fd, framed.data(), framed.size(), MSG_NOSIGNAL);
        }
        close_it = cut;
      }
      if (close_it) {
        ::close(c.fd);
        c.fd = -1;
      }
    }
    std::erase_if(connections, [](const Connection& c) { return c.fd < 0; });
  }
  for (const auto& c : connections) {
    ::close(c.fd);
  }
}

std::vector<std::vector<unsigned char>> HostileDns::replies(const std::vector<unsigned char>& query,
                                                            bool over_tcp, bool& cut) const {
  const auto q = read_query(query);
  if (!q) {
    return {};
  }
  std::string zone;
  for (const auto& z : zones_) {
    if (within(q->name, z) && z.size() > zone.size()) {
      zone = z;
    }
  }
  const auto trick = tricks_.find(q->name);
  if (trick == tricks_.end()) {
    if (zone.empty()) {
      return {Message(*q, q->id, q->name, 5, false).bytes()};
    }
    std::vector<HostileRecord> answers;
    std::string current = q->name;
    for (int hop = 0; hop < 8; ++hop) {
      bool found = false;
      for (const auto& r : records_) {
        if (r.name == current && r.type == q->type) {
          answers.push_back(r);
          found = true;
        }
      }
      const auto alias = std::find_if(records_.begin(), records_.end(), [&](const auto& r) {
        return r.name == current && r.type == kCname;
      });
      if (found || alias == records_.end()) {
        break;
      }
      answers.push_back(*alias);
      current = alias->value;
    }
    const bool exists = std::any_of(records_.begin(), records_.end(),
                                    [&](const auto& r) { return within(r.name, q->name); });
    Message m(*q, q->id, q->name, answers.empty() && !exists && q->name != zone ? 3 : 0, false);
    for (const auto& r : answers) {
      m.answer(r);
    }
    if (answers.empty()) {
      m.authority_soa(zone);
    }
    return {m.bytes()};
  }
  switch (trick->second) {
  case Trick::cname_loop: {
    Message m(*q, q->id, q->name, 0, false);
    const std::string back = "loop-back." + (zone.empty() ? std::string("test") : zone);
    m.answer({q->name, kCname, back});
    m.answer({back, kCname, q->name});
    return {m.bytes()};
  }
  case Trick::unasked_records: {
    Message m(*q, q->id, q->name, 0, false);
    if (q->type == kSrv) {
      m.answer({"_sip._tls.evil.test", kSrv, "sip.evil.test", 443});
      m.answer({"_sipfederationtls._tcp.evil.test", kSrv, "sip.evil.test", 5061});
    } else {
      m.answer({"sip.evil.test", kA, "127.0.0.66"});
      m.answer({"evil.test", kA, "127.0.0.66"});
    }
    return {m.bytes()};
  }
  case Trick::truncated_then_cut: {
    Message m(*q, q->id, q->name, 0, !over_tcp);
    if (over_tcp) {
      m.answer({q->name, kSrv, "sip." + zone, 443});
      m.answer({q->name, kSrv, "backup1." + zone, 443, 10});
      cut = true;
    }
    return {m.bytes()};
  }
  case Trick::truncated_over_tcp: {
    Message m(*q, q->id, q->name, 0, true);
    const auto record = [&](const std::string& value, std::uint16_t priority) {
      return q->type == kSrv ? HostileRecord{q->name, kSrv, value, 443, priority}
                             : HostileRecord{q->name, kA, value};
    };
    m.answer(record(q->type == kSrv ? "sip." + zone : "127.0.0.1", 0));
    const std::size_t whole = m.size();
    m.answer(record(q->type == kSrv ? "backup1." + zone : "127.0.0.2", 10));
    m.claim_answers(3);
    auto bytes = m.bytes();
    bytes.resize(whole + (bytes.size() - whole) / 2); // ends inside the second record
    return {bytes};
  }
  case Trick::wrong_id_and_question: {
    Message spoof(*q, static_cast<std::uint16_t>(q->id ^ 0x5a5a), q->name, 0, false);
    Message other(*q, q->id, "evil.test", 0, false);
    const HostileRecord lie = q->type == kSrv ? HostileRecord{q->name, kSrv, "sip.evil.test", 443}
                                              : HostileRecord{q->name, kA, "127.0.0.66"};
    spoof.answer(lie);
    other.answer(lie);
    return {spoof.bytes(), other.bytes()};
  }
  case Trick::garbage: {
    // The right ID and a response header that promises a question, then bytes that end inside
    // a label.
    return {{static_cast<unsigned char>(q->id >> 8), static_cast<unsigned char>(q->id & 0xff), 0x84,
             0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x3f, 'e', 'v', 'i', 'l'}};
  }
  }
  return {};
}

} // namespace lyncplan::testing
