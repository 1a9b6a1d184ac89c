// The forms of a tenant's steps. DNS forms are made from the tenants' planned records only;
// adding makes each planned name hold exactly the planned records, removing deletes exactly
// the planned records (pdnsutil: the planned record sets) and nothing else.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/tenant/steps.hpp>
#include <lyncplan/topology/products.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace lyncplan::tenant {
namespace {

using plan::DnsRecord;
using plan::RrType;

constexpr std::array kForms = {
    StepForm{"zone", "master-file lines for each tenant's zone (to merge, or to delete)"},
    StepForm{"nsupdate", "an nsupdate script (RFC 2136): one update per tenant zone"},
    StepForm{"pdns", "pdnsutil commands for PowerDNS (any backend pdnsutil writes to)"},
    StepForm{"powershell", "a Windows DNS Server script: reads first, then adds or removes"},
    StepForm{"lync", "Lync Server Management Shell lines: the SIP domain and its meeting URL"},
};

std::string_view verb(Change c) {
  return c == Change::add ? "add" : "remove";
}

std::string tenant_list(const TenantPlan& plan) {
  std::string out;
  for (const std::string& t : plan.tenants) {
    out += out.empty() ? t : ", " + t;
  }
  return out;
}

std::string header(const TenantPlan& plan, const StepOptions& o, std::string_view comment) {
  return fmt::format("{0} lyncplan{1} tenant {2}: {3}, hosted by {4} ({5})\n", comment,
                     o.version.empty() ? "" : " " + o.version, verb(o.change), tenant_list(plan),
                     plan.provider, o.source.empty() ? "a topology" : o.source);
}

using render::master_data;

// The records of one zone at a time, in the plan's order.
template <typename Each> void per_zone(const TenantPlan& plan, Each each) {
  const auto& dns = plan.plan.dns;
  for (std::size_t begin = 0; begin < dns.size();) {
    std::size_t end = begin;
    while (end < dns.size() && dns[end].zone == dns[begin].zone) {
      ++end;
    }
    each(dns[begin].zone, std::span<const DnsRecord>(dns.data() + begin, end - begin));
    begin = end;
  }
}

// The distinct owner names of a zone's records, in order.
std::vector<std::string> owners(std::span<const DnsRecord> records) {
  std::vector<std::string> out;
  for (const DnsRecord& r : records) {
    if (std::find(out.begin(), out.end(), r.name) == out.end()) {
      out.push_back(r.name);
    }
  }
  return out;
}

Steps zone_form(const TenantPlan& plan, const StepOptions& o) {
  Steps s;
  s.text = header(plan, o, ";");
  per_zone(plan, [&](const std::string& zone, std::span<const DnsRecord> records) {
    if (o.change == Change::add) {
      s.text += fmt::format(";\n; zone {}: merge these records into it, or serve them as the zone "
                            "with your own SOA and NS\n$ORIGIN {}.\n",
                            zone, zone);
      for (const DnsRecord& r : records) {
        render::append_zone_record(s.text, r);
      }
      return;
    }
    s.text +=
        fmt::format(";\n; zone {}: delete these records from it (the whole zone when it holds "
                    "nothing else)\n",
                    zone);
    for (const DnsRecord& r : records) {
      s.text += fmt::format(";   {}.\t{}\tIN\t{}\t{}\n", r.name, r.ttl, plan::to_string(r.type),
                            master_data(r));
    }
  });
  return s;
}

Steps nsupdate_form(const TenantPlan& plan, const StepOptions& o) {
  Steps s;
  s.text = header(plan, o, ";");
  s.text +=
      fmt::format("; run on a host the primary accepts updates from: nsupdate -k KEYFILE {}\n",
                  o.output_name.empty() ? "FILE" : o.output_name);
  s.text += o.change == Change::add
                ? "; each name below is made to hold exactly the planned records: what it held "
                  "before\n; (of any type) is deleted in the same update, so a rerun changes "
                  "nothing.\n"
                : "; only the planned records are deleted; other records of these names stay.\n";
  if (!o.server.empty()) {
    s.text += "server " + o.server + "\n";
  }
  per_zone(plan, [&](const std::string& zone, std::span<const DnsRecord> records) {
    s.text += fmt::format("zone {}.\n", zone);
    if (o.change == Change::add) {
      for (const std::string& owner : owners(records)) {
        s.text += fmt::format("update delete {}.\n", owner);
      }
      for (const DnsRecord& r : records) {
        s.text += fmt::format("update add {}. {} IN {} {}\n", r.name, r.ttl,
                              plan::to_string(r.type), master_data(r));
      }
    } else {
      for (const DnsRecord& r : records) {
        s.text += fmt::format("update delete {}. IN {} {}\n", r.name, plan::to_string(r.type),
                              master_data(r));
      }
    }
    s.text += "send\n";
  });
  return s;
}

// A single-quoted shell word (the values are checked names and addresses; quoted anyway).
std::string shell_word(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

Steps pdns_form(const TenantPlan& plan, const StepOptions& o) {
  Steps s;
  s.text = "#!/bin/sh\n" + header(plan, o, "#");
  s.text += "# Run where pdnsutil reaches the PowerDNS backend; PDNSUTIL may name another "
            "command,\n# e.g. PDNSUTIL='pdnsutil --config-dir=/etc/powerdns/hosting'.\n";
  s.text += o.change == Change::add
                ? "# A zone that does not exist is created (add its NS records, or let the "
                  "default SOA\n# and NS settings of PowerDNS fill them); each planned record set "
                  "is replaced whole.\n"
                : "# The planned record sets are deleted (they are the tenant's Lync records); "
                  "the zone stays.\n";
  s.text += "set -eu\npdnsutil=${PDNSUTIL:-pdnsutil}\n";
  per_zone(plan, [&](const std::string& zone, std::span<const DnsRecord> records) {
    s.text += fmt::format("\n# {}\n", zone);
    if (o.change == Change::add) {
      s.text +=
          fmt::format("$pdnsutil list-zone {0} >/dev/null 2>&1 || $pdnsutil create-zone {0}\n",
                      shell_word(zone));
    }
    // One command per record set: its records together.
    for (std::size_t i = 0; i < records.size();) {
      std::size_t j = i;
      std::string contents;
      while (j < records.size() && records[j].name == records[i].name &&
             records[j].type == records[i].type) {
        contents += " " + shell_word(master_data(records[j]));
        ++j;
      }
      const DnsRecord& r = records[i];
      const std::string name = shell_word(dns::relative_name(r.name, zone));
      if (o.change == Change::add) {
        s.text += fmt::format("$pdnsutil replace-rrset {} {} {} {}{}\n", shell_word(zone), name,
                              plan::to_string(r.type), r.ttl, contents);
      } else {
        s.text += fmt::format("$pdnsutil delete-rrset {} {} {}\n", shell_word(zone), name,
                              plan::to_string(r.type));
      }
      i = j;
    }
  });
  return s;
}

Expected<Steps, std::string>
powershell_form(const TenantPlan& plan, const topology::Topology& topology, const StepOptions& o) {
  render::Options options;
  options.version = o.version;
  options.output_name =
      o.output_name.empty() ? fmt::format("tenant-{}-dns.ps1", verb(o.change)) : o.output_name;
  const render::Input input{plan.plan, topology, options};
  auto out = o.change == Change::add ? render::render_powershell(input)
                                     : render::render_powershell_removal(input);
  if (!out) {
    return unexpected(out.error());
  }
  Steps s;
  s.text = std::move(out->text);
  return s;
}

Expected<Steps, std::string> lync_form(const TenantPlan& plan, const topology::Topology& topology,
                                       const StepOptions& o) {
  const auto& facts = topology::product_facts(topology.product);
  if (!facts.management_shell) {
    return unexpected(fmt::format(
        "{} has no Management Shell: add the tenant's SIP domain in the OCS snap-in (Forest "
        "properties, SIP domains); the DNS forms still apply",
        facts.display_name));
  }
  Steps s;
  s.text = header(plan, o, "#");
  s.text += fmt::format("# In the {} Management Shell, as a member of RTCUniversalServerAdmins.\n",
                        facts.display_name);
  s.text += "# Sources: https://learn.microsoft.com/powershell/module/skypeforbusiness/"
            "new-cssipdomain\n#          https://learn.microsoft.com/powershell/module/"
            "skypeforbusiness/set-cssimpleurlconfiguration\n";
  s.text += "# Simple URL changes take effect once Enable-CsComputer has run on every Front End "
            "Server\n# and Director (it rewrites their IIS sites); the DNS and certificates do "
            "not change.\n";
  s.text += "Set-StrictMode -Version 3\n$ErrorActionPreference = 'Stop'\n";
  if (plan.meet_host.empty()) {
    s.warnings.push_back(fmt::format(
        "simple URL option {} needs a meet name and a certificate SAN per tenant; hosting uses "
        "option 3 (https://<host>/<tenant>/Meet): no meeting URL is written",
        topology.simple_urls.option));
  }
  for (const std::string& tenant : plan.tenants) {
    const std::string url = plan.meet_host.empty()
                                ? std::string()
                                : fmt::format("https://{}/{}/Meet", plan.meet_host, tenant);
    s.text += fmt::format("\n# {}\n", tenant);
    if (o.change == Change::add) {
      s.text += fmt::format("if (-not (Get-CsSipDomain -Filter {0})) {{ New-CsSipDomain -Identity "
                            "{0} }}\n",
                            powershell_quoted(tenant));
      if (!url.empty()) {
        s.text += fmt::format(
            "$entry = New-CsSimpleUrlEntry -Url {0}\n"
            "$meet = New-CsSimpleUrl -Component 'meet' -Domain {1} -SimpleUrlEntry $entry "
            "-ActiveUrl {0}\n"
            "$have = @((Get-CsSimpleUrlConfiguration -Identity 'Global').SimpleUrl | "
            "Where-Object {{ $_.Component -eq 'meet' -and $_.Domain -eq {1} }})\n"
            "if ($have.Count -eq 0) {{ Set-CsSimpleUrlConfiguration -Identity 'Global' "
            "-SimpleUrl @{{Add = $meet}} }}\n",
            powershell_quoted(url), powershell_quoted(tenant));
      }
    } else {
      if (!plan.meet_host.empty()) {
        s.text += fmt::format(
            "$have = @((Get-CsSimpleUrlConfiguration -Identity 'Global').SimpleUrl | "
            "Where-Object {{ $_.Component -eq 'meet' -and $_.Domain -eq {0} }})\n"
            "foreach ($url in $have) {{ Set-CsSimpleUrlConfiguration -Identity 'Global' "
            "-SimpleUrl @{{Remove = $url}} }}\n",
            powershell_quoted(tenant));
      }
      s.text += fmt::format("# users of {0} must be moved or disabled first: "
                            "Get-CsUser -Filter {{SipAddress -like '*@{0}'}}\n"
                            "if (Get-CsSipDomain -Filter {1}) {{ Remove-CsSipDomain -Identity {1} "
                            "-Force }}\n",
                            tenant, powershell_quoted(tenant));
    }
  }
  s.text += "\n# then, on every Front End Server and Director: Enable-CsComputer\n";
  return s;
}

} // namespace

std::span<const StepForm> step_forms() {
  return kForms;
}

Expected<Steps, std::string> render_steps(const TenantPlan& plan,
                                          const topology::Topology& topology, std::string_view form,
                                          const StepOptions& options) {
  if (form == "zone") {
    return zone_form(plan, options);
  }
  if (form == "nsupdate") {
    return nsupdate_form(plan, options);
  }
  if (form == "pdns") {
    return pdns_form(plan, options);
  }
  if (form == "powershell") {
    return powershell_form(plan, topology, options);
  }
  if (form == "lync") {
    return lync_form(plan, topology, options);
  }
  return unexpected(fmt::format("no step form '{}'", form));
}

} // namespace lyncplan::tenant
