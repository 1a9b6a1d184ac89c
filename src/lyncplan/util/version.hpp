// lyncplan's version, and the envelope every JSON output starts with.
#pragma once

#include <string>
#include <string_view>

namespace lyncplan::util {

// The project version from CMake ("0.1.0").
std::string_view version();

// The envelope's fields without braces: "lyncplan": "0.1.0", "command": "<command>".
std::string json_envelope(std::string_view command);

} // namespace lyncplan::util
