// Names of resolver statuses and one-line answers.
#include <lyncplan/resolve/resolver.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

namespace lyncplan::resolve {

const char* to_string(Status s) {
  switch (s) {
  case Status::ok:
    return "ok";
  case Status::nxdomain:
    return "NXDOMAIN";
  case Status::nodata:
    return "NODATA";
  case Status::servfail:
    return "SERVFAIL";
  case Status::timeout:
    return "timeout";
  case Status::refused:
    return "REFUSED";
  }
  return "?";
}

std::string describe(const Answer& answer) {
  if (answer.cname_loop) {
    return "CNAME loop via " + join(answer.cnames, " -> ") + " and back to a name already followed";
  }
  if (answer.status != Status::ok) {
    std::string out = to_string(answer.status);
    if (!answer.cnames.empty()) {
      out = "CNAME " + join(answer.cnames, " -> ") + " -> " + out;
    }
    return out;
  }
  std::vector<std::string> parts;
  for (const Rr& r : answer.records) {
    parts.push_back(r.type == plan::RrType::SRV
                        ? fmt::format("{} {} {}:{}", r.priority, r.weight, r.value, r.port)
                        : r.value);
  }
  std::string out = join(parts, ", ");
  if (!answer.cnames.empty()) {
    out = "CNAME " + join(answer.cnames, " -> ") + " -> " + out;
  }
  if (answer.from_wildcard) {
    out += " (wildcard)";
  }
  return out;
}

} // namespace lyncplan::resolve
