// Readable tables: DNS grouped by view and zone, then certificates, publishing, firewall, and
// findings last. Colour only when the caller asks for it (a terminal).
#include <lyncplan/findings/report.hpp>
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace lyncplan::render {
namespace {

using namespace lyncplan::plan;

using Row = std::vector<std::string>;

// Columns padded to their widest cell; the last column is not padded.
void table(std::string& out, const Row& header, const std::vector<Row>& rows,
           std::string_view indent) {
  std::vector<std::size_t> width(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    width[i] = header[i].size();
    for (const Row& r : rows) {
      width[i] = std::max(width[i], r[i].size());
    }
  }
  auto line = [&](const Row& r) {
    out += indent;
    for (std::size_t i = 0; i < r.size(); ++i) {
      out += r[i];
      if (i + 1 < r.size()) {
        out.append(width[i] - r[i].size() + 2, ' ');
      }
    }
    while (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
    out += '\n';
  };
  line(header);
  for (const Row& r : rows) {
    line(r);
  }
}

std::string paint(const Options& o, std::string_view text, std::string_view code) {
  return o.color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
}

std::string join_ports(const std::vector<int>& ports) {
  std::vector<std::string> parts;
  for (int p : ports) {
    parts.push_back(std::to_string(p));
  }
  return join(parts, ",");
}

// `records` by view and zone under "<heading>, <view> view".
void dns_section(std::string& out, const std::vector<DnsRecord>& records, std::string_view heading,
                 const Options& o) {
  for (std::size_t begin = 0; begin < records.size();) {
    const DnsRecord& first = records[begin];
    if (begin == 0 || records[begin - 1].view != first.view) {
      out +=
          "\n" + paint(o, fmt::format("{}, {} view", heading, to_string(first.view)), "1") + "\n";
    }
    std::vector<Row> rows;
    std::size_t end = begin;
    for (;
         end < records.size() && records[end].view == first.view && records[end].zone == first.zone;
         ++end) {
      const DnsRecord& r = records[end];
      rows.push_back({r.name, to_string(r.type), r.value,
                      r.type == RrType::SRV ? std::to_string(r.port) : "", std::string(r.rule)});
    }
    out += fmt::format("  zone {}\n", first.zone);
    table(out, {"NAME", "TYPE", "VALUE", "PORT", "RULE"}, rows, "    ");
    begin = end;
  }
}

// ", O=Contoso Ltd, C=US" after the CN, as the request will carry them.
std::string subject_fields_text(const Certificate& c) {
  std::string out;
  for (const auto& [attribute, value] : c.subject_fields) {
    out += fmt::format(", {}={}", attribute, value);
  }
  return out;
}

void certificate_section(std::string& out, const Plan& plan, const Options& o) {
  out += "\n" + paint(o, "Certificates", "1") + "\n";
  for (const Certificate& c : plan.certificates) {
    out += fmt::format("  {}  ({} {}, {} CA{}{}{})\n", c.id, c.role, c.interface, c.ca,
                       c.exportable_key ? ", exportable key" : "",
                       c.client_eku ? ", server+client EKU" : "",
                       c.wildcard_names.empty() ? ", no wildcard" : "");
    out += fmt::format("    subject  {}{}\n", c.subject, subject_fields_text(c));
    if (!c.usages.empty()) {
      out += fmt::format("    types    {}\n", join(c.usages, ", "));
    }
    out += fmt::format("    SANs     {}\n", c.sans.empty() ? "(none)" : join(c.sans, ", "));
    out += fmt::format("    on       {}\n", join(c.servers, ", "));
    out += fmt::format("    why      {} [{}]\n", c.why, c.rule);
  }
}

void publishing_section(std::string& out, const Plan& plan, const Options& o) {
  if (plan.publishing.empty()) {
    return;
  }
  out += "\n" + paint(o, "Reverse-proxy publishing", "1") + "\n";
  std::vector<Row> rows;
  for (const PublishingRule& p : plan.publishing) {
    rows.push_back({p.listener, p.public_name, join_ports(p.from_ports), p.backend,
                    join_ports(p.backend_ports), std::string(p.rule.str())});
  }
  table(out, {"LISTENER", "PUBLIC NAME", "PORTS", "BACKEND", "TO PORTS", "RULE"}, rows, "  ");
}

void firewall_section(std::string& out, const Plan& plan, const Options& o) {
  if (plan.firewall.empty()) {
    return;
  }
  out += "\n" + paint(o, "Firewall", "1") + "\n";
  std::vector<Row> rows;
  for (const FirewallRule& f : plan.firewall) {
    rows.push_back({f.from, f.to, f.protocol, f.port, f.why});
  }
  table(out, {"FROM", "TO", "PROTO", "PORT", "WHY"}, rows, "  ");
}

void findings_section(std::string& out, const Plan& plan, const Options& o) {
  out += "\n" + paint(o, "Findings", "1") + "\n";
  out += findings::findings_text(plan.findings, o.color);
}

} // namespace

Expected<Output, std::string> render_table(const Input& input) {
  const Plan& plan = input.plan;
  const Options& options = input.options;
  Output output;
  std::string& out = output.text;
  std::size_t errors = 0, warnings = 0;
  for (const Finding& f : plan.findings) {
    errors += f.severity == Severity::error ? 1 : 0;
    warnings += f.severity == Severity::warning ? 1 : 0;
  }
  out += fmt::format("lyncplan plan for {}: {} DNS records, {} certificates, {} publishing rules, "
                     "{} firewall rules; {} errors, {} warnings\n",
                     plan.product, plan.dns.size(), plan.certificates.size(),
                     plan.publishing.size(), plan.firewall.size(), errors, warnings);
  if (!plan.dns_removals.empty()) {
    out.insert(out.size() - 1,
               fmt::format(" ({} DNS records to delete)", plan.dns_removals.size()));
  }
  dns_section(out, plan.dns, "DNS", options);
  dns_section(out, plan.dns_removals, "DNS to delete (teams-only domains)", options);
  certificate_section(out, plan, options);
  publishing_section(out, plan, options);
  firewall_section(out, plan, options);
  findings_section(out, plan, options);
  return output;
}

} // namespace lyncplan::render
