// Signed SOA query, zone transfer and UPDATE over TCP with ldns: each answer's rcode, TSIG error
// and signature checked before anything in it is believed.
#include <lyncplan/apply/update_client.hpp>
#include <lyncplan/util/deadline_io.hpp>
#include <lyncplan/util/unique_fd.hpp>

#include <fmt/format.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <ldns/ldns.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace lyncplan::apply {
namespace {

using Clock = std::chrono::steady_clock;
using util::UniqueFd;

struct PktFree {
  void operator()(ldns_pkt* p) const { ldns_pkt_free(p); }
};
struct RdfFree {
  void operator()(ldns_rdf* r) const { ldns_rdf_deep_free(r); }
};
struct RrFree {
  void operator()(ldns_rr* r) const { ldns_rr_free(r); }
};
struct ListFree {
  void operator()(ldns_rr_list* l) const { ldns_rr_list_deep_free(l); }
};
struct MallocFree {
  void operator()(void* p) const { std::free(p); } // NOLINT(cppcoreguidelines-no-malloc)
};
using Pkt = std::unique_ptr<ldns_pkt, PktFree>;
using Rdf = std::unique_ptr<ldns_rdf, RdfFree>;
using Rr = std::unique_ptr<ldns_rr, RrFree>;
using RrList = std::unique_ptr<ldns_rr_list, ListFree>;

std::string text_of(const ldns_rdf* rdf) {
  std::unique_ptr<char, MallocFree> s(ldns_rdf2str(rdf));
  return s ? std::string(s.get()) : std::string();
}

Problem problem(Failure f, std::string message) {
  return {f, std::move(message)};
}

// A TCP connection to the server, made before `deadline`.
Expected<UniqueFd, Problem> connect_to(const dns::Endpoint& server, Clock::time_point deadline) {
  sockaddr_storage address{};
  socklen_t length = 0;
  if (server.ip.family == dns::Family::v4) {
    auto* in = reinterpret_cast<sockaddr_in*>(&address);
    in->sin_family = AF_INET;
    in->sin_port = htons(server.port);
    ::inet_pton(AF_INET, server.ip.text.c_str(), &in->sin_addr);
    length = sizeof(sockaddr_in);
  } else {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&address);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(server.port);
    ::inet_pton(AF_INET6, server.ip.text.c_str(), &in6->sin6_addr);
    length = sizeof(sockaddr_in6);
  }
  UniqueFd fd(::socket(address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) {
    return unexpected(
        problem(Failure::silent, fmt::format("cannot open a socket: {}", std::strerror(errno))));
  }
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&address), length) != 0 &&
      errno != EINPROGRESS) {
    return unexpected(problem(Failure::silent, fmt::format("cannot connect to {}: {}",
                                                           server.text(), std::strerror(errno))));
  }
  if (!util::wait_for(fd.get(), POLLOUT, deadline)) {
    return unexpected(
        problem(Failure::silent, fmt::format("{} did not accept a TCP connection in time (no DNS "
                                             "server there, or a firewall drops it)",
                                             server.text())));
  }
  int error = 0;
  socklen_t size = sizeof(error);
  ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &size);
  if (error != 0) {
    return unexpected(
        problem(Failure::silent, fmt::format("{} refused the TCP connection: {} (is a DNS server "
                                             "listening there?)",
                                             server.text(), std::strerror(error))));
  }
  return fd;
}

// One DNS message of the TCP stream (two-byte length, then the message).
Expected<std::vector<std::uint8_t>, Problem> read_message(int fd, const dns::Endpoint& server,
                                                          Clock::time_point deadline,
                                                          std::chrono::milliseconds timeout) {
  unsigned char length[2];
  if (!util::receive_exactly(fd, reinterpret_cast<char*>(length), 2, deadline)) {
    return unexpected(problem(
        Failure::silent,
        fmt::format("{} did not answer within {} s (or closed the connection without an answer)",
                    server.text(), static_cast<double>(timeout.count()) / 1000.0)));
  }
  std::vector<std::uint8_t> message(static_cast<std::size_t>(length[0]) << 8 | length[1]);
  if (!util::receive_exactly(fd, reinterpret_cast<char*>(message.data()), message.size(),
                             deadline)) {
    return unexpected(problem(Failure::silent,
                              fmt::format("{} stopped in the middle of an answer", server.text())));
  }
  return message;
}

std::string algorithm_name(const TsigKey& key) {
  return key.algorithm == "hmac-md5" ? "hmac-md5.sig-alg.reg.int." : key.algorithm + ".";
}

std::string rcode_name(ldns_pkt_rcode rcode) {
  const ldns_lookup_table* entry = ldns_lookup_by_id(ldns_rcodes, static_cast<int>(rcode));
  return entry != nullptr ? entry->name : fmt::format("RCODE{}", static_cast<int>(rcode));
}

// The TSIG error an answer carries (RFC 8945 5.3.2): BADSIG 16, BADKEY 17, BADTIME 18.
std::optional<Problem> tsig_error(const ldns_pkt* answer, const TsigKey& key) {
  const ldns_rr* tsig = ldns_pkt_tsig(answer);
  if (tsig == nullptr || ldns_rr_rd_count(tsig) < 6) {
    return std::nullopt;
  }
  const std::uint16_t error = ldns_rdf2native_int16(ldns_rr_rdf(tsig, 5));
  switch (error) {
  case 0:
    return std::nullopt;
  case 16:
    return problem(Failure::bad_key,
                   fmt::format("the server rejected the signature (BADSIG): key '{}' has another "
                               "secret or algorithm there; use the key file the server has",
                               key.name));
  case 17:
    return problem(Failure::bad_key,
                   fmt::format("the server does not know key '{}' (BADKEY); use the name and "
                               "algorithm the server's configuration gives the key",
                               key.name));
  case 18:
    return problem(Failure::bad_key,
                   "the server rejected the signature's time (BADTIME): this machine's clock and "
                   "the server's differ by more than five minutes");
  default:
    return problem(Failure::bad_key,
                   fmt::format("the server rejected key '{}' (TSIG error {})", key.name, error));
  }
}

// A signed query and the (verified) answers the server sends for it, one message unless the
// query is a transfer, which ends with its second SOA.
class Exchange {
public:
  Exchange(const dns::Endpoint& server, const TsigKey& key, std::chrono::milliseconds timeout)
      : server_(server), key_(key), timeout_(timeout) {}

  // Signs and sends `query`; nullopt on success.
  std::optional<Problem> send(ldns_pkt* query) {
    deadline_ = Clock::now() + timeout_;
    ldns_pkt_set_random_id(query);
    if (ldns_pkt_tsig_sign(query, key_.name.c_str(), key_.secret.c_str(), 300,
                           algorithm_name(key_).c_str(), nullptr) != LDNS_STATUS_OK) {
      return problem(Failure::bad_key,
                     fmt::format("cannot sign with key '{}' ({}): ldns does not take it", key_.name,
                                 key_.algorithm));
    }
    mac_.reset(ldns_rdf_clone(ldns_rr_rdf(ldns_pkt_tsig(query), 3)));
    std::uint8_t* wire = nullptr;
    std::size_t size = 0;
    if (ldns_pkt2wire(&wire, query, &size) != LDNS_STATUS_OK) {
      return problem(Failure::broken, "cannot encode the message");
    }
    std::unique_ptr<std::uint8_t, MallocFree> owned(wire);
    if (size > 65535) {
      return problem(Failure::broken,
                     fmt::format("the message is {} bytes, more than one DNS message holds "
                                 "(65,535)",
                                 size));
    }
    auto fd = connect_to(server_, deadline_);
    if (!fd) {
      return fd.error();
    }
    fd_ = std::move(*fd);
    std::string framed(size + 2, '\0');
    framed[0] = static_cast<char>(size >> 8);
    framed[1] = static_cast<char>(size & 0xff);
    std::memcpy(framed.data() + 2, wire, size);
    if (!util::send_all(fd_.get(), framed, deadline_)) {
      return problem(
          Failure::silent,
          fmt::format("{} closed the connection before taking the message", server_.text()));
    }
    return std::nullopt;
  }

  // The next answer, its TSIG error turned into a Problem and its signature verified (an
  // answer to a signed message that is not signed is believed only for its error code).
  Expected<Pkt, Problem> next() {
    auto wire = read_message(fd_.get(), server_, deadline_, timeout_);
    if (!wire) {
      return unexpected(wire.error());
    }
    ldns_pkt* parsed = nullptr;
    if (ldns_wire2pkt(&parsed, wire->data(), wire->size()) != LDNS_STATUS_OK) {
      return unexpected(
          problem(Failure::broken,
                  fmt::format("{} sent an answer that is not a DNS message", server_.text())));
    }
    Pkt answer(parsed);
    if (auto error = tsig_error(answer.get(), key_)) {
      return unexpected(*error);
    }
    const ldns_rr* tsig = ldns_pkt_tsig(answer.get());
    if (tsig == nullptr) {
      if (ldns_pkt_get_rcode(answer.get()) == LDNS_RCODE_NOERROR) {
        return unexpected(problem(Failure::bad_key,
                                  fmt::format("{} answered without signing: it does not use key "
                                              "'{}' for this zone",
                                              server_.text(), key_.name)));
      }
      return answer; // an error code, which changes nothing
    }
    const bool verified =
        messages_ == 0
            ? ldns_pkt_tsig_verify(answer.get(), wire->data(), wire->size(), key_.name.c_str(),
                                   key_.secret.c_str(), mac_.get())
            : ldns_pkt_tsig_verify_next(answer.get(), wire->data(), wire->size(), key_.name.c_str(),
                                        key_.secret.c_str(), mac_.get(), 1);
    if (!verified) {
      return unexpected(
          problem(Failure::bad_key, fmt::format("the signature of {}'s answer does not verify with "
                                                "key '{}': not believed",
                                                server_.text(), key_.name)));
    }
    mac_.reset(ldns_rdf_clone(ldns_rr_rdf(tsig, 3)));
    ++messages_;
    return answer;
  }

private:
  const dns::Endpoint& server_;
  const TsigKey& key_;
  std::chrono::milliseconds timeout_;
  Clock::time_point deadline_;
  UniqueFd fd_;
  Rdf mac_;
  int messages_ = 0;
};

std::string owner_text(const ldns_rr* rr) {
  std::string name = text_of(ldns_rr_owner(rr));
  if (!name.empty() && name.back() == '.') {
    name.pop_back();
  }
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

ZoneRecord zone_record_of(const ldns_rr* rr) {
  ZoneRecord r;
  r.name = owner_text(rr);
  std::unique_ptr<char, MallocFree> type(ldns_rr_type2str(ldns_rr_get_type(rr)));
  r.type = type ? type.get() : "";
  r.ttl = ldns_rr_ttl(rr);
  for (std::size_t i = 0; i < ldns_rr_rd_count(rr); ++i) {
    r.data += (i == 0 ? "" : " ") + text_of(ldns_rr_rdf(rr, i));
  }
  return r;
}

std::string rr_text(const ldns_rr* rr) {
  std::unique_ptr<char, MallocFree> s(ldns_rr2str(rr));
  std::string out = s ? s.get() : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) {
    out.pop_back();
  }
  return out;
}

// "NAME. TTL IN TYPE DATA" as ldns reads it, in class `klass` (NONE deletes one record).
Expected<Rr, Problem> make_rr(const ZoneRecord& r, ldns_rr_class klass) {
  ldns_rr* rr = nullptr;
  const std::string text = fmt::format("{}. {} IN {} {}", r.name, r.ttl, r.type, r.data);
  if (ldns_rr_new_frm_str(&rr, text.c_str(), 0, nullptr, nullptr) != LDNS_STATUS_OK) {
    return unexpected(problem(Failure::broken, fmt::format("cannot encode record '{}'", text)));
  }
  ldns_rr_set_class(rr, klass);
  if (klass == LDNS_RR_CLASS_NONE) {
    ldns_rr_set_ttl(rr, 0);
  }
  return Rr(rr);
}

Expected<Rdf, Problem> zone_name(std::string_view zone) {
  ldns_rdf* rdf = ldns_dname_new_frm_str(std::string(zone).append(".").c_str());
  if (rdf == nullptr) {
    return unexpected(problem(Failure::broken, fmt::format("'{}' is not a zone name", zone)));
  }
  return Rdf(rdf);
}

} // namespace

UpdateClient::UpdateClient(dns::Endpoint server, TsigKey key, std::chrono::milliseconds timeout)
    : server_(std::move(server)), key_(std::move(key)), timeout_(timeout) {}

Expected<ZoneContent, Problem> UpdateClient::read_zone(std::string_view zone) const {
  auto name = zone_name(zone);
  if (!name) {
    return unexpected(name.error());
  }
  {
    Pkt query(
        ldns_pkt_query_new(ldns_rdf_clone(name->get()), LDNS_RR_TYPE_SOA, LDNS_RR_CLASS_IN, 0));
    Exchange exchange(server_, key_, timeout_);
    if (auto failed = exchange.send(query.get())) {
      return unexpected(*failed);
    }
    auto answer = exchange.next();
    if (!answer) {
      return unexpected(answer.error());
    }
    const ldns_pkt* a = answer->get();
    const bool served =
        ldns_pkt_get_rcode(a) == LDNS_RCODE_NOERROR && ldns_pkt_aa(a) && ldns_pkt_ancount(a) > 0 &&
        ldns_rr_get_type(ldns_rr_list_rr(ldns_pkt_answer(a), 0)) == LDNS_RR_TYPE_SOA;
    if (!served) {
      return unexpected(
          problem(Failure::not_served,
                  fmt::format("{} does not serve zone {} (its SOA query was answered {}{}); give "
                              "--server the zone's primary, or create the zone there first",
                              server_.text(), zone, rcode_name(ldns_pkt_get_rcode(a)),
                              ldns_pkt_aa(a) ? "" : ", not authoritatively")));
    }
  }
  Pkt query(
      ldns_pkt_query_new(ldns_rdf_clone(name->get()), LDNS_RR_TYPE_AXFR, LDNS_RR_CLASS_IN, 0));
  Exchange exchange(server_, key_, timeout_);
  if (auto failed = exchange.send(query.get())) {
    return unexpected(*failed);
  }
  ZoneContent content;
  int soas = 0;
  while (soas < 2) {
    auto answer = exchange.next();
    if (!answer) {
      return unexpected(answer.error());
    }
    const ldns_pkt_rcode rcode = ldns_pkt_get_rcode(answer->get());
    if (rcode == LDNS_RCODE_REFUSED || rcode == LDNS_RCODE_NOTAUTH) {
      return unexpected(problem(
          Failure::refused,
          fmt::format("{} does not let key '{}' transfer zone {} ({}); lyncplan reads a zone "
                      "before changing it: allow the key to transfer it (BIND: allow-transfer "
                      "{{ key {}; }}; Knot: an acl with action transfer)",
                      server_.text(), key_.name, zone, rcode_name(rcode), key_.name)));
    }
    if (rcode != LDNS_RCODE_NOERROR) {
      return unexpected(
          problem(Failure::broken, fmt::format("{} failed to transfer zone {} ({})", server_.text(),
                                               zone, rcode_name(rcode))));
    }
    const ldns_rr_list* records = ldns_pkt_answer(answer->get());
    if (ldns_rr_list_rr_count(records) == 0) {
      return unexpected(
          problem(Failure::broken, fmt::format("{} sent an empty transfer message for zone {}",
                                               server_.text(), zone)));
    }
    for (std::size_t i = 0; i < ldns_rr_list_rr_count(records); ++i) {
      const ldns_rr* rr = ldns_rr_list_rr(records, i);
      if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA) {
        if (++soas == 1) {
          content.soa = rr_text(rr);
        }
        continue;
      }
      if (soas == 0) {
        return unexpected(
            problem(Failure::broken, fmt::format("{}'s transfer of zone {} does not start with its "
                                                 "SOA",
                                                 server_.text(), zone)));
      }
      content.records.push_back(zone_record_of(rr));
    }
  }
  return content;
}

std::optional<Problem> UpdateClient::update(const ZoneContent& read,
                                            const ZoneChanges& changes) const {
  auto name = zone_name(changes.zone);
  if (!name) {
    return name.error();
  }
  ldns_rr* soa = nullptr;
  if (ldns_rr_new_frm_str(&soa, read.soa.c_str(), 0, nullptr, nullptr) != LDNS_STATUS_OK) {
    return problem(Failure::broken, fmt::format("cannot read back the SOA '{}'", read.soa));
  }
  ldns_rr_set_ttl(soa, 0); // RFC 2136 2.4.2: "RRset exists (value dependent)"
  RrList prerequisites(ldns_rr_list_new());
  ldns_rr_list_push_rr(prerequisites.get(), soa);
  RrList updates(ldns_rr_list_new());
  for (const Change& c : changes.deletes) {
    auto rr = make_rr(c.record, LDNS_RR_CLASS_NONE);
    if (!rr) {
      return rr.error();
    }
    ldns_rr_list_push_rr(updates.get(), rr->release());
  }
  for (const Change& c : changes.adds) {
    auto rr = make_rr(c.record, LDNS_RR_CLASS_IN);
    if (!rr) {
      return rr.error();
    }
    ldns_rr_list_push_rr(updates.get(), rr->release());
  }
  // The packet takes copies of the lists' records.
  Pkt message(ldns_update_pkt_new(ldns_rdf_clone(name->get()), LDNS_RR_CLASS_IN,
                                  prerequisites.get(), updates.get(), nullptr));
  if (!message) {
    return problem(Failure::broken, "cannot build the UPDATE message");
  }
  Exchange exchange(server_, key_, timeout_);
  if (auto failed = exchange.send(message.get())) {
    return failed;
  }
  auto answer = exchange.next();
  if (!answer) {
    return answer.error();
  }
  const ldns_pkt_rcode rcode = ldns_pkt_get_rcode(answer->get());
  switch (rcode) {
  case LDNS_RCODE_NOERROR:
    return std::nullopt;
  case LDNS_RCODE_REFUSED:
  case LDNS_RCODE_NOTAUTH:
    return problem(Failure::refused,
                   fmt::format("{} refused the update of zone {} ({}): key '{}' may not update "
                               "it (BIND: allow-update or update-policy; Knot: an acl with "
                               "action update); nothing was changed",
                               server_.text(), changes.zone, rcode_name(rcode), key_.name));
  case LDNS_RCODE_NXRRSET:
  case LDNS_RCODE_YXRRSET:
  case LDNS_RCODE_NXDOMAIN:
  case LDNS_RCODE_YXDOMAIN:
    return problem(Failure::changed,
                   fmt::format("zone {} changed on {} after lyncplan read it (its SOA is no "
                               "longer the one read); nothing was changed: run again",
                               changes.zone, server_.text()));
  default:
    return problem(Failure::broken,
                   fmt::format("{} failed the update of zone {} ({}); nothing was changed",
                               server_.text(), changes.zone, rcode_name(rcode)));
  }
}

const char* to_string(Failure f) {
  switch (f) {
  case Failure::bad_key:
    return "bad key";
  case Failure::refused:
    return "refused";
  case Failure::not_served:
    return "zone not served";
  case Failure::silent:
    return "no answer";
  case Failure::changed:
    return "zone changed";
  case Failure::broken:
    return "failed";
  }
  return "?";
}

} // namespace lyncplan::apply
