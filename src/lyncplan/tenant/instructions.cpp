// Customer pages: one model of the page (sections of fields), written out as text or HTML, so
// that the two forms always say the same.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/tenant/instructions.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

namespace lyncplan::tenant {
namespace {

using plan::DnsRecord;
using plan::RrType;

struct Field {
  std::string label;
  std::string value;
};

struct RecordCard {
  std::string title; // "1. SRV record: how your users' clients find the sign-in server"
  std::vector<Field> fields;
  std::vector<std::string> checks; // commands that show it, and what they should show
};

struct Page {
  std::string title;
  std::vector<std::string> intro;
  std::vector<RecordCard> cards;
  std::vector<std::string> notes;
  std::string foot;
};

std::string purpose(const DnsRecord& r) {
  if (r.name.starts_with("_sip._tls.")) {
    return "your users' Lync and Skype for Business clients find the sign-in server";
  }
  if (r.name.starts_with("_sipfederationtls._tcp.")) {
    return "other organisations find you for federation (presence and IM between companies)";
  }
  if (r.name.starts_with("lyncdiscover.")) {
    return "mobile clients and the desktop clients of Lync 2013 and later find the service";
  }
  return "part of the service";
}

std::string ttl_text(std::uint32_t ttl) {
  return ttl % 3600 == 0 ? fmt::format("{} ({} hour{})", ttl, ttl / 3600, ttl == 3600 ? "" : "s")
                         : fmt::format("{} seconds", ttl);
}

RecordCard card_for(const DnsRecord& r, std::string_view tenant, int number) {
  RecordCard c;
  const std::string host = dns::relative_name(r.name, tenant);
  c.title = fmt::format("{}. {} record: {}", number, plan::to_string(r.type), purpose(r));
  c.fields.push_back({"Name (host)", host});
  c.fields.push_back({"Full name", r.name});
  c.fields.push_back({"Type", plan::to_string(r.type)});
  switch (r.type) {
  case RrType::SRV: {
    const auto dot = host.find('.');
    c.fields.push_back(
        {"Or in parts", fmt::format("Service {}, Protocol {}, Name @ (or empty: {} itself), if the "
                                    "panel asks for the parts",
                                    host.substr(0, dot), host.substr(dot + 1), tenant)});
    c.fields.push_back({"Priority", std::to_string(r.priority)});
    c.fields.push_back({"Weight", std::to_string(r.weight)});
    c.fields.push_back({"Port", std::to_string(r.port)});
    c.fields.push_back(
        {"Target", fmt::format("{} (some panels want the final dot: {}.)", r.value, r.value)});
    c.checks = {fmt::format("Windows: Resolve-DnsName -Type SRV {}", r.name),
                fmt::format("Windows: nslookup -type=SRV {}", r.name),
                fmt::format("Linux, macOS: dig +short SRV {}", r.name),
                fmt::format("shows: priority {}, weight {}, port {}, target {}", r.priority,
                            r.weight, r.port, r.value)};
    break;
  }
  case RrType::CNAME:
    c.fields.push_back({"Points to (alias of)",
                        fmt::format("{} (some panels want the final dot: {}.)", r.value, r.value)});
    c.checks = {fmt::format("Windows: Resolve-DnsName {}", r.name),
                fmt::format("Linux, macOS: dig +short CNAME {}", r.name),
                fmt::format("shows: {}", r.value)};
    break;
  case RrType::A:
  case RrType::AAAA:
    c.fields.push_back({"Address", r.value});
    c.checks = {
        fmt::format("Windows: Resolve-DnsName -Type {} {}", plan::to_string(r.type), r.name),
        fmt::format("Linux, macOS: dig +short {} {}", plan::to_string(r.type), r.name),
        fmt::format("shows: {}", r.value)};
    break;
  }
  c.fields.push_back({"TTL", ttl_text(r.ttl)});
  return c;
}

Page make_page(const TenantPlan& plan, std::string_view tenant, const PageOptions& o) {
  Page p;
  p.title = fmt::format("Lync / Skype for Business for {}, hosted by {}", tenant, plan.provider);
  int number = 0;
  for (const DnsRecord& r : plan.plan.dns) {
    if (r.zone == tenant) {
      p.cards.push_back(card_for(r, tenant, ++number));
    }
  }
  p.intro = {
      fmt::format("Your users sign in to the service of {} with addresses @{}. For their clients "
                  "to find it, and for other organisations to find you, publish these {} records "
                  "in the DNS of {} (at your registrar or DNS host). They point at {}'s servers; "
                  "nothing else of {} changes.",
                  plan.provider, tenant, p.cards.size() + (o.ownership.empty() ? 0 : 1), tenant,
                  plan.provider, tenant),
  };
  if (!o.ownership.empty()) {
    RecordCard c;
    c.title = fmt::format("{}. TXT record: proves to {} that {} is yours", ++number, plan.provider,
                          tenant);
    c.fields = {{"Name (host)", fmt::format("@ (or empty: {} itself)", tenant)},
                {"Full name", std::string(tenant)},
                {"Type", "TXT"},
                {"Value", o.ownership},
                {"TTL", ttl_text(3600)}};
    c.checks = {fmt::format("Windows: Resolve-DnsName -Type TXT {}", tenant),
                fmt::format("Linux, macOS: dig +short TXT {}", tenant),
                fmt::format("shows, among others: \"{}\"", o.ownership)};
    p.cards.push_back(std::move(c));
  }
  p.notes = {
      fmt::format("If {} already has records with these names (from an earlier Lync or Skype for "
                  "Business service, or Microsoft 365's sipdir.online.lync.com), replace them: "
                  "with two targets, clients sign in at either one.",
                  tenant),
      "Changes reach everyone once the TTL of the old record has passed (one hour for a record "
      "with TTL 3600); the checks above show what the world sees now.",
      fmt::format("The first time they sign in, Lync 2010 and later clients may ask whether to "
                  "trust the server of {}: the certificate names {}, not {}. That is expected for "
                  "a hosted service; your administrator can remove the question for good (ask "
                  "{} for the TrustModelData setting).",
                  plan.provider, plan.provider, tenant, plan.provider),
  };
  p.foot = o.version.empty() ? "Written by lyncplan." : "Written by lyncplan " + o.version + ".";
  return p;
}

constexpr std::size_t kTextWidth = 78; // what a mail client shows without breaking lines

constexpr std::string_view kStyle =
    "body{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;"
    "line-height:1.45;color:#1b1b1b;background:#fff}"
    "h1{font-size:1.5em}h2{font-size:1.1em;margin-top:1.8em}"
    "table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;"
    "padding:.3em .6em;border-bottom:1px solid #ccc}th{width:14em;font-weight:600}"
    "code{font-family:ui-monospace,monospace;background:#f2f2f2;padding:0 .2em}"
    "@media (prefers-color-scheme:dark){body{color:#e8e8e8;background:#161616}"
    "code{background:#2a2a2a}th,td{border-color:#444}}"
    "@media print{h2{break-after:avoid}table{break-inside:avoid}}";

} // namespace

std::string ownership_token(std::string_view secret, std::string_view provider,
                            std::string_view tenant) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  const std::string message = fmt::format("{}\n{}", provider, tenant);
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &length);
  std::string hex;
  for (unsigned int i = 0; i < 16 && i < length; ++i) {
    hex += fmt::format("{:02x}", mac[i]);
  }
  return fmt::format("{}-verification={}", provider, hex);
}

std::string instructions_text(const TenantPlan& plan, std::string_view tenant,
                              const PageOptions& options) {
  const Page p = make_page(plan, tenant, options);
  std::string out = p.title + "\n" + std::string(p.title.size(), '=') + "\n\n";
  for (const std::string& line : p.intro) {
    out += wrap(line, kTextWidth) + "\n\n";
  }
  for (const RecordCard& c : p.cards) {
    out += wrap(c.title, kTextWidth, "   ") + "\n";
    for (const Field& f : c.fields) {
      out += fmt::format("   {:<13} {}\n", f.label + ":",
                         wrap(f.value, kTextWidth - 17, std::string(17, ' ')));
    }
    out += "   Check:\n";
    for (const std::string& check : c.checks) {
      out += "     " + check + "\n";
    }
    out += "\n";
  }
  out += "Good to know\n";
  for (const std::string& note : p.notes) {
    out += "- " + wrap(note, kTextWidth - 2, "  ") + "\n";
  }
  return out + "\n" + p.foot + "\n";
}

std::string instructions_html(const TenantPlan& plan, std::string_view tenant,
                              const PageOptions& options) {
  const Page p = make_page(plan, tenant, options);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + escape_markup(p.title) + "</title>\n<style>" + std::string(kStyle) +
         "</style>\n</head>\n<body>\n<main>\n";
  out += "<h1>" + escape_markup(p.title) + "</h1>\n";
  for (const std::string& line : p.intro) {
    out += "<p>" + escape_markup(line) + "</p>\n";
  }
  for (const RecordCard& c : p.cards) {
    out += "<section>\n<h2>" + escape_markup(c.title) + "</h2>\n<table>\n";
    for (const Field& f : c.fields) {
      out += "<tr><th scope=\"row\">" + escape_markup(f.label) + "</th><td><code>" +
             escape_markup(f.value) + "</code></td></tr>\n";
    }
    out += "</table>\n<p>Check:</p>\n<ul>\n";
    for (const std::string& check : c.checks) {
      out += "<li><code>" + escape_markup(check) + "</code></li>\n";
    }
    out += "</ul>\n</section>\n";
  }
  out += "<section>\n<h2>Good to know</h2>\n<ul>\n";
  for (const std::string& note : p.notes) {
    out += "<li>" + escape_markup(note) + "</li>\n";
  }
  out += "</ul>\n</section>\n</main>\n<footer><p>" + escape_markup(p.foot) +
         "</p></footer>\n</body>\n</html>\n";
  return out;
}

} // namespace lyncplan::tenant
