// The plan as JSON: fixed key order, one item per line.
#include <lyncplan/findings/report.hpp>
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/util/json_writer.hpp>
#include <lyncplan/util/version.hpp>

namespace lyncplan::render {
namespace {

using namespace lyncplan::plan;
using util::append_json_string;
using util::JsonLine;

template <class T, class Write>
void array(std::string& out, std::string_view name, const std::vector<T>& items, Write write,
           bool last = false) {
  out += "  ";
  append_json_string(out, name);
  out += ": [";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i == 0 ? "\n    " : ",\n    ";
    JsonLine line(out);
    write(line, items[i]);
    line.close();
  }
  out += items.empty() ? "]" : "\n  ]";
  out += last ? "\n" : ",\n";
}

void write_record(JsonLine& j, const DnsRecord& r) {
  j.string("view", to_string(r.view)).string("zone", r.zone).string("name", r.name);
  j.string("type", to_string(r.type)).string("value", r.value);
  if (r.type == RrType::SRV) {
    j.number("port", r.port).number("priority", r.priority).number("weight", r.weight);
  }
  j.number("ttl", r.ttl).string("rule", r.rule).string("why", r.why);
}

void write_certificate(JsonLine& j, const Certificate& c) {
  j.string("id", c.id).string("role", c.role).string("pool", c.pool);
  j.string("interface", c.interface).string("subject", c.subject);
  if (!c.subject_fields.empty()) {
    std::vector<std::string> fields;
    for (const auto& [attribute, value] : c.subject_fields) {
      fields.push_back(fmt::format("{}={}", attribute, value));
    }
    j.strings("subject_fields", fields);
  }
  j.strings("sans", c.sans).strings("types", c.usages);
  j.string("ca", c.ca).boolean("exportable_key", c.exportable_key);
  j.boolean("wildcard_allowed", !c.wildcard_names.empty())
      .strings("wildcard_for", c.wildcard_names);
  j.strings("eku", c.client_eku ? std::vector<std::string>{"server", "client"}
                                : std::vector<std::string>{"server"});
  j.number("min_key_bits", c.min_key_bits).strings("servers", c.servers);
  j.string("rule", c.rule).string("why", c.why);
}

void write_publishing(JsonLine& j, const PublishingRule& p) {
  j.string("public_name", p.public_name).string("listener", p.listener);
  j.numbers("from_ports", p.from_ports).string("backend", p.backend);
  j.numbers("backend_ports", p.backend_ports).strings("paths", p.paths);
  j.string("rule", p.rule).string("why", p.why);
}

void write_firewall(JsonLine& j, const FirewallRule& f) {
  j.string("from", f.from).string("to", f.to).string("protocol", f.protocol);
  j.string("port", f.port).string("rule", f.rule).string("why", f.why);
}

void write_finding(JsonLine& j, const Finding& f) {
  findings::append_json_fields(j, f);
}

} // namespace

Expected<Output, std::string> render_json(const Input& input) {
  const Plan& plan = input.plan;
  Output output;
  std::string& out = output.text;
  // About 340 bytes per record (a hosted tenant's SRV with its reason): one allocation.
  out.reserve(plan.dns.size() * 360 + 4096);
  out += "{\n  " + util::json_envelope("plan") + ",\n  \"product\": ";
  append_json_string(out, plan.product);
  out += ",\n";
  array(out, "dns", plan.dns, write_record);
  array(out, "dns_removals", plan.dns_removals, write_record);
  array(out, "certificates", plan.certificates, write_certificate);
  array(out, "publishing", plan.publishing, write_publishing);
  array(out, "firewall", plan.firewall, write_firewall);
  array(out, "findings", plan.findings, write_finding, true);
  out += "}\n";
  return output;
}

} // namespace lyncplan::render
