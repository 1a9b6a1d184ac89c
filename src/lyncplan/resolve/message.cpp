// DNS messages on the wire: c-ares encodes queries (ares_create_query) and expands every name
// (ares_expand_name, which follows compression pointers safely); the fixed fields are read here.
#include <lyncplan/resolve/message.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <ares.h>
#include <arpa/inet.h>

#include <algorithm>

namespace lyncplan::resolve {
namespace {

constexpr std::size_t kHeaderSize = 12;
constexpr int kMaxChain = 16;

std::uint16_t read16(const unsigned char* p) {
  return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

// Walks a message front to back; every read is bounds-checked.
class Cursor {
public:
  explicit Cursor(std::span<const unsigned char> bytes) : bytes_(bytes), limit_(bytes.size()) {}

  bool name(std::string& out) {
    if (pos_ >= limit_) {
      return false;
    }
    char* expanded = nullptr;
    long used = 0;
    const int rc = ares_expand_name(bytes_.data() + pos_, bytes_.data(),
                                    static_cast<int>(bytes_.size()), &expanded, &used);
    if (rc != ARES_SUCCESS) {
      return false;
    }
    out = to_lower(expanded);
    ares_free_string(expanded);
    pos_ += static_cast<std::size_t>(used);
    return true;
  }
  bool u16(std::uint16_t& out) {
    if (pos_ + 2 > limit_) {
      return false;
    }
    out = read16(bytes_.data() + pos_);
    pos_ += 2;
    return true;
  }
  bool skip(std::size_t n) {
    if (pos_ + n > limit_) {
      return false;
    }
    pos_ += n;
    return true;
  }
  std::size_t pos() const { return pos_; }
  const unsigned char* at(std::size_t p) const { return bytes_.data() + p; }
  // A cursor at `begin` whose fixed-size reads stop at `end`; names may still point anywhere in
  // the message (compression), which is why the whole message stays visible to it.
  Cursor from(std::size_t begin, std::size_t end) const {
    Cursor c(bytes_);
    c.pos_ = begin;
    c.limit_ = end;
    return c;
  }

private:
  std::span<const unsigned char> bytes_;
  std::size_t limit_ = 0;
  std::size_t pos_ = 0;
};

struct WireRecord {
  std::string owner;
  std::uint16_t type = 0;
  std::uint32_t ttl = 0;
  std::string target;  // CNAME / SRV
  std::string address; // A / AAAA
  std::uint16_t priority = 0, weight = 0, port = 0;
};

// Reads one resource record; the rdata of the types lyncplan uses is decoded, others skipped.
bool read_record(Cursor& c, WireRecord& r) {
  std::uint16_t rclass = 0, ttl_hi = 0, ttl_lo = 0, length = 0;
  if (!c.name(r.owner) || !c.u16(r.type) || !c.u16(rclass) || !c.u16(ttl_hi) || !c.u16(ttl_lo) ||
      !c.u16(length)) {
    return false;
  }
  r.ttl = (static_cast<std::uint32_t>(ttl_hi) << 16) | ttl_lo;
  const std::size_t start = c.pos();
  if (!c.skip(length)) {
    return false;
  }
  Cursor rdata = c.from(start, start + length);
  char text[64];
  switch (static_cast<WireType>(r.type)) {
  case WireType::A:
    return length == 4 && inet_ntop(AF_INET, c.at(start), text, sizeof text) != nullptr &&
           (r.address = text, true);
  case WireType::AAAA:
    return length == 16 && inet_ntop(AF_INET6, c.at(start), text, sizeof text) != nullptr &&
           (r.address = text, true);
  case WireType::CNAME:
    return rdata.name(r.target) && rdata.pos() <= start + length;
  case WireType::SRV:
    return rdata.u16(r.priority) && rdata.u16(r.weight) && rdata.u16(r.port) &&
           rdata.name(r.target) && rdata.pos() <= start + length;
  default:
    return true;
  }
}

} // namespace

const char* to_string(WireType t) {
  switch (t) {
  case WireType::A:
    return "A";
  case WireType::CNAME:
    return "CNAME";
  case WireType::SOA:
    return "SOA";
  case WireType::AAAA:
    return "AAAA";
  case WireType::SRV:
    return "SRV";
  }
  return "?";
}

std::optional<std::vector<unsigned char>> encode_query(std::string_view name, WireType type,
                                                       std::uint16_t id, int udp_size) {
  unsigned char* buffer = nullptr;
  int length = 0;
  const std::string qname(name);
  if (ares_create_query(qname.c_str(), 1 /* IN */, static_cast<int>(type), id, 1, &buffer, &length,
                        udp_size) != ARES_SUCCESS) {
    return std::nullopt;
  }
  std::vector<unsigned char> message(buffer, buffer + length);
  ares_free_string(buffer);
  return message;
}

std::optional<std::uint16_t> message_id(std::span<const unsigned char> bytes) {
  if (bytes.size() < kHeaderSize) {
    return std::nullopt;
  }
  return read16(bytes.data());
}

void set_message_id(std::vector<unsigned char>& message, std::uint16_t id) {
  if (message.size() >= 2) {
    message[0] = static_cast<unsigned char>(id >> 8);
    message[1] = static_cast<unsigned char>(id & 0xff);
  }
}

Expected<Reply, std::string> decode_reply(std::span<const unsigned char> bytes,
                                          std::string_view name, WireType type) {
  if (bytes.size() < kHeaderSize) {
    return unexpected(fmt::format("{} bytes, shorter than a DNS header", bytes.size()));
  }
  const unsigned char* h = bytes.data();
  if ((h[2] & 0x80) == 0) {
    return unexpected(std::string("a query, not a response"));
  }
  Reply reply;
  reply.id = read16(h);
  reply.truncated = (h[2] & 0x02) != 0;
  reply.rcode = h[3] & 0x0f;
  const std::uint16_t questions = read16(h + 4), answers = read16(h + 6),
                      authorities = read16(h + 8);
  if (questions != 1) {
    return unexpected(fmt::format("{} questions; expected the one asked", questions));
  }
  Cursor c(bytes);
  c.skip(kHeaderSize);
  std::string qname;
  std::uint16_t qtype = 0, qclass = 0;
  if (!c.name(qname) || !c.u16(qtype) || !c.u16(qclass)) {
    return unexpected(std::string("the question section is malformed"));
  }
  const std::string asked = to_lower(name);
  if (qname != asked || qtype != static_cast<std::uint16_t>(type) || qclass != 1) {
    return unexpected(
        fmt::format("it answers {} {}, not the {} {} asked", qname, qtype, asked, to_string(type)));
  }
  std::vector<WireRecord> records;
  // A truncated message may end inside a section: keep what was read whole.
  bool complete = true;
  for (int i = 0; i < answers + authorities; ++i) {
    WireRecord r;
    if (!read_record(c, r)) {
      complete = false;
      break;
    }
    if (i >= answers) {
      if (r.type == static_cast<std::uint16_t>(WireType::SOA) && reply.zone.empty()) {
        reply.zone = r.owner;
      }
      continue;
    }
    records.push_back(std::move(r));
  }
  if (!complete && !reply.truncated) {
    return unexpected(std::string("a record is malformed or the message ends inside one"));
  }
  // Follow the chain from the asked name; only records on it count.
  std::string current = asked;
  Answer& answer = reply.answer;
  for (int hop = 0; hop <= kMaxChain; ++hop) {
    bool found = false;
    for (const WireRecord& r : records) {
      if (r.owner != current || r.type != static_cast<std::uint16_t>(type)) {
        continue;
      }
      found = true;
      Rr rr;
      rr.name = current;
      rr.type = type == WireType::SRV     ? plan::RrType::SRV
                : type == WireType::AAAA  ? plan::RrType::AAAA
                : type == WireType::CNAME ? plan::RrType::CNAME
                                          : plan::RrType::A;
      rr.value = r.address.empty() ? r.target : r.address;
      rr.port = r.port;
      rr.priority = r.priority;
      rr.weight = r.weight;
      rr.ttl = r.ttl;
      answer.records.push_back(std::move(rr));
    }
    if (found || type == WireType::CNAME) {
      break;
    }
    auto alias = std::find_if(records.begin(), records.end(), [&](const WireRecord& r) {
      return r.owner == current && r.type == static_cast<std::uint16_t>(WireType::CNAME);
    });
    if (alias == records.end()) {
      break;
    }
    if (alias->target == asked || std::find(answer.cnames.begin(), answer.cnames.end(),
                                            alias->target) != answer.cnames.end()) {
      answer.cname_loop = true;
      break;
    }
    answer.cnames.push_back(alias->target);
    current = alias->target;
  }
  switch (reply.rcode) {
  case 0:
    answer.status = answer.records.empty() ? Status::nodata : Status::ok;
    break;
  case 3:
    answer.status = Status::nxdomain;
    break;
  case 5:
    answer.status = Status::refused;
    break;
  default:
    answer.status = Status::servfail;
    break;
  }
  return reply;
}

} // namespace lyncplan::resolve
