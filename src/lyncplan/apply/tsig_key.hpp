// A TSIG key (RFC 8945) read from the file BIND's tsig-keygen or Knot's keymgr -t writes.
#pragma once

#include <lyncplan/util/diagnostic.hpp>
#include <lyncplan/util/expected.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::apply {

struct TsigKey {
  std::string name;      // the key's DNS name, as the server knows it
  std::string algorithm; // hmac-sha256, hmac-sha512, ...
  std::string secret;    // base64, as in the file
};

// The one key of `text` (BIND: `key "NAME" { algorithm ALG; secret "B64"; };`, Knot:
// `key:\n  - id: NAME\n    algorithm: ALG\n    secret: B64`), or every problem at its position in
// `file`.
Expected<TsigKey, std::vector<util::Diagnostic>> parse_tsig_key(std::string_view text,
                                                                std::string_view file);

// The algorithms a key may use, as BIND and Knot name them.
bool known_tsig_algorithm(std::string_view algorithm);

} // namespace lyncplan::apply
