// The one text and JSON rendering of findings.
#include <lyncplan/findings/report.hpp>
#include <lyncplan/util/json_writer.hpp>

#include <fmt/format.h>

namespace lyncplan::findings {
namespace {

std::string painted(Severity s, bool color) {
  if (!color) {
    return to_string(s);
  }
  const char* colour = s == Severity::error ? "31" : s == Severity::warning ? "33" : "36";
  return fmt::format("\x1b[{}m{}\x1b[0m", colour, to_string(s));
}

// How many tenants a text line names before "and N more".
constexpr std::size_t kTenantsShown = 5;

std::string tenant_line(const std::vector<std::string>& tenants) {
  std::string out = fmt::format("{} tenant{}: ", tenants.size(), tenants.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < tenants.size() && i < kTenantsShown; ++i) {
    out += (i == 0 ? "" : ", ") + tenants[i];
  }
  if (tenants.size() > kTenantsShown) {
    out += fmt::format(" and {} more", tenants.size() - kTenantsShown);
  }
  return out;
}

} // namespace

void append_text(std::string& out, const Finding& f, bool color) {
  out += fmt::format("  {} {} {}", painted(f.severity, color), code_of(f), f.subject);
  if (!f.code.empty() && !f.rule.empty()) {
    out += fmt::format(" [{}]", f.rule);
  }
  out += fmt::format("\n      {}\n", f.message);
  if (!f.tenants.empty()) {
    out += fmt::format("      {}\n", tenant_line(f.tenants));
  }
  if (!f.fix.empty()) {
    out += fmt::format("      fix: {}\n", f.fix);
  }
}

std::string findings_text(const std::vector<Finding>& findings, bool color) {
  if (findings.empty()) {
    return "  none\n";
  }
  std::string out;
  for (const Finding& f : findings) {
    append_text(out, f, color);
  }
  return out;
}

void append_json_fields(util::JsonLine& j, const Finding& f) {
  j.string("severity", to_string(f.severity)).string("code", code_of(f));
  j.string("subject", f.subject).string("message", f.message).string("rule", f.rule.str());
  if (!f.fix.empty()) {
    j.string("fix", f.fix);
  }
  if (!f.tenants.empty()) {
    j.number("tenant_count", static_cast<long long>(f.tenants.size()))
        .strings("tenants", f.tenants);
  }
}

std::string finding_json(const Finding& f) {
  std::string out;
  util::JsonLine j(out);
  append_json_fields(j, f);
  j.close();
  return out;
}

} // namespace lyncplan::findings
