// The Management Shell script of `certs request` (one block per server, each run on its own
// server) and index.txt. Cmdlet facts: Microsoft's Request-, Import- and Set-CsCertificate pages
// (https://learn.microsoft.com/powershell/module/skype/request-cscertificate and siblings).
#include <lyncplan/certs/windows_script.hpp>
#include <lyncplan/topology/products.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>

namespace lyncplan::certs {
namespace {

// Request-CsCertificate's parameter for each subject field.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSubjectParameters = {{
    {"C", "-Country"},
    {"ST", "-State"},
    {"L", "-City"},
    {"O", "-Organization"},
    {"OU", "-OU"},
}};

// Request-CsCertificate's documented -KeySize values.
constexpr std::array kCmdletKeySizes = {1024, 2048, 4096};

// "'Default','WebServicesInternal'": quoted, which PowerShell reads like the bare words of
// Microsoft's examples and the grammar of the script test accepts.
std::string type_list(const plan::Certificate& c) {
  std::vector<std::string> items;
  for (const auto& u : c.usages) {
    items.push_back(powershell_quoted(u));
  }
  return join(items, ",");
}

// "@('Default','WebServicesInternal')": the same as a function argument.
std::string type_array(const plan::Certificate& c) {
  return "@(" + type_list(c) + ")";
}

bool is_oauth(const plan::Certificate& c) {
  return c.usages == std::vector<std::string>{"OAuthTokenIssuer"};
}

// A certificate whose one key serves several servers: requested on the first, exported with its
// key and imported on the others (an Edge pool). The OAuth certificate is shared by replication.
bool carried_by_pfx(const plan::Certificate& c) {
  return c.exportable_key && c.servers.size() > 1 && !is_oauth(c);
}

// Whether every sip.<domain> of the topology is a SAN: -AllSipDomain then adds them.
bool names_every_sip_domain(const plan::Certificate& c, const topology::Topology& t) {
  return !t.sip_domains.empty() &&
         std::all_of(t.sip_domains.begin(), t.sip_domains.end(), [&](const std::string& d) {
           return std::find(c.sans.begin(), c.sans.end(), "sip." + d) != c.sans.end();
         });
}

std::string request_line(const plan::Certificate& c, const topology::Topology& t,
                         const KeySpec& key) {
  const bool all_sip = topology::product_facts(t.product).all_sip_domain &&
                       t.sip_domains.size() > 1 && names_every_sip_domain(c, t);
  // Request-CsCertificate puts the subject and the topology's names on the request itself;
  // -DomainName adds the other planned SANs, -AllSipDomain sip.<domain> of every SIP domain.
  std::vector<std::string> others;
  for (const auto& san : c.sans) {
    const bool sip_name =
        all_sip && san.starts_with("sip.") &&
        std::find(t.sip_domains.begin(), t.sip_domains.end(), san.substr(4)) != t.sip_domains.end();
    if (san != c.subject && !sip_name) {
      others.push_back(san);
    }
  }
  std::string line =
      fmt::format("Request-CsCertificate -New -Type {} -FriendlyName {} -KeySize {}", type_list(c),
                  powershell_quoted("lyncplan " + c.id), cmdlet_key_size(key.rsa_bits));
  if (c.role != "edge" && !is_oauth(c) && !c.servers.empty()) {
    line += fmt::format(" -ComputerFqdn {}", powershell_quoted(c.servers.front()));
  }
  if (!others.empty()) {
    line += fmt::format(" -DomainName {}", powershell_quoted(join(others, ",")));
  }
  if (all_sip) {
    line += " -AllSipDomain";
  }
  for (const auto& [attribute, value] : c.subject_fields) {
    for (const auto& [field, parameter] : kSubjectParameters) {
      if (attribute == field) {
        line += fmt::format(" {} {}", parameter, powershell_quoted(value));
      }
    }
  }
  line += fmt::format(" -PrivateKeyExportable ${}", c.exportable_key ? "true" : "false");
  if (c.client_eku) {
    line += " -ClientEku $true";
  }
  return line + fmt::format(" -Output (Join-Path $Folder {})", powershell_quoted(c.id + ".req"));
}

// What one server does at each step.
struct ServerWork {
  std::vector<std::string> request, assign, exported;
  std::vector<std::string> roles;
};

std::map<std::string, ServerWork> work_per_server(const plan::Plan& plan,
                                                  const topology::Topology& t, const KeySpec& key,
                                                  std::vector<std::string>& order) {
  std::map<std::string, ServerWork> work;
  auto at = [&](const std::string& server) -> ServerWork& {
    if (std::find(order.begin(), order.end(), server) == order.end()) {
      order.push_back(server);
    }
    return work[server];
  };
  for (const auto& c : plan.certificates) {
    if (c.usages.empty() || c.servers.empty()) {
      continue;
    }
    ServerWork& first = at(c.servers.front());
    first.request.push_back(request_line(c, t, key));
    first.assign.push_back(fmt::format("Complete-LyncCertificate {} {}{}", powershell_quoted(c.id),
                                       type_array(c), is_oauth(c) ? " -Global" : ""));
    const std::string role = c.role + " " + c.interface;
    if (std::find(first.roles.begin(), first.roles.end(), role) == first.roles.end()) {
      first.roles.push_back(role);
    }
    if (!carried_by_pfx(c)) {
      continue;
    }
    first.exported.push_back(fmt::format("Export-LyncPfx {}", powershell_quoted(c.id)));
    for (std::size_t i = 1; i < c.servers.size(); ++i) {
      ServerWork& other = at(c.servers[i]);
      other.assign.push_back(
          fmt::format("Import-LyncPfx {} {}", powershell_quoted(c.id), type_array(c)));
      if (std::find(other.roles.begin(), other.roles.end(), role) == other.roles.end()) {
        other.roles.push_back(role);
      }
    }
  }
  return work;
}

std::string source_name(const topology::Topology& t) {
  return t.source.empty() ? "a topology"
                          : comment_safe(std::filesystem::path(t.source).filename().string());
}

constexpr std::string_view kScriptBody = R"(#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
  [Parameter(Mandatory = $true)][ValidateSet('Request', 'Assign', 'Export')][string]$Step,
  [string]$Folder = $PSScriptRoot,
  [string]$Server = ([System.Net.Dns]::GetHostEntry($env:COMPUTERNAME).HostName),
  [SecureString]$PfxPassword
)
Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
if ($null -eq (Get-Command Request-CsCertificate -ErrorAction SilentlyContinue)) {
  throw 'Request-CsCertificate is not here: run this in the Lync Server or Skype for Business Server Management Shell'
}
# Every -Output and -Path below is absolute: the folder as a full path.
$Folder = (Resolve-Path -LiteralPath $Folder).ProviderPath
$script:Matched = $false

function Test-ThisServer([string]$Fqdn) {
  if ($Server -ne $Fqdn) { return $false }
  $script:Matched = $true
  return $true
}

# What the CA issued for <id>.req: the server's certificate alone, as <id>.cer or <id>.crt.
function Get-IssuedFile([string]$Id) {
  foreach ($extension in '.cer', '.crt') {
    $path = Join-Path $Folder ($Id + $extension)
    if (Test-Path -LiteralPath $path) { return $path }
  }
  throw ('{0}: no issued certificate in {1}: save what the CA issued for {0}.req there as {0}.cer' -f $Id, $Folder)
}

function Get-Thumbprint([string]$Path) {
  (New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 $Path).Thumbprint
}

# The issued certificate completes this server's pending request, then serves its types.
function Complete-LyncCertificate([string]$Id, [string[]]$Types, [switch]$Global) {
  $file = Get-IssuedFile $Id
  $thumbprint = Get-Thumbprint $file
  if (-not $PSCmdlet.ShouldProcess($Id, ('import {0} and assign it as {1}' -f $file, ($Types -join ',')))) { return }
  Import-CsCertificate -Path $file
  $installed = Get-Item -LiteralPath ('Cert:\LocalMachine\My\{0}' -f $thumbprint)
  if (-not $installed.HasPrivateKey) {
    throw ('{0}: the issued certificate has no private key here: it answers a request made on another computer' -f $Id)
  }
  if ($Global) {
    # Once for the deployment: replication puts it on every Front End and Director.
    Set-CsCertificate -Identity Global -Type $Types -Thumbprint $thumbprint
  } else {
    Set-CsCertificate -Type $Types -Thumbprint $thumbprint
  }
  Write-Host ('assigned {0} ({1}) as {2}' -f $Id, $thumbprint, ($Types -join ','))
}

# The first server of a pool that shares one key writes it, with the certificate, for the others.
function Export-LyncPfx([string]$Id) {
  if ($null -eq $PfxPassword) { throw '-PfxPassword is needed to protect the exported key' }
  $thumbprint = Get-Thumbprint (Get-IssuedFile $Id)
  $pfx = Join-Path $Folder ($Id + '.pfx')
  if (-not $PSCmdlet.ShouldProcess($Id, ('export with its private key to {0}' -f $pfx))) { return }
  Export-PfxCertificate -Cert ('Cert:\LocalMachine\My\{0}' -f $thumbprint) -FilePath $pfx -Password $PfxPassword | Out-Null
  Write-Host ('exported {0} to {1}: copy it to the other servers of the pool' -f $Id, $pfx)
}

# The other servers of that pool import the exported key and certificate, then assign it.
function Import-LyncPfx([string]$Id, [string[]]$Types) {
  $pfx = Join-Path $Folder ($Id + '.pfx')
  if (-not (Test-Path -LiteralPath $pfx)) {
    throw ('{0}: {1} is missing: run -Step Export on the server that requested it and copy the file here' -f $Id, $pfx)
  }
  if ($null -eq $PfxPassword) { throw '-PfxPassword is needed to read the exported key' }
  $thumbprint = (New-Object System.Security.Cryptography.X509Certificates.X509Certificate2 $pfx, $PfxPassword).Thumbprint
  if (-not $PSCmdlet.ShouldProcess($Id, ('import {0} and assign it as {1}' -f $pfx, ($Types -join ',')))) { return }
  $password = (New-Object System.Net.NetworkCredential '', $PfxPassword).Password
  Import-CsCertificate -Path $pfx -Password $password -PrivateKeyExportable $true
  Set-CsCertificate -Type $Types -Thumbprint $thumbprint
  Write-Host ('assigned {0} ({1}) as {2}' -f $Id, $thumbprint, ($Types -join ','))
}
)";

std::string why_two_paths() {
  return "Two ways lead to the same certificates; take one per certificate, never both: each\n"
         "makes its own key, and a certificate only works with the key its request came from.\n";
}

} // namespace

int cmdlet_key_size(int rsa_bits) {
  for (int size : kCmdletKeySizes) {
    if (size >= rsa_bits) {
      return size;
    }
  }
  return kCmdletKeySizes.back();
}

std::optional<std::string> windows_script(const plan::Plan& plan,
                                          const topology::Topology& topology, const KeySpec& key,
                                          std::string_view version) {
  if (!topology::product_facts(topology.product).management_shell || key.ec()) {
    return std::nullopt; // no cmdlets, or keys Request-CsCertificate cannot make (RSA only)
  }
  std::vector<std::string> order;
  const auto work = work_per_server(plan, topology, key, order);
  std::string out;
  auto to = std::back_inserter(out);
  fmt::format_to(
      to,
      "<#\n.SYNOPSIS\nThe Lync certificates lyncplan planned from {0}: requested, imported and "
      "assigned\non each server with the Management Shell.\n\n.DESCRIPTION\nWritten by {1} "
      "from {0} as {2}.\n{3}This script is the Windows way: Request-CsCertificate makes each key "
      "on the server that\nruns it, so the key never leaves it; the .key and .csr files beside "
      "it are the OpenSSL way\n(index.txt). Copy this folder to every server below and run, in "
      "the Lync Server or Skype\nfor Business Server Management Shell, as a member of "
      "RTCUniversalServerAdmins:\n"
      "  1. .\\{2} -Step Request   # offline requests: <id>.req in this folder\n"
      "  2. have the CA issue each request; save the server certificate beside it as <id>.cer\n"
      "  3. .\\{2} -Step Assign    # Import-CsCertificate, then Set-CsCertificate\n"
      "Each server does its own part: it finds itself by its FQDN (-Server overrides).\n"
      "Request-CsCertificate builds the subject and SANs from the published topology; "
      "-DomainName\nonly adds names to them, so publish the topology first, and run `lyncplan "
      "certs verify` on\nwhat the CA issued before step 3.\n",
      source_name(topology), version.empty() ? "lyncplan" : "lyncplan " + std::string(version),
      kWindowsScriptName, why_two_paths());
  if (std::any_of(plan.certificates.begin(), plan.certificates.end(), carried_by_pfx)) {
    out += "A pool that shares one key (an Edge pool): its first server requests and assigns, "
           "then\n  .\\" +
           std::string(kWindowsScriptName) +
           " -Step Export -PfxPassword (Read-Host -AsSecureString)\nwrites <id>.pfx; copy it to "
           "the pool's other servers and run -Step Assign -PfxPassword there.\n";
  }
  if (cmdlet_key_size(key.rsa_bits) != key.rsa_bits) {
    fmt::format_to(to,
                   "Keys: Request-CsCertificate documents -KeySize 1024, 2048 and 4096 only, so "
                   "these\nrequests use {} bits where the OpenSSL keys have {}.\n",
                   cmdlet_key_size(key.rsa_bits), key.rsa_bits);
  }
  out += kScriptBody;
  for (const std::string& server : order) {
    const ServerWork& w = work.at(server);
    fmt::format_to(to, "\n# ---- {} ({})\nif (Test-ThisServer {}) {{\n", server,
                   join(w.roles, ", "), powershell_quoted(server));
    const std::pair<std::string_view, const std::vector<std::string>*> steps[] = {
        {"Request", &w.request}, {"Assign", &w.assign}, {"Export", &w.exported}};
    for (const auto& [step, lines] : steps) {
      if (lines->empty()) {
        continue;
      }
      fmt::format_to(to, "  if ($Step -eq '{}') {{\n", step);
      for (const auto& line : *lines) {
        fmt::format_to(to, "    {}\n", line);
      }
      out += "  }\n";
    }
    out += "}\n";
  }
  std::vector<std::string> elsewhere;
  for (const auto& c : plan.certificates) {
    if (c.usages.empty()) {
      elsewhere.push_back(c.id);
    }
  }
  if (!elsewhere.empty()) {
    fmt::format_to(
        to, "\n# Not Lync servers, so not here: {}. They take the OpenSSL way (index.txt).\n",
        join(elsewhere, ", "));
  }
  fmt::format_to(to,
                 "\nif (-not $script:Matched) {{\n  throw ('{{0}} is none of the servers this plan "
                 "has certificates for ({}); give -Server with the FQDN' -f $Server)\n}}\n",
                 join(order, ", "));
  return out;
}

std::string request_index(const plan::Plan& plan, const topology::Topology& topology,
                          const KeySpec& key) {
  const topology::ProductFacts& facts = topology::product_facts(topology.product);
  std::string out;
  auto to = std::back_inserter(out);
  fmt::format_to(to, "# lyncplan certificates for {} ({} certificates)\n\n{}\n",
                 source_name(topology), plan.certificates.size(), why_two_paths());
  if (facts.management_shell && key.ec()) {
    fmt::format_to(to,
                   "A. The Windows way (Request-CsCertificate) makes RSA keys only: with these {} "
                   "keys every\n   certificate takes way B, and no {} is written.\n\n",
                   key.text(), kWindowsScriptName);
  } else if (facts.management_shell) {
    fmt::format_to(
        to,
        "A. The Windows way, for the Lync servers: {0}\n"
        "   Request-CsCertificate makes the key on the server that runs it (the .key/.csr here "
        "are\n   then not used). On every server named below, in the Management Shell:\n"
        "     1. .\\{0} -Step Request\n"
        "     2. have the CA issue each <id>.req; save the certificate as <id>.cer beside it\n"
        "     3. .\\{0} -Step Assign\n"
        "   An Edge pool's first server then runs -Step Export (a .pfx for the other Edge "
        "servers).\n\n",
        kWindowsScriptName);
  } else {
    fmt::format_to(
        to,
        "A. {} has no certificate cmdlets (Request-CsCertificate\n"
        "   came with Lync Server 2010): on each server run the Certificate Wizard of the "
        "Deployment\n   Wizard, which makes the key there, or take way B and import <id>.pfx into "
        "the computer's\n   Personal store, then assign it in the Certificate Wizard.\n\n",
        facts.display_name);
  }
  fmt::format_to(
      to,
      "B. The OpenSSL way, for any server (the reverse proxy and Office Web Apps always): send\n"
      "   <id>.csr to the CA (<id>.cnf remakes it), save the certificate as <id>.crt, then\n"
      "     openssl pkcs12 -export -inkey <id>.key -in <id>.crt -certfile chain.pem -out "
      "<id>.pfx\n"
      "   and copy <id>.pfx to the server{}.\n\n",
      facts.management_shell
          ? ", where\n     Import-CsCertificate -Path C:\\certs\\<id>.pfx -Password <password> "
            "-PrivateKeyExportable $true\n     Set-CsCertificate -Type <types> -Thumbprint "
            "<thumbprint>\n   install and assign it (the types are listed below)"
          : "");
  if (cmdlet_key_size(key.rsa_bits) != key.rsa_bits && facts.management_shell && !key.ec()) {
    fmt::format_to(to,
                   "Keys: the OpenSSL keys have {} bits; Request-CsCertificate documents -KeySize "
                   "1024, 2048\nand 4096 only, so the Windows way asks for {}.\n\n",
                   key.rsa_bits, cmdlet_key_size(key.rsa_bits));
  }
  for (const auto& c : plan.certificates) {
    fmt::format_to(to,
                   "{}\n  role      {} {}\n  servers   {}\n  subject   {}\n  SANs      {}\n"
                   "  CA        {}; key {}; EKU {}; at least {} bits (RSA)\n"
                   "  files     {}.key (0600), {}.csr, {}.cnf\n",
                   c.id, c.role, c.interface, join(c.servers, ", "), c.subject,
                   c.sans.empty() ? std::string("(none)") : join(c.sans, ", "), c.ca,
                   c.exportable_key ? "exportable (shared by every server)" : "not exportable",
                   c.client_eku ? "server, client" : "server", c.min_key_bits, c.id, c.id, c.id);
    if (c.usages.empty()) {
      out += "  assign    not a Lync server: install <id>.key and <id>.crt where it runs\n";
    } else if (!facts.management_shell) {
      out += "  assign    the Certificate Wizard on each server named\n";
    } else if (is_oauth(c)) {
      fmt::format_to(to,
                     "  assign    once for the deployment, on {}: Set-CsCertificate -Identity "
                     "Global -Type OAuthTokenIssuer -Thumbprint <thumbprint>\n",
                     c.servers.front());
    } else {
      fmt::format_to(to, "  assign    Set-CsCertificate -Type {} -Thumbprint <thumbprint>\n",
                     join(c.usages, ","));
    }
    fmt::format_to(to, "  why       {} [{}]\n\n", c.why, c.rule);
  }
  return out;
}

} // namespace lyncplan::certs
