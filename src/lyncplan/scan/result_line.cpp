// The JSON line per tenant: written with the project's JSON writer (fast, fixed key order),
// read back with nlohmann::json when a scan resumes.
#include <lyncplan/scan/result_line.hpp>
#include <lyncplan/util/json_writer.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace lyncplan::scan {
namespace {

// A record set of hundreds of SRVs stays readable: the first few, then a count.
constexpr std::size_t kFoundShown = 8;

} // namespace

void append_result_line(std::string& out, const TenantResult& result) {
  out += "{\"tenant\":";
  util::append_json_string(out, result.tenant);
  out +=
      result.broken() ? ",\"status\":\"broken\",\"records\":[" : ",\"status\":\"ok\",\"records\":[";
  bool first = true;
  for (const RecordResult& r : result.records) {
    out += first ? "" : ",";
    first = false;
    util::JsonLine line(out);
    line.string("name", r.name)
        .string("type", to_string(r.expected->type))
        .string("verdict", to_string(r.verdict))
        .string("rule", r.expected->rule)
        .string("expected", r.expected->describe());
    std::vector<std::string> found(r.found.begin(),
                                   r.found.begin() + std::min(r.found.size(), kFoundShown));
    if (r.found.size() > kFoundShown) {
      found.push_back(fmt::format("... and {} more", r.found.size() - kFoundShown));
    }
    line.strings("found", found);
    if (!r.detail.empty()) {
      line.string("detail", r.detail);
    }
    if (!r.note.empty()) {
      line.string("note", r.note);
    }
    line.close();
  }
  out += "]}\n";
}

Expected<ResultDigest, std::string> read_result_line(std::string_view line) {
  const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return unexpected(std::string("not JSON; expected one scan result object a line"));
  }
  const auto tenant = j.find("tenant");
  const auto records = j.find("records");
  if (tenant == j.end() || !tenant->is_string() || records == j.end() || !records->is_array()) {
    return unexpected(std::string("not a scan result; expected \"tenant\" and \"records\""));
  }
  ResultDigest out;
  out.tenant = tenant->get<std::string>();
  for (const auto& r : *records) {
    const auto v = r.is_object() ? r.find("verdict") : r.end();
    const auto verdict =
        v != r.end() && v->is_string() ? verdict_from_string(v->get<std::string>()) : std::nullopt;
    if (!verdict) {
      return unexpected(fmt::format("tenant {}: a record without a known verdict", out.tenant));
    }
    out.verdicts.push_back(*verdict);
    // The owner without the tenant, as the summary names a record ("_sip._tls").
    const auto name = r.find("name");
    std::string owner = name != r.end() && name->is_string() ? name->get<std::string>() : "";
    const std::string suffix = "." + out.tenant;
    if (owner.size() > suffix.size() && owner.ends_with(suffix)) {
      owner.resize(owner.size() - suffix.size());
    }
    out.owners.push_back(std::move(owner));
    const auto note = r.find("note");
    out.notes += note != r.end() && note->is_string() ? 1 : 0;
    out.broken = out.broken || is_broken(*verdict);
  }
  return out;
}

} // namespace lyncplan::scan
