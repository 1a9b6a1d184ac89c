// Renderers turn one Plan into one output format; the registry table maps --format to them.
#pragma once

#include <lyncplan/plan/plan.hpp>
#include <lyncplan/topology/model.hpp>
#include <lyncplan/util/expected.hpp>

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::render {

// How a reverse proxy carries a client's requests to the pool (the proxy renderers' table in
// render/proxy_model.cpp says which mode each proxy takes by default and why).
enum class ProxyMode {
  automatic, // the proxy's default: the mode in which it keeps authentication per connection
  http,      // terminate HTTP, route by Host
  tcp,       // terminate TLS, route by SNI, one backend connection per client connection
};

struct Options {
  bool color = false; // ANSI colour (the CLI decides: only on a terminal)
  // Reverse-proxy renderers: where the certificates are (as `certs request` names them), the
  // local address:port each public address:port is bound to (NAT in front of the proxy), and the
  // address:port each backend host:port is reached at (a proxy that cannot resolve pool names).
  std::string cert_dir = "/etc/lyncplan/certs";
  std::map<std::string, std::string> bind;
  std::map<std::string, std::string> backend;
  ProxyMode proxy_mode = ProxyMode::automatic;
  std::string version;     // "0.1.0 (abc1234)", named in scripts' headers; empty in golden files
  std::string output_name; // the file the text goes to (-o), which a script names in its usage
  // The zones' SOA serial when the topology's dns: section gives none (the CLI: the input's
  // modification time, which grows with every change); 0: none.
  std::uint32_t zone_serial = 0;
  // Zone output: the DNS servers to write a configuration for (render/zone_servers.hpp), and
  // the folder in which those servers find the zone files (the CLI: -o made absolute).
  std::vector<std::string> zone_servers;
  std::string zone_dir;
  // nsupdate and pdns output: the view the updates go to (a view has its own server); unset:
  // the external view when the plan has one.
  std::optional<plan::View> view;
};

struct File {
  std::string path; // relative to the output folder
  std::string content;
};

// A renderer produces either text for stdout or a set of files for an output folder, and
// warnings the CLI prints to stderr (what the output cannot do).
struct Output {
  std::string text;
  std::vector<File> files;
  std::vector<std::string> warnings;
};

// What every renderer is given: the plan, the topology it was made from, and the options.
struct Input {
  const plan::Plan& plan;
  const topology::Topology& topology;
  const Options& options;
};

using RenderFunction = Expected<Output, std::string> (*)(const Input&);

struct RendererInfo {
  std::string_view name;
  std::string_view help;
  bool writes_files; // needs --out DIR
  RenderFunction render;
};

std::span<const RendererInfo> renderers();
const RendererInfo* find_renderer(std::string_view name);

Expected<Output, std::string> render_table(const Input& input);
Expected<Output, std::string> render_json(const Input& input);
Expected<Output, std::string> render_zone(const Input& input);
Expected<Output, std::string> render_powershell(const Input& input);
Expected<Output, std::string> render_nginx(const Input& input);
Expected<Output, std::string> render_haproxy(const Input& input);
Expected<Output, std::string> render_nsupdate(const Input& input);
Expected<Output, std::string> render_pdns(const Input& input);
Expected<Output, std::string> render_csv(const Input& input);
Expected<Output, std::string> render_svg(const Input& input);

// A Windows DNS Server script that removes exactly the planned records of `input.plan` (and
// nothing else), reading first; for records that are going away (a hosted tenant leaving).
Expected<Output, std::string> render_powershell_removal(const Input& input);

// One record as a master-file line relative to its zone, with its rule and reason above it.
void append_zone_record(std::string& out, const plan::DnsRecord& record);
// A record's data as master files and nsupdate write it: "0 0 443 sip.contoso.com." for SRV,
// "webdir.online.lync.com." for CNAME, the address for A and AAAA.
std::string master_data(const plan::DnsRecord& record);

} // namespace lyncplan::render
