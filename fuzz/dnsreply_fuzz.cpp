// Fuzz target: DNS answers as the scan engine reads them off the wire (header, question, CNAME
// chain, SRV/A rdata, authority SOA, compression pointers), then judged as a tenant's record.
#include <lyncplan/resolve/message.hpp>

#include <cstdint>
#include <cstdlib>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const unsigned char> bytes(data, size);
  (void)lyncplan::resolve::message_id(bytes);
  for (const char* name : {"_sip._tls.t.example", "lyncdiscover.t.example", "t.example"}) {
    for (auto type : {lyncplan::resolve::WireType::SRV, lyncplan::resolve::WireType::A,
                      lyncplan::resolve::WireType::SOA}) {
      auto reply = lyncplan::resolve::decode_reply(bytes, name, type);
      if (reply && reply->answer.cnames.size() > 17) {
        std::abort(); // chains are cut at 16 hops
      }
    }
  }
  return 0;
}
