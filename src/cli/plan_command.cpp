// `lyncplan plan FILE`: topology in, plan out in the chosen format.
#include "commands.hpp"
#include "input.hpp"
#include "output.hpp"

#include <lyncplan/render/proxy_model.hpp>
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/render/zone_servers.hpp>
#include <lyncplan/rules/planner.hpp>
#include <lyncplan/topology/loader.hpp>
#include <lyncplan/util/atomic_file.hpp>
#include <lyncplan/util/atomic_folder.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

namespace lyncplan::cli {
namespace {

struct PlanOptions {
  std::string file;
  std::string format = "table";
  std::string out;
  std::string fail_on = "error";
  std::string color = "auto";
  std::string cert_dir = "/etc/lyncplan/certs";
  std::vector<std::string> bind;
  std::vector<std::string> backend;
  std::string proxy_mode = "auto";
  std::vector<std::string> servers; // --server: DNS server configurations beside the zones
  std::string zone_dir;             // --zone-dir: where those servers find the folder
  std::string view;                 // --view: the view nsupdate and pdns output go to
};

render::ProxyMode proxy_mode(const std::string& name) {
  return name == "http"  ? render::ProxyMode::http
         : name == "tcp" ? render::ProxyMode::tcp
                         : render::ProxyMode::automatic;
}

// "A=B" pairs of a repeatable option into a map; nullopt after printing the bad one.
std::optional<std::map<std::string, std::string>> pairs(const std::vector<std::string>& items,
                                                        std::string_view option, Console console) {
  std::map<std::string, std::string> out;
  for (const auto& item : items) {
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
      console.err << fmt::format("lyncplan: {} '{}': expected ADDRESS:PORT=ADDRESS:PORT\n", option,
                                 item);
      return std::nullopt;
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

// The zone files an earlier run listed in <dir>/index.txt, and the index: only files lyncplan
// wrote, and only plain relative paths inside the folder (a changed index cannot point elsewhere).
std::set<std::string> previously_written(const std::filesystem::path& dir) {
  std::set<std::string> out;
  std::ifstream index(dir / "index.txt");
  std::string line;
  if (!std::getline(index, line) || !line.starts_with("# lyncplan zone files")) {
    return out;
  }
  out.insert("index.txt");
  while (std::getline(index, line)) {
    std::vector<std::string> fields;
    for (std::size_t start = 0;;) {
      const std::size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
      if (tab == std::string::npos) {
        break;
      }
      start = tab + 1;
    }
    if (fields.size() < 3) {
      continue;
    }
    const std::filesystem::path file(fields[2]);
    bool inside = file.is_relative() && !file.empty();
    for (const auto& part : file) {
      inside = inside && part != ".." && part != ".";
    }
    if (inside) {
      out.insert(file.lexically_normal().string());
    }
  }
  return out;
}

int write_files(const render::Output& output, const std::string& dir, Console console) {
  std::vector<FolderFile> files;
  files.reserve(output.files.size());
  for (const render::File& f : output.files) {
    files.push_back({f.path, f.content});
  }
  // What the previous run wrote goes (replaced, or stale: a SIP domain removed since, which a
  // server would load as if it were planned); every other file of the folder stays.
  const std::set<std::string> ours = previously_written(dir);
  auto written = write_folder_atomically(dir, files, ours);
  if (!written) {
    console.err << "lyncplan: " << written.error() << "\n";
    return kSystem;
  }
  return kOk;
}

int run_plan(const PlanOptions& o, Console console) {
  const render::RendererInfo* renderer = render::find_renderer(o.format);
  if (renderer == nullptr) {
    console.err << fmt::format("lyncplan: unknown format '{}'\n", o.format);
    return kBadInput;
  }
  if (renderer->writes_files && o.out.empty()) {
    console.err << fmt::format("lyncplan: --format {} writes files; give --out DIR\n", o.format);
    return kBadInput;
  }
  if (o.proxy_mode != "auto" && !render::is_proxy(renderer->name)) {
    console.err << fmt::format(
        "lyncplan: --proxy-mode applies to --format nginx and haproxy, not {}\n", o.format);
    return kBadInput;
  }
  if ((!o.servers.empty() || !o.zone_dir.empty()) && renderer->name != "zone") {
    console.err << fmt::format("lyncplan: --server and --zone-dir apply to --format zone, not {}\n",
                               o.format);
    return kBadInput;
  }
  if (!o.view.empty() && renderer->name != "nsupdate" && renderer->name != "pdns") {
    console.err << fmt::format("lyncplan: --view applies to --format nsupdate and pdns, not {}\n",
                               o.format);
    return kBadInput;
  }
  std::string zone_dir = o.zone_dir;
  if (!o.servers.empty() && zone_dir.empty()) {
    zone_dir = std::filesystem::absolute(o.out).lexically_normal().string();
    while (zone_dir.size() > 1 && zone_dir.back() == '/') {
      zone_dir.pop_back();
    }
  }
  if (zone_dir.find_first_of("\"\\\n;{}") != std::string::npos) {
    console.err << fmt::format("lyncplan: the zone folder '{}' holds a character a server "
                               "configuration cannot quote (\", \\, ;, braces or a line break); "
                               "give --zone-dir a plain path\n",
                               zone_dir);
    return kBadInput;
  }
  auto topology = load_topology_file(o.file, console);
  if (!topology) {
    return kBadInput;
  }
  const plan::Plan plan = rules::make_plan(*topology);
  render::Options options;
  auto bind = pairs(o.bind, "--bind", console);
  auto backend = pairs(o.backend, "--backend", console);
  if (!bind || !backend) {
    return kBadInput;
  }
  options.bind = std::move(*bind);
  options.backend = std::move(*backend);
  options.cert_dir = o.cert_dir;
  options.proxy_mode = proxy_mode(o.proxy_mode);
  options.version = version_text();
  options.zone_serial = input_serial(o.file, *topology);
  options.zone_servers = o.servers;
  options.zone_dir = zone_dir;
  if (!o.view.empty()) {
    options.view = o.view == "internal" ? plan::View::internal : plan::View::external;
  }
  if (!renderer->writes_files && !o.out.empty()) {
    options.output_name = std::filesystem::path(o.out).filename().string();
  }
  options.color = use_color(o.color, o.out, renderer->name == "table", console);
  auto output = renderer->render({plan, *topology, options});
  if (!output) {
    console.err << "lyncplan: " << output.error() << "\n";
    return kBadInput;
  }
  if (!renderer->writes_files && !output->files.empty() && o.out.empty()) {
    console.err << fmt::format("lyncplan: --format {} writes {} files here ({}); give --out DIR\n",
                               o.format, output->files.size(), output->files.front().path);
    return kBadInput;
  }
  for (const auto& warning : output->warnings) {
    console.err << "lyncplan: warning: " << warning << "\n";
  }
  if (renderer->writes_files || !output->files.empty()) {
    if (int rc = write_files(*output, o.out, console); rc != kOk) {
      return rc;
    }
  } else if (int rc = emit(output->text, o.out, console); rc != kOk) {
    return rc;
  }
  return findings::fails(plan.findings, findings::fail_threshold(o.fail_on)) ? kFindings : kOk;
}

} // namespace

Runner setup_plan(CLI::App& app, Console console) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App* sub = app.add_subcommand(
      "plan", "derive every DNS record, certificate, publishing rule, firewall port and finding");
  sub->add_option("topology", options->file, "the topology YAML file")->required();
  std::vector<std::string> formats;
  for (const auto& r : render::renderers()) {
    formats.emplace_back(r.name);
  }
  sub->add_option("-f,--format", options->format, "output format")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  sub->add_option("-o,--out", options->out,
                  "output file (folder for --format zone and csv, and nginx in tcp mode), "
                  "written atomically");
  sub->add_option("--fail-on", options->fail_on,
                  "exit 1 when a finding of this severity or worse exists")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))
      ->capture_default_str();
  sub->add_option("--color", options->color,
                  "colour the table: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  sub->add_option("--cert-dir", options->cert_dir,
                  "nginx/haproxy: folder of the reverse-proxy certificates")
      ->capture_default_str();
  sub->add_option("--bind", options->bind,
                  "nginx/haproxy: listen on LOCAL for PUBLIC (PUBLIC_IP:PORT=LOCAL_IP:PORT), when "
                  "NAT is in front of the proxy; repeatable");
  sub->add_option("--backend", options->backend,
                  "nginx/haproxy: reach a backend at another address (HOST:PORT=IP:PORT); "
                  "repeatable");
  sub->add_option("--proxy-mode", options->proxy_mode,
                  "nginx/haproxy: http (route by Host) or tcp (end TLS, route by SNI, one backend "
                  "connection per client connection); auto: the mode in which the proxy keeps "
                  "NTLM sign-ins working (nginx tcp, haproxy http)")
      ->check(CLI::IsMember({"auto", "http", "tcp"}))
      ->capture_default_str();
  std::vector<std::string> servers;
  std::string servers_help = "zone: write the configuration that loads every zone, for";
  for (const auto& s : render::zone_servers()) {
    servers.emplace_back(s.name);
    servers_help += fmt::format("\n  {:<5} {}", s.name, s.help);
  }
  sub->add_option("--server", options->servers, servers_help + "\nrepeatable")
      ->check(CLI::IsMember(servers));
  sub->add_option("--zone-dir", options->zone_dir,
                  "zone: the folder in which the server finds the zone files (default: --out "
                  "as an absolute path)");
  sub->add_option("--view", options->view,
                  "nsupdate, pdns: the view the updates go to (default: external)")
      ->check(CLI::IsMember({"external", "internal"}));
  return [options, console]() { return run_plan(*options, console); };
}

} // namespace lyncplan::cli
