// The sign-in flow report as JSON.
#include <lyncplan/findings/report.hpp>
#include <lyncplan/logs/flow.hpp>
#include <lyncplan/util/json_writer.hpp>
#include <lyncplan/util/version.hpp>

namespace lyncplan::logs {

std::string flow_json(const FlowReport& report) {
  std::string out = "{" + util::json_envelope("logs") + ",\n  \"files\": [";
  for (std::size_t i = 0; i < report.files.size(); ++i) {
    const auto& f = report.files[i];
    out += i == 0 ? "\n    " : ",\n    ";
    util::JsonLine j(out);
    j.string("path", f.file.path).string("role", to_string(f.file.role));
    j.string("site", to_string(f.file.site)).number("lines", static_cast<long long>(f.stats.lines));
    j.number("requests", static_cast<long long>(f.stats.entries));
    j.number("malformed", static_cast<long long>(f.stats.malformed));
    j.close();
  }
  out += "\n  ],\n  \"clients\": [";
  for (std::size_t i = 0; i < report.clients.size(); ++i) {
    const auto& c = report.clients[i];
    out += i == 0 ? "\n    " : ",\n    ";
    util::JsonLine j(out);
    j.string("client_ip", c.client_ip).string("user_agent", c.user_agent);
    j.strings("users", std::vector<std::string>(c.users.begin(), c.users.end()));
    j.number("requests", static_cast<long long>(c.total));
    out += ", \"flow\": [";
    for (std::size_t k = 0; k < c.requests.size(); ++k) {
      const auto& r = c.requests[k];
      out += k == 0 ? "" : ", ";
      util::JsonLine q(out);
      q.string("when", r.when).string("role", to_string(r.role)).string("site", to_string(r.site));
      q.string("service", to_string(r.service)).string("variant", r.variant);
      q.string("method", r.method).string("path", r.path).number("status", r.status);
      q.string("file", r.file).number("line", static_cast<long long>(r.line));
      q.close();
    }
    out += "]";
    j.close();
  }
  out += "\n  ],\n  \"findings\": [";
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const auto& f = report.findings[i];
    out += i == 0 ? "\n    " : ",\n    ";
    util::JsonLine j(out);
    findings::append_json_fields(j, f);
    j.close();
  }
  out += report.findings.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

} // namespace lyncplan::logs
