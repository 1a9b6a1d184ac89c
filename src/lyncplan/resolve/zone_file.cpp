// BIND master files read with ldns ($ORIGIN, $TTL, relative names); errors with file and line.
#include <lyncplan/resolve/zone_file.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

// clang-format off
// The standard headers come before ldns: it defines `bool` as a macro, which breaks <optional>.
#include <cstdio>
#include <memory>
#include <optional>

#include <ldns/ldns.h>
// clang-format on

namespace lyncplan::resolve {
namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
struct RrFree {
  void operator()(ldns_rr* r) const { ldns_rr_free(r); }
};
struct CharFree {
  void operator()(char* s) const { std::free(s); }
};

std::string rdf_text(const ldns_rdf* rdf) {
  if (rdf == nullptr) {
    return {};
  }
  std::unique_ptr<char, CharFree> text(ldns_rdf2str(rdf));
  std::string s = text ? text.get() : "";
  if (!s.empty() && s.back() == '.') {
    s.pop_back();
  }
  return to_lower(s);
}

std::optional<Rr> convert(const ldns_rr* rr) {
  Rr out;
  out.name = rdf_text(ldns_rr_owner(rr));
  out.ttl = ldns_rr_ttl(rr);
  switch (ldns_rr_get_type(rr)) {
  case LDNS_RR_TYPE_A:
    out.type = plan::RrType::A;
    break;
  case LDNS_RR_TYPE_AAAA:
    out.type = plan::RrType::AAAA;
    break;
  case LDNS_RR_TYPE_CNAME:
    out.type = plan::RrType::CNAME;
    break;
  case LDNS_RR_TYPE_SRV:
    out.type = plan::RrType::SRV;
    break;
  default:
    return std::nullopt;
  }
  if (out.type == plan::RrType::SRV) {
    if (ldns_rr_rd_count(rr) != 4) {
      return std::nullopt;
    }
    out.priority = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
    out.weight = ldns_rdf2native_int16(ldns_rr_rdf(rr, 1));
    out.port = ldns_rdf2native_int16(ldns_rr_rdf(rr, 2));
    out.value = rdf_text(ldns_rr_rdf(rr, 3));
  } else {
    if (ldns_rr_rd_count(rr) < 1) {
      return std::nullopt;
    }
    out.value = rdf_text(ldns_rr_rdf(rr, 0));
  }
  return out;
}

} // namespace

Expected<ZoneFileResult, util::Diagnostic>
parse_zone_file(std::string_view text, const std::string& file_name, const std::string& origin) {
  // ldns reads a FILE*; fmemopen keeps this function free of file-system access.
  std::string buffer(text);
  if (buffer.empty() || buffer.back() != '\n') {
    buffer += '\n';
  }
  std::unique_ptr<FILE, FileCloser> stream(fmemopen(buffer.data(), buffer.size(), "r"));
  if (!stream) {
    return unexpected(util::Diagnostic{file_name, {1, 1}, "cannot read the zone text"});
  }
  // ldns replaces these as $ORIGIN lines and owner names go by; they are freed at the end.
  ldns_rdf* current_origin = ldns_dname_new_frm_str(origin.empty() ? "." : (origin + ".").c_str());
  ldns_rdf* previous_owner = nullptr;
  std::uint32_t default_ttl = 3600;
  int line = 0;
  ZoneFileResult result;
  std::optional<util::Diagnostic> error;
  while (!error && !std::feof(stream.get())) {
    ldns_rr* raw = nullptr;
    const ldns_status status = ldns_rr_new_frm_fp_l(&raw, stream.get(), &default_ttl,
                                                    &current_origin, &previous_owner, &line);
    std::unique_ptr<ldns_rr, RrFree> rr(raw);
    switch (status) {
    case LDNS_STATUS_OK:
      if (ldns_rr_get_type(rr.get()) == LDNS_RR_TYPE_SOA) {
        result.origins.push_back(rdf_text(ldns_rr_owner(rr.get())));
      }
      if (auto converted = convert(rr.get())) {
        converted->file = file_name;
        converted->line = line;
        result.records.push_back(std::move(*converted));
      }
      break;
    case LDNS_STATUS_SYNTAX_EMPTY:
    case LDNS_STATUS_SYNTAX_TTL:
    case LDNS_STATUS_SYNTAX_ORIGIN:
      break;
    case LDNS_STATUS_SYNTAX_INCLUDE:
      error = util::Diagnostic{file_name,
                               {std::max(line, 1), 1},
                               "$INCLUDE is not supported; expected the records in this file "
                               "(give each file with --zone)"};
      break;
    default:
      error = util::Diagnostic{
          file_name,
          {std::max(line, 1), 1},
          fmt::format("the zone file cannot be read: {}; expected a resource record (owner, "
                      "TTL, class, type, data) or a $ORIGIN/$TTL line",
                      ldns_get_errorstr_by_id(status))};
    }
  }
  ldns_rdf_deep_free(current_origin);
  if (previous_owner != nullptr) {
    ldns_rdf_deep_free(previous_owner);
  }
  if (error) {
    return unexpected(*error);
  }
  return result;
}

} // namespace lyncplan::resolve
