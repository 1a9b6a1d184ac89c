// The report page: sections built as HTML text, with the diagram's SVG inline and the style in
// the page, so that one file works offline and from a mail attachment.
#include <lyncplan/page/report_page.hpp>
#include <lyncplan/render/diagram.hpp>
#include <lyncplan/report/outcomes.hpp>
#include <lyncplan/topology/products.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace lyncplan::page {
namespace {

using findings::Finding;
using findings::Severity;

std::string esc(std::string_view text) {
  return escape_markup(text);
}

constexpr std::string_view kStyle = R"(
:root{--fg:#1a202c;--bg:#fff;--muted:#4a5568;--line:#cbd5e0;--head:#edf2f7;--ok:#22543d;
--ok-bg:#c6f6d5;--warn:#744210;--warn-bg:#fefcbf;--bad:#742a2a;--bad-bg:#fed7d7;--link:#2b6cb0}
@media (prefers-color-scheme:dark){:root{--fg:#e2e8f0;--bg:#171923;--muted:#a0aec0;
--line:#4a5568;--head:#2d3748;--ok:#c6f6d5;--ok-bg:#22543d;--warn:#fefcbf;--warn-bg:#744210;
--bad:#fed7d7;--bad-bg:#742a2a;--link:#90cdf4}}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);
background:var(--bg);margin:0;line-height:1.45}
header,main,footer{padding:0 1.5rem}header{padding-top:1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;border-bottom:2px solid var(--line);
padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem;margin-top:1.4rem}
a{color:var(--link)}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--head)}th[scope=row]{background:var(--head);font-weight:600}
code,.mono{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.85rem}
.figure{overflow-x:auto;border:1px solid var(--line);padding:.5rem;margin:.5rem 0}
.figure svg{max-width:100%;height:auto}
.sev{font-weight:700;padding:0 .35rem;border-radius:3px;white-space:nowrap}
.sev-error,.res-failed{color:var(--bad);background:var(--bad-bg)}
.sev-warning,.res-prompt{color:var(--warn);background:var(--warn-bg)}
.sev-info,.res-connected{color:var(--ok);background:var(--ok-bg)}
.muted{color:var(--muted)}
footer{margin:2rem 0 1rem;color:var(--muted);font-size:.85rem}
@media print{nav{display:none}section{break-before:page}section#summary{break-before:auto}
.figure{overflow:visible;border:0}.figure svg{max-width:100%;height:auto}
table{font-size:.75rem}a{color:inherit;text-decoration:none}}
)";

std::string severity_badge(Severity s) {
  return fmt::format("<span class=\"sev sev-{0}\">{0}</span>", findings::to_string(s));
}

// A table: a caption, header cells and rows of already-escaped cells.
class Table {
public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  bool empty() const { return rows_.empty(); }
  std::string html(std::string_view caption = "") const {
    std::string out = "<table>";
    if (!caption.empty()) {
      out += "<caption class=\"muted\">" + esc(caption) + "</caption>";
    }
    out += "<thead><tr>";
    for (const auto& h : headers_) {
      out += "<th scope=\"col\">" + esc(h) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& r : rows_) {
      out += "<tr>";
      for (const auto& c : r) {
        out += "<td>" + c + "</td>";
      }
      out += "</tr>\n";
    }
    return out + "</tbody></table>\n";
  }

private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

std::string code(std::string_view text) {
  return "<code>" + esc(text) + "</code>";
}

std::string mode_name(topology::DomainMode m) {
  switch (m) {
  case topology::DomainMode::on_premises:
    return "on premises";
  case topology::DomainMode::hybrid:
    return "hybrid";
  case topology::DomainMode::teams_only:
    return "Teams only";
  }
  return "";
}

// "a, b, c and 97 more": the first `shown` of a long list, and how many it leaves out.
std::string first_of(const std::vector<std::string>& items, std::size_t shown) {
  if (items.size() <= shown) {
    return join(items, ", ");
  }
  std::vector<std::string> head(items.begin(), items.begin() + static_cast<long>(shown));
  return fmt::format("{} and {} more", join(head, ", "), items.size() - shown);
}

std::string finding_text(const Finding& f) {
  std::string out = "<strong>" + esc(f.subject) + "</strong> " + esc(f.message);
  if (!f.tenants.empty()) {
    out += fmt::format("<br><span class=\"muted\">{} tenant{}: {}</span>", f.tenants.size(),
                       f.tenants.size() == 1 ? "" : "s", esc(first_of(f.tenants, kTenantsNamed)));
  }
  return out;
}

std::string rule_cell(const Finding& f) {
  const std::string_view rule = f.rule.empty() ? std::string_view(f.code) : f.rule.str();
  return code(rule);
}

void findings_table(std::string& out, const std::vector<Finding>& list) {
  if (list.empty()) {
    out += "<p>None.</p>\n";
    return;
  }
  Table t({"Severity", "Rule", "Finding", "Fix"});
  for (const Finding& f : list) {
    t.row({severity_badge(f.severity), rule_cell(f), finding_text(f), esc(f.fix)});
  }
  out += t.html();
}

class Page {
  // A section of the page: its anchor, its heading, and what writes its body.
  struct Section {
    std::string_view id;
    std::string_view title;
    void (Page::*write)();
  };

public:
  explicit Page(const ReportInput& in) : in_(in), t_(in.topology), plan_(in.plan) {
    if (t_.hosting) {
      tenants_.insert(t_.hosting->tenants.begin(), t_.hosting->tenants.end());
    }
    all_findings_ = plan_.findings;
    if (in.outcomes != nullptr) {
      for (auto& f : report::outcome_findings(*in.outcomes)) {
        all_findings_.push_back(std::move(f));
      }
    }
    for (const auto& c : in.checks) {
      for (const auto& f : c.findings) {
        all_findings_.push_back(f);
      }
    }
    std::stable_sort(all_findings_.begin(), all_findings_.end(),
                     [](const Finding& a, const Finding& b) { return a.severity < b.severity; });
  }

  std::string html() {
    std::vector<Section> sections = {{"summary", "Summary", &Page::summary},
                                     {"diagram", "The deployment drawn", &Page::diagram},
                                     {"dns", "DNS", &Page::dns},
                                     {"certificates", "Certificates", &Page::certificates},
                                     {"publishing", "Reverse-proxy publishing", &Page::publishing},
                                     {"firewall", "Firewall", &Page::firewall}};
    if (in_.outcomes != nullptr) {
      sections.push_back({"clients", "Clients", &Page::clients});
    }
    if (!in_.checks.empty()) {
      sections.push_back({"check", "Live check", &Page::checks});
    }
    sections.push_back({"findings", "Findings", &Page::all_findings});
    // The file's name, not where it lies: the page is the same from any folder.
    const std::string title =
        "lyncplan report: " + std::filesystem::path(t_.source).filename().string();
    out_ += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"color-scheme\" content=\"light dark\">\n";
    out_ += "<title>" + esc(title) + "</title>\n<style>" + std::string(kStyle) + "</style>\n";
    out_ += "</head>\n<body>\n<header>\n<h1>" + esc(title) + "</h1>\n";
    out_ += "<p class=\"muted\">" +
            esc(std::string(topology::product_facts(t_.product).display_name)) +
            ". Planned by lyncplan from the topology file: every table comes from the same plan "
            "as <code>lyncplan plan</code>.</p>\n";
    out_ += "<nav aria-label=\"Sections\"><ul>";
    for (const auto& s : sections) {
      out_ += fmt::format("<li><a href=\"#{}\">{}</a></li>", s.id, esc(s.title));
    }
    out_ += "</ul></nav>\n</header>\n<main>\n";
    for (const auto& s : sections) {
      out_ += fmt::format("<section id=\"{}\" aria-labelledby=\"{}-h\">\n<h2 id=\"{}-h\">{}</h2>\n",
                          s.id, s.id, s.id, esc(s.title));
      (this->*s.write)();
      out_ += "</section>\n";
    }
    out_ += "</main>\n<footer><p>";
    out_ += in_.version.empty() ? "Written by lyncplan."
                                : "Written by lyncplan " + esc(in_.version) + ".";
    out_ += " Every section is also available as text or data: <code>lyncplan plan</code> "
            "(--format table, json, csv, svg), <code>lyncplan simulate</code>, "
            "<code>lyncplan check</code>.</p></footer>\n</body>\n</html>\n";
    return std::move(out_);
  }

private:
  void all_findings() { findings_table(out_, all_findings_); }

  void summary() {
    Table domains({"SIP domain", "Mode"});
    for (std::size_t i = 0; i < t_.sip_domains.size(); ++i) {
      const auto& d = t_.sip_domains[i];
      domains.row({code(d) + (i == 0 ? " <span class=\"muted\">(default)</span>" : ""),
                   esc(mode_name(topology::mode_of(t_, d)))});
    }
    out_ += "<h3>SIP domains</h3>\n" + domains.html();
    std::map<std::string, std::size_t> roles;
    std::size_t servers = 0;
    for (const auto& p : t_.pools) {
      roles[topology::to_string(p.role)] += 1;
      servers += p.servers.size();
    }
    std::size_t external = 0, internal = 0;
    for (const auto& r : plan_.dns) {
      (r.view == plan::View::external ? external : internal) += 1;
    }
    Table counts({"Count", "What"});
    for (const auto& [role, n] : roles) {
      counts.row({std::to_string(n), esc(role + (n == 1 ? " pool" : " pools"))});
    }
    counts.row({std::to_string(servers), "servers"});
    counts.row({std::to_string(external), "DNS records, external view"});
    counts.row({std::to_string(internal), "DNS records, internal view"});
    if (!plan_.dns_removals.empty()) {
      counts.row({std::to_string(plan_.dns_removals.size()), "DNS records to delete"});
    }
    counts.row({std::to_string(plan_.certificates.size()), "certificates"});
    counts.row({std::to_string(plan_.publishing.size()), "publishing rules"});
    counts.row({std::to_string(plan_.firewall.size()), "firewall rules"});
    if (t_.hosting) {
      counts.row({std::to_string(t_.hosting->tenants.size()),
                  "hosted tenants of " + esc(t_.hosting->provider_domain)});
    }
    out_ += "<h3>Counts</h3>\n" + counts.html();
    if (t_.hosting && !t_.hosting->tenants.empty()) {
      out_ += "<p>Tenants: " + esc(first_of(t_.hosting->tenants, kTenantsNamed)) + ".</p>\n";
    }
    std::size_t errors = 0, warnings = 0, info = 0;
    for (const auto& f : all_findings_) {
      (f.severity == Severity::error     ? errors
       : f.severity == Severity::warning ? warnings
                                         : info) += 1;
    }
    out_ += fmt::format("<h3>Worst findings first</h3>\n<p>{} error{}, {} warning{}, {} info; "
                        "<a href=\"#findings\">all findings</a>.</p>\n",
                        errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", info);
    constexpr std::size_t kWorst = 5;
    std::vector<Finding> worst;
    for (const auto& f : all_findings_) {
      if (worst.size() < kWorst && f.severity != Severity::info) {
        worst.push_back(f);
      }
    }
    if (!worst.empty()) {
      findings_table(out_, worst);
    }
  }

  void diagram() {
    const render::Diagram d = render::layout_diagram(t_, plan_);
    out_ += "<p>" + esc(d.description) +
            " Hover over an arrow for its rules; the firewall table lists each.</p>\n";
    out_ += "<div class=\"figure\">\n" + render::diagram_svg(d, false) + "</div>\n";
  }

  static std::string records_table(const std::vector<const plan::DnsRecord*>& records) {
    Table table({"Name", "Type", "Value", "Priority weight port", "TTL", "Rule", "Why"});
    for (const auto* r : records) {
      const bool srv = r->type == plan::RrType::SRV;
      table.row({code(r->name), plan::to_string(r->type), code(r->value),
                 srv ? fmt::format("{} {} {}", r->priority, r->weight, r->port) : "",
                 std::to_string(r->ttl), code(r->rule.str()), esc(r->why.str())});
    }
    return table.html();
  }

  void dns() {
    if (t_.dns) {
      out_ += "<p>Zones served by " + code(t_.dns->primary) + ".</p>\n";
    }
    for (const plan::View view : {plan::View::external, plan::View::internal}) {
      std::map<std::string, std::vector<const plan::DnsRecord*>> zones;
      for (const auto& r : plan_.dns) {
        if (r.view == view) {
          zones[r.zone].push_back(&r);
        }
      }
      if (zones.empty()) {
        continue;
      }
      out_ += fmt::format("<h3 id=\"dns-{0}\">{1} view</h3>\n", plan::to_string(view),
                          view == plan::View::external ? "External" : "Internal");
      std::size_t tenant_zones = 0, tenant_records = 0;
      for (const auto& [zone, records] : zones) {
        if (tenants_.contains(zone)) {
          if (++tenant_zones > kTenantZonesShown) {
            tenant_records += records.size();
            continue;
          }
        }
        out_ += "<h4>Zone <code>" + esc(zone) + "</code>" +
                (tenants_.contains(zone) ? " <span class=\"muted\">(a hosted tenant)</span>" : "") +
                "</h4>\n" + records_table(records);
      }
      if (tenant_zones > kTenantZonesShown) {
        out_ += fmt::format("<p>And {} more tenant zones like the ones above ({} records); "
                            "<code>lyncplan plan --format zone</code> or <code>csv</code> "
                            "writes them all.</p>\n",
                            tenant_zones - kTenantZonesShown, tenant_records);
      }
    }
    if (!plan_.dns_removals.empty()) {
      std::vector<const plan::DnsRecord*> removals;
      for (const auto& r : plan_.dns_removals) {
        removals.push_back(&r);
      }
      out_ += "<h3 id=\"dns-removals\">Records to delete</h3>\n" + records_table(removals);
    }
  }

  void certificates() {
    Table table({"Certificate", "Subject", "Subject alternative names", "Issued by",
                 "Exportable key", "On", "CSR file"});
    constexpr std::size_t kSansShown = 40;
    for (const auto& c : plan_.certificates) {
      std::string who = c.ca == "public"    ? "a public CA"
                        : c.ca == "private" ? "your internal CA"
                                            : "a public or an internal CA";
      table.row({code(c.id) + "<br><span class=\"muted\">" + esc(c.role + " " + c.interface) +
                     (c.usages.empty() ? "" : ": " + esc(join(c.usages, ", "))) + "</span>",
                 code(c.subject), esc(first_of(c.sans, kSansShown)), esc(who),
                 c.exportable_key ? "yes" : "no", esc(first_of(c.servers, 6)),
                 code(c.id + ".csr")});
    }
    out_ +=
        "<p>Each certificate's key and request come from <code>lyncplan certs request</code>"
        " (the CSR file named here, or the Management Shell script for the Lync servers).</p>\n";
    out_ += table.html();
  }

  void publishing() {
    if (plan_.publishing.empty()) {
      out_ += "<p>No reverse proxy in this topology.</p>\n";
      return;
    }
    const auto ports = [](const std::vector<int>& list) {
      std::vector<std::string> s;
      for (int p : list) {
        s.push_back(std::to_string(p));
      }
      return join(s, ", ");
    };
    Table table({"Public name", "Listener", "Ports", "Backend", "Backend ports", "Paths", "Why"});
    for (const auto& r : plan_.publishing) {
      table.row({code(r.public_name), code(r.listener), esc(ports(r.from_ports)), code(r.backend),
                 esc(ports(r.backend_ports)), code(join(r.paths, " ")), esc(r.why)});
    }
    out_ += "<p><code>lyncplan plan --format nginx</code> or <code>haproxy</code> writes these "
            "rules as a proxy configuration.</p>\n" +
            table.html();
  }

  void firewall() {
    if (plan_.firewall.empty()) {
      out_ += "<p>No Edge or reverse proxy: no perimeter firewall rules.</p>\n";
      return;
    }
    Table table({"From", "To", "Protocol", "Port", "Rule", "Why"});
    for (const auto& f : plan_.firewall) {
      table.row({code(f.from), code(f.to), esc(f.protocol), code(f.port), code(f.rule.str()),
                 esc(f.why)});
    }
    out_ += "<p>The Edge's names stand for every Edge pool: <code>edge-external-access</code>, "
            "<code>-webconf</code> and <code>-av</code> are its external services, "
            "<code>edge-internal</code> its internal interface. "
            "<code>lyncplan plan --format csv</code> writes this table as a spreadsheet.</p>\n" +
            table.html();
  }

  static std::string result_cell(const std::string& result, const std::string& detail) {
    return fmt::format("<span class=\"sev res-{0}\">{0}</span> {1}", esc(result), detail);
  }

  void clients() {
    Table table({"Domain", "Client", "Inside", "Outside"});
    std::map<std::pair<std::string, std::string>, std::array<std::string, 2>> cells;
    std::vector<std::pair<std::string, std::string>> order;
    for (const auto& o : *in_.outcomes) {
      const auto key = std::pair{o.domain, o.client};
      if (!cells.contains(key)) {
        order.push_back(key);
      }
      std::string detail = esc(discovery::to_string(o.via));
      if (o.server) {
        detail += " " + code(fmt::format("{}:{}", o.server->fqdn, o.server->port));
      }
      if (!o.reason.empty() && o.result != discovery::Result::connected) {
        detail += "<br><span class=\"muted\">" + esc(o.reason) + "</span>";
      }
      if (!o.served) {
        detail += "<br><span class=\"muted\">(this product does not sign this client in)</span>";
      }
      cells[key][o.from == discovery::Vantage::inside ? 0 : 1] =
          result_cell(discovery::to_string(o.result), detail);
    }
    for (const auto& key : order) {
      const auto& c = cells[key];
      table.row({code(key.first), esc(key.second), c[0], c[1]});
    }
    out_ += "<p>Every client's discovery from inside and outside over the plan's own DNS, as "
            "<code>lyncplan simulate</code> runs it.</p>\n" +
            table.html();
  }

  // What the plan's simulation says for the same case, to put beside the live result; said in
  // words where the two differ, so that a difference does not rest on colour alone.
  std::string planned(const std::string& domain, const CheckSignIn& live) const {
    if (in_.outcomes == nullptr) {
      return "";
    }
    for (const auto& o : *in_.outcomes) {
      if (o.domain == domain && o.client == live.client &&
          discovery::to_string(o.from) == live.from) {
        const std::string result = discovery::to_string(o.result);
        return result_cell(
            result, result == live.result ? "" : "<strong>differs from the live result</strong>");
      }
    }
    return "<span class=\"muted\">not planned</span>";
  }

  // The planned certificates that name `host` (subject or SAN, a wildcard SAN by its label), to
  // put beside the certificate a live endpoint presented.
  std::string planned_certificate(const std::string& host) const {
    const std::string name = to_lower(host);
    std::vector<std::string> ids;
    for (const auto& c : plan_.certificates) {
      bool names = to_lower(c.subject) == name;
      for (const auto& san : c.sans) {
        const std::string s = to_lower(san);
        names = names || s == name ||
                (s.starts_with("*.") && name.size() > s.size() - 1 && name.ends_with(s.substr(1)) &&
                 name.find('.') == name.size() - (s.size() - 1));
      }
      if (names) {
        ids.push_back(c.id);
      }
    }
    return ids.empty() ? "<span class=\"muted\">none names it</span>" : code(first_of(ids, 3));
  }

  void checks() {
    for (const auto& c : in_.checks) {
      out_ += "<h3>" + esc(c.file) + "</h3>\n<p class=\"muted\">Checked by lyncplan " +
              esc(c.version) + (c.drift ? "; live DNS compared with a plan" : "") + ".</p>\n";
      for (const auto& d : c.domains) {
        out_ += "<h4>Domain <code>" + esc(d.domain) + "</code></h4>\n";
        std::vector<std::string> headers = {"Client", "From", "Live", "Via", "Server", "Reason"};
        if (in_.outcomes != nullptr) {
          headers.push_back("Plan says");
        }
        Table sign_in(headers);
        for (const auto& s : d.sign_in) {
          std::vector<std::string> row = {esc(s.client), esc(s.from),    result_cell(s.result, ""),
                                          esc(s.via),    code(s.server), esc(s.reason)};
          if (in_.outcomes != nullptr) {
            row.push_back(planned(d.domain, s));
          }
          sign_in.row(std::move(row));
        }
        if (!sign_in.empty()) {
          out_ += sign_in.html("Sign-in");
        }
        Table endpoints({"Endpoint", "Address", "Purpose", "Outcome", "Certificate", "Expires",
                         "Problems", "Planned certificate"});
        for (const auto& e : d.endpoints) {
          endpoints.row(
              {code(fmt::format("{}:{}", e.name, e.port)), code(e.address), esc(e.purpose),
               esc(e.outcome) + (e.detail.empty()
                                     ? ""
                                     : "<br><span class=\"muted\">" + esc(e.detail) + "</span>"),
               e.has_certificate ? code(e.subject) + "<br><span class=\"muted\">" +
                                       esc(first_of(e.sans, 8)) + "</span>"
                                 : "none",
               esc(e.not_after), std::to_string(e.problems), planned_certificate(e.name)});
        }
        if (!endpoints.empty()) {
          out_ += endpoints.html("Endpoints reached");
        }
        Table walks({"From", "URL", "Verdict", "Side", "Message"});
        for (const auto& w : d.autodiscover) {
          walks.row({esc(w.from), code(w.url), esc(w.verdict), esc(w.side), esc(w.message)});
        }
        if (!walks.empty()) {
          out_ += walks.html("Autodiscover");
        }
        out_ +=
            "<p>Federation SRV: " +
            (d.federation_srv.empty() ? std::string("none") : code(join(d.federation_srv, "; "))) +
            ".</p>\n";
        findings_table(out_, d.findings);
      }
    }
  }

  const ReportInput& in_;
  const topology::Topology& t_;
  const plan::Plan& plan_;
  std::set<std::string, std::less<>> tenants_;
  std::vector<Finding> all_findings_;
  std::string out_;
};

} // namespace

std::string report_html(const ReportInput& input) {
  return Page(input).html();
}

} // namespace lyncplan::page
