// `plan --format csv`: the DNS records and the firewall plan as spreadsheets (RFC 4180), one
// file each, one header row, in the plan's order.
#include <lyncplan/render/renderer.hpp>

#include <string>
#include <vector>

namespace lyncplan::render {
namespace {

// A field quoted when it holds a comma, a quote or a line break; a quote inside is doubled.
std::string field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out = "\"";
  for (char c : text) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

void append_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    out += (i ? "," : "") + field(fields[i]);
  }
  out += "\r\n";
}

std::string number_or_empty(unsigned value, bool present) {
  return present ? std::to_string(value) : "";
}

} // namespace

Expected<Output, std::string> render_csv(const Input& input) {
  const plan::Plan& plan = input.plan;
  std::string dns;
  append_row(dns, {"action", "view", "zone", "name", "type", "value", "port", "priority", "weight",
                   "ttl", "rule", "why"});
  for (const auto* list : {&plan.dns, &plan.dns_removals}) {
    const bool removal = list == &plan.dns_removals;
    for (const auto& r : *list) {
      const bool srv = r.type == plan::RrType::SRV;
      append_row(dns, {removal ? "delete" : "add", plan::to_string(r.view), r.zone, r.name,
                       plan::to_string(r.type), r.value, number_or_empty(r.port, srv),
                       number_or_empty(r.priority, srv), number_or_empty(r.weight, srv),
                       std::to_string(r.ttl), std::string(r.rule.str()), r.why.str()});
    }
  }
  std::string firewall;
  append_row(firewall, {"from", "to", "protocol", "port", "rule", "why"});
  for (const auto& f : plan.firewall) {
    append_row(firewall, {f.from, f.to, f.protocol, f.port, std::string(f.rule.str()), f.why});
  }
  Output out;
  out.files.push_back({"dns.csv", std::move(dns)});
  out.files.push_back({"firewall.csv", std::move(firewall)});
  return out;
}

} // namespace lyncplan::render
