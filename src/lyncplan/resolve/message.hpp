// DNS messages on the wire for the bulk scan: queries encoded and answers decoded with c-ares,
// each answer checked against the question it claims to answer.
#pragma once

#include <lyncplan/resolve/resolver.hpp>
#include <lyncplan/util/expected.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::resolve {

// Wire type codes of the records lyncplan asks for.
enum class WireType : std::uint16_t { A = 1, CNAME = 5, SOA = 6, AAAA = 28, SRV = 33 };

const char* to_string(WireType t);

// A query for `name`/`type` with message ID `id`, recursion desired, and an EDNS0 record
// advertising `udp_size` bytes (0: no EDNS, answers over UDP stop at 512 bytes).
std::optional<std::vector<unsigned char>> encode_query(std::string_view name, WireType type,
                                                       std::uint16_t id, int udp_size);

// The ID of a message, or nullopt when it is shorter than a DNS header.
std::optional<std::uint16_t> message_id(std::span<const unsigned char> bytes);

// Sets the ID of an encoded query (a retry goes out under a new ID).
void set_message_id(std::vector<unsigned char>& message, std::uint16_t id);

struct Reply {
  std::uint16_t id = 0;
  bool truncated = false; // TC: the full answer needs TCP
  int rcode = 0;
  Answer answer;    // status from the RCODE and the CNAME chain from the asked name
  std::string zone; // owner of the SOA in the authority section: the zone that answered
};

// Decodes `bytes` as the answer to (`name`, `type`). Only answer records on the CNAME chain that
// starts at `name` count; anything else in the message is ignored. An error says why the message
// is not such an answer (not a response, another question, malformed).
Expected<Reply, std::string> decode_reply(std::span<const unsigned char> bytes,
                                          std::string_view name, WireType type);

} // namespace lyncplan::resolve
