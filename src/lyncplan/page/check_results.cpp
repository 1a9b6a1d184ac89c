// Reads a check's JSON (docs/commands.md) with nlohmann-json, every problem with its place.
#include <lyncplan/page/check_results.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace lyncplan::page {
namespace {

using nlohmann::json;

// Walks the document and notes every value of the wrong kind, with its path.
class Reader {
public:
  explicit Reader(std::string_view file) : file_(file) {}

  std::string string(const json& object, std::string_view key, const std::string& path) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      return "";
    }
    if (!it->is_string()) {
      wrong(path + "." + std::string(key), "a string", *it);
      return "";
    }
    return it->get<std::string>();
  }

  int integer(const json& object, std::string_view key, const std::string& path) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      return 0;
    }
    const auto value = it->is_number_integer() ? it->get<long long>() : -1LL;
    if (!it->is_number_integer() || value < 0 || value > 65535) {
      wrong(path + "." + std::string(key), "a whole number from 0 to 65535", *it);
      return 0;
    }
    return static_cast<int>(value);
  }

  // The array at `key` (absent: none), or nullptr after noting what it was instead.
  const json* array(const json& object, std::string_view key, const std::string& path) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      return nullptr;
    }
    if (!it->is_array()) {
      wrong(path + "." + std::string(key), "a list", *it);
      return nullptr;
    }
    return &*it;
  }

  // The strings of the list at `key` (absent: none); other items are skipped.
  std::vector<std::string> strings(const json& object, std::string_view key,
                                   const std::string& path) {
    std::vector<std::string> out;
    if (const json* list = array(object, key, path)) {
      for (const auto& item : *list) {
        if (item.is_string()) {
          out.push_back(item.get<std::string>());
        }
      }
    }
    return out;
  }

  bool object(const json& value, const std::string& path) {
    if (!value.is_object()) {
      wrong(path, "an object", value);
      return false;
    }
    return true;
  }

  void problem(const std::string& path, const std::string& message) {
    problems_.push_back({file_, {}, path.empty() ? message : path + ": " + message});
  }

  std::vector<util::Diagnostic>& problems() { return problems_; }

private:
  void wrong(const std::string& path, std::string_view expected, const json& found) {
    problem(path, fmt::format("expected {}, found {}", expected, found.type_name()));
  }

  std::string file_;
  std::vector<util::Diagnostic> problems_;
};

findings::Finding read_finding(Reader& r, const json& f, const std::string& path) {
  findings::Finding out;
  if (!r.object(f, path)) {
    return out;
  }
  const std::string severity = r.string(f, "severity", path);
  if (const auto s = findings::severity_named(severity)) {
    out.severity = *s;
  } else {
    r.problem(path + ".severity",
              fmt::format("expected error, warning or info, found '{}'", severity));
  }
  const std::string rule = r.string(f, "rule", path);
  if (const auto id = findings::RuleId::find(rule)) {
    out.rule = *id;
  }
  out.code = r.string(f, "code", path);
  if (out.code.empty() || (!out.rule.empty() && out.code == out.rule.str())) {
    out.code = out.rule.empty() ? rule : "";
  }
  out.subject = r.string(f, "subject", path);
  const std::string domain = r.string(f, "domain", path);
  if (!domain.empty() && out.subject.find(domain) == std::string::npos) {
    out.subject = domain + ": " + out.subject;
  }
  out.message = r.string(f, "message", path);
  out.fix = r.string(f, "fix", path);
  out.tenants = r.strings(f, "tenants", path);
  return out;
}

std::vector<findings::Finding> read_findings(Reader& r, const json& object,
                                             const std::string& path) {
  std::vector<findings::Finding> out;
  if (const json* list = r.array(object, "findings", path)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      out.push_back(read_finding(r, (*list)[i], fmt::format("{}.findings[{}]", path, i)));
    }
  }
  return out;
}

CheckEndpoint read_endpoint(Reader& r, const json& e, const std::string& path) {
  CheckEndpoint out;
  if (!r.object(e, path)) {
    return out;
  }
  out.name = r.string(e, "name", path);
  out.address = r.string(e, "address", path);
  out.port = r.integer(e, "port", path);
  out.purpose = r.string(e, "purpose", path);
  out.outcome = r.string(e, "outcome", path);
  out.detail = r.string(e, "detail", path);
  if (const auto cert = e.find("certificate"); cert != e.end() && !cert->is_null()) {
    const std::string cpath = path + ".certificate";
    if (r.object(*cert, cpath)) {
      out.has_certificate = true;
      out.subject = r.string(*cert, "subject", cpath);
      out.issuer = r.string(*cert, "issuer", cpath);
      out.not_after = r.string(*cert, "not_after", cpath);
      out.sans = r.strings(*cert, "sans", cpath);
    }
  }
  if (const json* problems = r.array(e, "problems", path)) {
    out.problems = problems->size();
  }
  return out;
}

CheckDomain read_domain(Reader& r, const json& d, const std::string& path) {
  CheckDomain out;
  if (!r.object(d, path)) {
    return out;
  }
  out.domain = r.string(d, "domain", path);
  if (out.domain.empty()) {
    r.problem(path + ".domain", "expected the domain checked");
  }
  if (const json* cases = r.array(d, "sign_in", path)) {
    for (std::size_t i = 0; i < cases->size(); ++i) {
      const json& c = (*cases)[i];
      const std::string cpath = fmt::format("{}.sign_in[{}]", path, i);
      if (!r.object(c, cpath)) {
        continue;
      }
      CheckSignIn s{r.string(c, "client", cpath),
                    r.string(c, "from", cpath),
                    r.string(c, "result", cpath),
                    r.string(c, "via", cpath),
                    "",
                    r.string(c, "reason", cpath)};
      if (const auto server = c.find("server"); server != c.end() && server->is_object()) {
        const std::string fqdn = r.string(*server, "fqdn", cpath + ".server");
        const int port = r.integer(*server, "port", cpath + ".server");
        s.server = port != 0 ? fmt::format("{}:{}", fqdn, port) : fqdn;
      }
      out.sign_in.push_back(std::move(s));
    }
  }
  if (const json* endpoints = r.array(d, "endpoints", path)) {
    for (std::size_t i = 0; i < endpoints->size(); ++i) {
      out.endpoints.push_back(
          read_endpoint(r, (*endpoints)[i], fmt::format("{}.endpoints[{}]", path, i)));
    }
  }
  if (const json* walks = r.array(d, "autodiscover", path)) {
    for (std::size_t i = 0; i < walks->size(); ++i) {
      const json& w = (*walks)[i];
      const std::string wpath = fmt::format("{}.autodiscover[{}]", path, i);
      if (r.object(w, wpath)) {
        out.autodiscover.push_back({r.string(w, "from", wpath), r.string(w, "url", wpath),
                                    r.string(w, "verdict", wpath), r.string(w, "message", wpath),
                                    r.string(w, "side", wpath)});
      }
    }
  }
  if (const auto fed = d.find("federation"); fed != d.end() && fed->is_object()) {
    if (const json* srv = r.array(*fed, "srv", path + ".federation")) {
      for (std::size_t i = 0; i < srv->size(); ++i) {
        const json& s = (*srv)[i];
        const std::string spath = fmt::format("{}.federation.srv[{}]", path, i);
        if (r.object(s, spath)) {
          out.federation_srv.push_back(
              fmt::format("{}:{} (priority {}, weight {})", r.string(s, "target", spath),
                          r.integer(s, "port", spath), r.integer(s, "priority", spath),
                          r.integer(s, "weight", spath)));
        }
      }
    }
  }
  out.findings = read_findings(r, d, path);
  return out;
}

// "line:column" of a byte offset, 1-based.
util::Pos position_of(std::string_view text, std::size_t offset) {
  util::Pos pos{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
  }
  return pos;
}

} // namespace

Expected<CheckResults, std::vector<util::Diagnostic>> read_check_results(std::string_view text,
                                                                         std::string_view file) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    // e.byte is one past the character that stopped the parser.
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    if (const auto colon = what.rfind(": "); colon != std::string::npos) {
      what = what.substr(colon + 2);
    }
    return unexpected(std::vector<util::Diagnostic>{
        {std::string(file), position_of(text, at),
         "not JSON (" + what + "); expected the output of lyncplan check --format json"}});
  } catch (const json::exception& e) { // a number too large for any type, for one
    std::string what = e.what();
    if (const auto bracket = what.find("] "); bracket != std::string::npos) {
      what = what.substr(bracket + 2);
    }
    return unexpected(
        std::vector<util::Diagnostic>{{std::string(file), {}, "not readable JSON (" + what + ")"}});
  }
  Reader r(file);
  CheckResults out;
  out.file = file;
  // Never json::value() here: it throws when the key holds another kind of value.
  const auto command_of = [&]() -> std::string {
    if (!doc.is_object()) {
      return "";
    }
    const auto it = doc.find("command");
    return it != doc.end() && it->is_string() ? it->get<std::string>() : "";
  };
  const std::string command = command_of();
  if (command != "check" || !doc.contains("domains")) {
    r.problem("", command.empty()
                      ? "expected the output of lyncplan check --format json (an object with "
                        "\"command\": \"check\" and \"domains\")"
                      : fmt::format("this is the output of lyncplan {}; expected lyncplan check "
                                    "--format json",
                                    command));
    return unexpected(std::move(r.problems()));
  }
  out.version = r.string(doc, "lyncplan", "");
  if (const json* domains = r.array(doc, "domains", "")) {
    for (std::size_t i = 0; i < domains->size(); ++i) {
      out.domains.push_back(read_domain(r, (*domains)[i], fmt::format("domains[{}]", i)));
    }
  }
  out.findings = read_findings(r, doc, "");
  out.drift = doc.contains("drift") && !doc["drift"].is_null();
  if (!r.problems().empty()) {
    for (auto& p : r.problems()) {
      // Paths start with ".findings" at the top; say "findings".
      if (p.message.starts_with(".")) {
        p.message.erase(0, 1);
      }
    }
    return unexpected(std::move(r.problems()));
  }
  return out;
}

} // namespace lyncplan::page
