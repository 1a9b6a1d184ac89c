// DNS messages for the scan: queries c-ares encodes, answers decoded and checked against the
// question (CNAME chains, unasked records, loops, truncation, the zone in the authority section).
#include <lyncplan/resolve/message.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lyncplan::resolve {
namespace {

using Bytes = std::vector<unsigned char>;

void put16(Bytes& b, unsigned v) {
  b.push_back(static_cast<unsigned char>(v >> 8));
  b.push_back(static_cast<unsigned char>(v & 0xff));
}

Bytes wire_name(const std::string& name) {
  Bytes out;
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t dot = name.find('.', start);
    dot = dot == std::string::npos ? name.size() : dot;
    out.push_back(static_cast<unsigned char>(dot - start));
    out.insert(out.end(), name.begin() + static_cast<long>(start),
               name.begin() + static_cast<long>(dot));
    start = dot + 1;
  }
  out.push_back(0);
  return out;
}

// A response to (qname, qtype) built by hand: header flags, then records in sections.
struct Response {
  Bytes bytes;
  int answers = 0, authorities = 0;
  Response(const std::string& qname, WireType qtype, std::uint16_t id = 0x1234, int rcode = 0,
           bool tc = false) {
    auto q = encode_query(qname, qtype, id, 0);
    bytes = *q;
    bytes[2] = static_cast<unsigned char>(0x81 | (tc ? 0x02 : 0)); // QR, RD
    bytes[3] = static_cast<unsigned char>(0x80 | rcode);
  }
  Response& record(bool authority, const std::string& owner, WireType type, const Bytes& rdata) {
    const Bytes n = wire_name(owner);
    bytes.insert(bytes.end(), n.begin(), n.end());
    put16(bytes, static_cast<unsigned>(type));
    put16(bytes, 1);
    put16(bytes, 0);
    put16(bytes, 300);
    put16(bytes, static_cast<unsigned>(rdata.size()));
    bytes.insert(bytes.end(), rdata.begin(), rdata.end());
    ++(authority ? authorities : answers);
    bytes[7] = static_cast<unsigned char>(answers);
    bytes[9] = static_cast<unsigned char>(authorities);
    return *this;
  }
  Response& a(const std::string& owner, Bytes address) {
    return record(false, owner, WireType::A, address);
  }
  Response& cname(const std::string& owner, const std::string& target) {
    return record(false, owner, WireType::CNAME, wire_name(target));
  }
  Response& srv(const std::string& owner, unsigned priority, unsigned port,
                const std::string& target) {
    Bytes rdata;
    put16(rdata, priority);
    put16(rdata, 0);
    put16(rdata, port);
    const Bytes t = wire_name(target);
    rdata.insert(rdata.end(), t.begin(), t.end());
    return record(false, owner, WireType::SRV, rdata);
  }
  Response& soa(const std::string& zone) {
    Bytes rdata = wire_name("ns." + zone);
    const Bytes mail = wire_name("hostmaster." + zone);
    rdata.insert(rdata.end(), mail.begin(), mail.end());
    rdata.resize(rdata.size() + 20, 0);
    return record(true, zone, WireType::SOA, rdata);
  }
};

TEST(ScanMessage, QueryCarriesIdNameTypeAndEdns) {
  auto q = encode_query("_sip._tls.Tenant.example", WireType::SRV, 0xbeef, 1232);
  ASSERT_TRUE(q);
  EXPECT_EQ(message_id(*q), 0xbeef);
  EXPECT_EQ((*q)[2] & 0x01, 0x01); // recursion desired
  EXPECT_EQ((*q)[11], 1);          // one additional record: the EDNS0 OPT
  set_message_id(*q, 7);
  EXPECT_EQ(message_id(*q), 7);
  EXPECT_FALSE(message_id(std::span<const unsigned char>(q->data(), 5)));
}

TEST(ScanMessage, FollowsTheChainFromTheAskedNameOnly) {
  Response r("lyncdiscover.tenant.example", WireType::A);
  r.cname("lyncdiscover.tenant.example", "lyncdiscover.contoso.com")
      .a("lyncdiscover.contoso.com", {203, 0, 113, 20})
      .a("unasked.example", {192, 0, 2, 66}); // not on the chain: must not count
  auto reply = decode_reply(r.bytes, "LYNCDISCOVER.tenant.example", WireType::A);
  ASSERT_TRUE(reply) << reply.error();
  EXPECT_EQ(reply->answer.status, Status::ok);
  ASSERT_EQ(reply->answer.records.size(), 1u);
  EXPECT_EQ(reply->answer.records[0].value, "203.0.113.20");
  EXPECT_EQ(reply->answer.cnames, std::vector<std::string>{"lyncdiscover.contoso.com"});
}

TEST(ScanMessage, RecordsForAnotherNameAreIgnored) {
  Response r("_sip._tls.tenant.example", WireType::SRV);
  r.srv("_sip._tls.other.example", 0, 443, "evil.example");
  auto reply = decode_reply(r.bytes, "_sip._tls.tenant.example", WireType::SRV);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->answer.status, Status::nodata);
  EXPECT_TRUE(reply->answer.records.empty());
}

TEST(ScanMessage, AnAnswerToAnotherQuestionIsRefused) {
  Response r("_sip._tls.other.example", WireType::SRV);
  EXPECT_FALSE(decode_reply(r.bytes, "_sip._tls.tenant.example", WireType::SRV));
  EXPECT_FALSE(decode_reply(r.bytes, "_sip._tls.other.example", WireType::A));
  Bytes query = *encode_query("a.example", WireType::A, 1, 0);
  EXPECT_FALSE(decode_reply(query, "a.example", WireType::A)); // a query, not a response
  EXPECT_FALSE(decode_reply(Bytes(11, 0), "a.example", WireType::A));
}

TEST(ScanMessage, SrvTargetsPortsAndPriorities) {
  Response r("_sip._tls.tenant.example", WireType::SRV);
  r.srv("_sip._tls.tenant.example", 0, 443, "sipexternal.contoso.com")
      .srv("_sip._tls.tenant.example", 10, 5061, "Backup.Contoso.com");
  auto reply = decode_reply(r.bytes, "_sip._tls.tenant.example", WireType::SRV);
  ASSERT_TRUE(reply);
  ASSERT_EQ(reply->answer.records.size(), 2u);
  EXPECT_EQ(reply->answer.records[1].value, "backup.contoso.com");
  EXPECT_EQ(reply->answer.records[1].port, 5061);
  EXPECT_EQ(reply->answer.records[1].priority, 10);
}

TEST(ScanMessage, NxdomainNamesTheZoneThatAnswered) {
  Response r("_sip._tls.absent.example", WireType::SRV, 1, 3);
  r.soa("example");
  auto reply = decode_reply(r.bytes, "_sip._tls.absent.example", WireType::SRV);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->answer.status, Status::nxdomain);
  EXPECT_EQ(reply->zone, "example");
  Response refused("a.example", WireType::A, 1, 5);
  EXPECT_EQ(decode_reply(refused.bytes, "a.example", WireType::A)->answer.status, Status::refused);
  Response failed("a.example", WireType::A, 1, 2);
  EXPECT_EQ(decode_reply(failed.bytes, "a.example", WireType::A)->answer.status, Status::servfail);
}

TEST(ScanMessage, CnameLoopIsStopped) {
  Response r("a.loop.example", WireType::A);
  r.cname("a.loop.example", "b.loop.example").cname("b.loop.example", "a.loop.example");
  auto reply = decode_reply(r.bytes, "a.loop.example", WireType::A);
  ASSERT_TRUE(reply);
  EXPECT_TRUE(reply->answer.cname_loop);
  EXPECT_EQ(reply->answer.status, Status::nodata);
}

TEST(ScanMessage, TruncatedMessagesKeepWhatIsWholeAndSayTheyAreTruncated) {
  Response r("_sip._tls.big.example", WireType::SRV, 1, 0, true);
  r.srv("_sip._tls.big.example", 0, 443, "sipexternal.contoso.com")
      .srv("_sip._tls.big.example", 0, 443, "sip2.contoso.com");
  Bytes cut(r.bytes.begin(), r.bytes.end() - 5); // ends inside the second record
  auto reply = decode_reply(cut, "_sip._tls.big.example", WireType::SRV);
  ASSERT_TRUE(reply) << reply.error();
  EXPECT_TRUE(reply->truncated);
  EXPECT_EQ(reply->answer.records.size(), 1u);
  cut[2] = 0x81; // the same bytes without TC are malformed
  EXPECT_FALSE(decode_reply(cut, "_sip._tls.big.example", WireType::SRV));
}

TEST(ScanMessage, CompressionPointerLoopsAreMalformed) {
  Response r("a.example", WireType::A);
  Bytes& b = r.bytes;
  b.push_back(0xc0); // an owner that points at itself
  b.push_back(static_cast<unsigned char>(b.size() - 1));
  b.insert(b.end(), {0, 1, 0, 1, 0, 0, 1, 44, 0, 4, 1, 2, 3, 4});
  b[7] = 1;
  EXPECT_FALSE(decode_reply(b, "a.example", WireType::A));
}

} // namespace
} // namespace lyncplan::resolve
