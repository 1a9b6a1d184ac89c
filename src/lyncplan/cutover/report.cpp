// The cutover steps as a table, JSON, zone fragments and an nsupdate script.
#include <lyncplan/cutover/report.hpp>
#include <lyncplan/findings/report.hpp>
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/topology/clouds.hpp>
#include <lyncplan/util/json_writer.hpp>
#include <lyncplan/util/strings.hpp>
#include <lyncplan/util/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace lyncplan::cutover {
namespace {

using plan::DnsRecord;
using plan::View;
using render::master_data;

std::string data_list(const std::vector<DnsRecord>& records) {
  std::vector<std::string> parts;
  for (const auto& r : records) {
    parts.push_back(fmt::format("{} {}", plan::to_string(r.type), master_data(r)));
  }
  return parts.empty() ? "-" : join(parts, ", ");
}

std::string heading(const Cutover& c) {
  return fmt::format(
      "lyncplan cutover of {} to {}{}", c.domain, topology::to_string(c.to),
      c.from == c.to ? "" : fmt::format(" (the topology has it {})", topology::to_string(c.from)));
}

void record_json(std::string& out, const DnsRecord& r) {
  util::JsonLine j(out);
  j.string("type", plan::to_string(r.type)).string("value", r.value);
  if (r.type == plan::RrType::SRV) {
    j.number("port", r.port).number("priority", r.priority).number("weight", r.weight);
  }
  j.number("ttl", r.ttl);
  j.close();
}

void records_json(std::string& out, std::string_view key, const std::vector<DnsRecord>& records) {
  out += fmt::format(", \"{}\": [", key);
  for (std::size_t i = 0; i < records.size(); ++i) {
    out += i == 0 ? "" : ", ";
    record_json(out, records[i]);
  }
  out += "]";
}

} // namespace

std::string cutover_text(const Cutover& c, bool color) {
  std::size_t adds = 0, removes = 0;
  for (const Step& s : c.steps) {
    adds += s.add.size();
    removes += s.remove.size();
  }
  std::string out = fmt::format("{} ({} views): {} steps, {} records to delete, {} to add; {} "
                                "names already right\n",
                                heading(c), c.views.empty() ? "no" : join(c.views, " and "),
                                c.steps.size(), removes, adds, c.already_right);
  std::vector<std::vector<std::string>> rows;
  for (const Step& s : c.steps) {
    rows.push_back({plan::to_string(s.view), to_string(s.action), s.name, data_list(s.remove),
                    data_list(s.add)});
  }
  if (!rows.empty()) {
    const std::vector<std::string> header = {"VIEW", "ACTION", "NAME", "DELETE", "ADD"};
    std::vector<std::size_t> width(header.size());
    for (std::size_t i = 0; i < header.size(); ++i) {
      width[i] = header[i].size();
      for (const auto& r : rows) {
        width[i] = std::max(width[i], r[i].size());
      }
    }
    auto line = [&](const std::vector<std::string>& cells) {
      std::string l = "\n ";
      for (std::size_t i = 0; i < cells.size(); ++i) {
        l += " " + cells[i];
        if (i + 1 < cells.size()) {
          l += std::string(width[i] - cells[i].size() + 1, ' ');
        }
      }
      out += l;
    };
    out += "\nSteps, in order (each name: its deletions, then its additions)";
    line(header);
    for (const auto& r : rows) {
      line(r);
    }
    out += "\n";
  }
  if (!c.notes.empty()) {
    out += "\n" + findings::findings_text(c.notes, color);
  }
  return out;
}

std::string cutover_json(const Cutover& c) {
  std::string out = "{\n  " + util::json_envelope("cutover") + ",\n  \"domain\": ";
  util::append_json_string(out, c.domain);
  out += fmt::format(",\n  \"topology_mode\": \"{}\",\n  \"to\": \"{}\",\n  \"views\": [",
                     topology::to_string(c.from), topology::to_string(c.to));
  for (std::size_t i = 0; i < c.views.size(); ++i) {
    out += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", c.views[i]);
  }
  out += fmt::format("],\n  \"already_right\": {},\n  \"steps\": [", c.already_right);
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const Step& s = c.steps[i];
    out += i == 0 ? "\n    " : ",\n    ";
    util::JsonLine j(out);
    j.string("view", plan::to_string(s.view))
        .string("zone", s.zone)
        .string("name", s.name)
        .string("action", to_string(s.action));
    // The line stays open for the record lists, then closes by hand.
    records_json(out, "delete", s.remove);
    records_json(out, "add", s.add);
    out += "}";
  }
  out += c.steps.empty() ? "],\n  \"findings\": [" : "\n  ],\n  \"findings\": [";
  for (std::size_t i = 0; i < c.notes.size(); ++i) {
    out += i == 0 ? "\n    " : ",\n    ";
    util::JsonLine j(out);
    findings::append_json_fields(j, c.notes[i]);
    j.close();
  }
  out += c.notes.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string cutover_zone(const Cutover& c) {
  std::string out = fmt::format("; {}\n; per view and zone: delete the records listed first, then "
                                "merge the records below them\n",
                                heading(c));
  std::map<std::pair<View, std::string>, std::vector<const Step*>> by_zone;
  for (const Step& s : c.steps) {
    by_zone[{s.view, s.zone}].push_back(&s);
  }
  for (const auto& [key, steps] : by_zone) {
    out += fmt::format(";\n; {} view, zone {}\n$ORIGIN {}.\n", plan::to_string(key.first),
                       key.second, key.second);
    for (const Step* s : steps) {
      for (const DnsRecord& r : s->remove) {
        out += fmt::format("; delete: {}.\t{}\tIN\t{}\t{}\n", r.name, r.ttl,
                           plan::to_string(r.type), master_data(r));
      }
    }
    for (const Step* s : steps) {
      for (const DnsRecord& r : s->add) {
        render::append_zone_record(out, r);
      }
    }
  }
  return out;
}

std::string cutover_nsupdate(const Cutover& c, const NsupdateOptions& o) {
  std::string out = fmt::format("; {}, {} view\n; run on a host the primary accepts updates "
                                "from: nsupdate -k KEYFILE {}\n; each deletion names the exact "
                                "record it removes, so sending this twice changes nothing\n",
                                heading(c), plan::to_string(o.view),
                                o.output_name.empty() ? "FILE" : o.output_name);
  if (!o.server.empty()) {
    out += "server " + o.server + "\n";
  }
  std::map<std::string, std::vector<const Step*>> by_zone;
  for (const Step& s : c.steps) {
    if (s.view == o.view) {
      by_zone[s.zone].push_back(&s);
    }
  }
  for (const auto& [zone, steps] : by_zone) {
    out += fmt::format("zone {}.\n", zone);
    for (const Step* s : steps) {
      for (const DnsRecord& r : s->remove) {
        out += fmt::format("update delete {}. IN {} {}\n", r.name, plan::to_string(r.type),
                           master_data(r));
      }
    }
    for (const Step* s : steps) {
      for (const DnsRecord& r : s->add) {
        out += fmt::format("update add {}. {} IN {} {}\n", r.name, r.ttl, plan::to_string(r.type),
                           master_data(r));
      }
    }
    out += "send\n";
  }
  return out;
}

} // namespace lyncplan::cutover
