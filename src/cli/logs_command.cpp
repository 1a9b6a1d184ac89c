// `lyncplan logs FILE...`: the sign-in flow read from IIS logs of the Director and Front End
// external web sites, and what is wrong with it.
#include "commands.hpp"
#include "input.hpp"

#include <lyncplan/logs/flow.hpp>
#include <lyncplan/rules/context.hpp>

#include <fmt/format.h>

#include <memory>

namespace lyncplan::cli {
namespace {

struct LogsOptions {
  std::vector<std::string> files;
  std::string topology;
  std::vector<std::string> as;
  std::vector<std::string> proxies;
  std::string format = "table";
};

std::optional<logs::ServerRole> role_named(std::string_view name) {
  if (name == "director") {
    return logs::ServerRole::director;
  }
  if (name == "frontend" || name == "front-end") {
    return logs::ServerRole::frontend;
  }
  return std::nullopt;
}

int run_logs(const LogsOptions& o, Console console) {
  std::map<std::string, logs::ServerRole> roles;
  if (!o.topology.empty()) {
    auto topology = load_topology_file(o.topology, console);
    if (!topology) {
      return kBadInput;
    }
    const rules::Context c(*topology);
    for (const auto& pool : topology->pools) {
      const auto role =
          pool.role == topology::Role::director ? logs::ServerRole::director
          : pool.role == topology::Role::front_end || pool.role == topology::Role::standard_edition
              ? logs::ServerRole::frontend
              : logs::ServerRole::unknown;
      if (role == logs::ServerRole::unknown) {
        continue;
      }
      for (const auto& a : c.pool_addresses(pool)) {
        roles[a.text] = role;
      }
      for (const auto& s : pool.servers) {
        if (s.ip) {
          roles[s.ip->text] = role;
        }
      }
    }
  }
  logs::ServerRole everyone = logs::ServerRole::unknown;
  std::map<std::string, logs::ServerRole> per_file;
  for (const auto& spec : o.as) {
    const std::size_t eq = spec.rfind('=');
    const auto role = role_named(eq == std::string::npos ? spec : spec.substr(eq + 1));
    if (!role) {
      console.err << fmt::format("lyncplan: --as '{}': expected director, frontend or "
                                 "FILE=director|frontend\n",
                                 spec);
      return kBadInput;
    }
    if (eq == std::string::npos) {
      everyone = *role;
    } else {
      per_file[spec.substr(0, eq)] = *role;
    }
  }
  std::vector<logs::LogFile> files;
  for (const auto& path : o.files) {
    auto it = per_file.find(path);
    files.push_back(logs::describe_file(path, it != per_file.end() ? it->second : everyone));
  }
  logs::FlowReport report;
  std::string error;
  if (!logs::analyze_files(files, roles, std::set<std::string>(o.proxies.begin(), o.proxies.end()),
                           report, error)) {
    console.err << "lyncplan: " << error << "\n";
    return kBadInput;
  }
  console.out << (o.format == "json" ? logs::flow_json(report) : logs::flow_table(report));
  return findings::fails(report.findings, findings::Severity::error) ? kFindings : kOk;
}

} // namespace

Runner setup_logs(CLI::App& app, Console console) {
  auto o = std::make_shared<LogsOptions>();
  CLI::App* sub = app.add_subcommand(
      "logs", "read IIS W3C logs of the Director and Front End web sites: the sign-in flow of "
              "each external client, and what is wrong with it");
  sub->add_option("files", o->files, "W3C log files, plain or gzip")->required();
  sub->add_option("--topology", o->topology, "tells Director from Front End by server address");
  sub->add_option("--as", o->as,
                  "director or frontend for every file, or FILE=director|frontend (repeatable)");
  sub->add_option("--proxy", o->proxies, "the reverse proxy's inside address (repeatable)");
  sub->add_option("-f,--format", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  return [o, console]() { return run_logs(*o, console); };
}

} // namespace lyncplan::cli
