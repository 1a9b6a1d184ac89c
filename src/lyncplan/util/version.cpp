// lyncplan's version, and the envelope every JSON output starts with.
#include <lyncplan/util/json_writer.hpp>
#include <lyncplan/util/version.hpp>

namespace lyncplan::util {

std::string_view version() {
  return LYNCPLAN_PROJECT_VERSION;
}

std::string json_envelope(std::string_view command) {
  std::string out = "\"lyncplan\": ";
  append_json_string(out, version());
  out += ", \"command\": ";
  append_json_string(out, command);
  return out;
}

} // namespace lyncplan::util
