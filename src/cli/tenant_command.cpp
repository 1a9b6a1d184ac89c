// `lyncplan tenant add|remove|instructions`: one hosted tenant at a time, its DNS and Lync steps
// in the form the hoster applies them, and the page the customer is given.
#include "commands.hpp"
#include "input.hpp"
#include "output.hpp"

#include <lyncplan/dns/address.hpp>
#include <lyncplan/tenant/instructions.hpp>
#include <lyncplan/tenant/steps.hpp>
#include <lyncplan/topology/tenant_line.hpp>
#include <lyncplan/util/atomic_file.hpp>

#include <fmt/format.h>

#include <sys/stat.h>

#include <filesystem>
#include <memory>
#include <sstream>

namespace lyncplan::cli {
namespace {

struct TenantOptions {
  std::string topology;
  std::vector<std::string> domains;
  std::string tenants_file; // more domains, one a line
  std::string format;
  std::string out;
  std::string server; // nsupdate's server line
  std::string ownership_secret;
  bool force = false;
};

// The domains named on the command line and in --tenants, in that order; nullopt after
// printing every bad line of the file.
std::optional<std::vector<std::string>> tenant_names(const TenantOptions& o, Console console) {
  std::vector<std::string> names = o.domains;
  if (o.tenants_file.empty()) {
    return names;
  }
  const auto text = read_text_file(o.tenants_file);
  if (!text) {
    console.err << fmt::format("lyncplan: {}: cannot be read; expected a tenant list (one domain "
                               "a line)\n",
                               o.tenants_file);
    return std::nullopt;
  }
  std::istringstream lines(*text);
  bool bad = false;
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    const topology::TenantLine t = topology::parse_tenant_line(line);
    if (!t.problem.empty()) {
      console.err << fmt::format("{}:{}:{}: {}\n", o.tenants_file, number, t.column, t.problem);
      bad = true;
    } else if (!t.name.empty()) {
      names.push_back(t.name);
    }
  }
  if (bad) {
    return std::nullopt;
  }
  return names;
}

std::optional<tenant::TenantPlan> load(const TenantOptions& o, Console console,
                                       std::optional<topology::Topology>& topology) {
  topology = load_topology_file(o.topology, console);
  if (!topology) {
    return std::nullopt;
  }
  const auto names = tenant_names(o, console);
  if (!names) {
    return std::nullopt;
  }
  if (names->empty()) {
    console.err << "lyncplan: no tenant named; expected DOMAIN... or --tenants FILE\n";
    return std::nullopt;
  }
  auto plan = tenant::plan_tenants(*topology, *names);
  if (!plan) {
    for (const std::string& problem : plan.error()) {
      console.err << "lyncplan: " << problem << "\n";
    }
    return std::nullopt;
  }
  return std::move(*plan);
}

int run_change(const TenantOptions& o, tenant::Change change, Console console) {
  std::optional<topology::Topology> topology;
  const auto plan = load(o, console, topology);
  if (!plan) {
    return kBadInput;
  }
  tenant::StepOptions options;
  options.change = change;
  options.version = std::string(version_text());
  options.output_name = o.out.empty() ? "" : std::filesystem::path(o.out).filename().string();
  options.source = std::filesystem::path(o.topology).filename().string();
  const auto server = nsupdate_server(o.server, console);
  if (!server) {
    return kBadInput;
  }
  options.server = *server;
  auto steps = tenant::render_steps(*plan, *topology, o.format, options);
  if (!steps) {
    console.err << "lyncplan: " << steps.error() << "\n";
    return kBadInput;
  }
  for (const std::string& w : steps->warnings) {
    console.err << "lyncplan: note: " << w << "\n";
  }
  const auto& reminded = change == tenant::Change::add ? plan->unlisted : plan->listed;
  for (const std::string& t : reminded) {
    console.err << fmt::format("lyncplan: note: {} {} the topology's tenant list: {} it there too, "
                               "so that plan, check and scan know\n",
                               t, change == tenant::Change::add ? "is not in" : "is still in",
                               change == tenant::Change::add ? "add" : "remove");
  }
  return emit(steps->text, o.out, console);
}

int run_instructions(const TenantOptions& o, Console console) {
  std::optional<topology::Topology> topology;
  const auto plan = load(o, console, topology);
  if (!plan) {
    return kBadInput;
  }
  std::string secret;
  if (!o.ownership_secret.empty()) {
    const auto text = read_text_file(o.ownership_secret);
    if (!text || text->empty()) {
      console.err << fmt::format("lyncplan: --ownership-secret {}: cannot be read or is empty; "
                                 "expected the provider's secret (e.g. head -c 32 /dev/urandom "
                                 "| base64 > FILE; chmod 600 FILE)\n",
                                 o.ownership_secret);
      return kBadInput;
    }
    struct stat st {};
    if (::stat(o.ownership_secret.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
      console.err << fmt::format("lyncplan: note: {} can be read by others (mode {:o}); "
                                 "chmod 600 it\n",
                                 o.ownership_secret, st.st_mode & 0777);
    }
    secret = *text;
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) {
      secret.pop_back();
    }
  }
  const bool html = o.format == "html";
  auto page = [&](const std::string& t) {
    tenant::PageOptions options;
    options.version = std::string(version_text());
    options.ownership = secret.empty() ? "" : tenant::ownership_token(secret, plan->provider, t);
    return html ? tenant::instructions_html(*plan, t, options)
                : tenant::instructions_text(*plan, t, options);
  };
  if (plan->tenants.size() == 1 && (o.out.empty() || !std::filesystem::is_directory(o.out))) {
    return emit(page(plan->tenants.front()), o.out, console);
  }
  if (o.out.empty()) {
    console.err << fmt::format("lyncplan: {} tenants make {} pages: name a folder with -o DIR\n",
                               plan->tenants.size(), plan->tenants.size());
    return kBadInput;
  }
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  for (const std::string& t : plan->tenants) {
    const auto path = std::filesystem::path(o.out) / (t + (html ? ".html" : ".txt"));
    auto written = write_file_atomically(path, page(t),
                                         {0644, o.force ? Overwrite::allowed : Overwrite::refused});
    if (!written) {
      console.err << "lyncplan: " << written.error()
                  << (o.force ? "\n" : " (--force replaces pages written before)\n");
      return kSystem;
    }
  }
  console.err << fmt::format("lyncplan: {} pages written to {}\n", plan->tenants.size(), o.out);
  return kOk;
}

void add_common(CLI::App* sub, TenantOptions& o) {
  sub->add_option("topology", o.topology, "the topology YAML with the hosting section")->required();
  sub->add_option("domains", o.domains, "the tenant domains");
  sub->add_option("--tenants", o.tenants_file, "more tenant domains, one a line ('#' comments)");
}

} // namespace

Runner setup_tenant(CLI::App& app, Console console) {
  CLI::App* tenant = app.add_subcommand(
      "tenant", "one hosted tenant at a time: its DNS and Lync steps, and its customer's page");
  tenant->require_subcommand(1);
  std::vector<std::string> forms;
  std::string forms_help = "the form of the steps:";
  for (const tenant::StepForm& f : tenant::step_forms()) {
    forms.emplace_back(f.name);
    forms_help += fmt::format("\n  {:<11} {}", f.name, f.help);
  }
  auto a = std::make_shared<TenantOptions>();
  auto r = std::make_shared<TenantOptions>();
  std::vector<std::pair<CLI::App*, std::shared_ptr<TenantOptions>>> changes;
  for (const auto& [name, help, o] :
       {std::tuple{"add",
                   "the records and steps that add the tenants (nothing of the provider's "
                   "own)",
                   a},
        std::tuple{"remove", "the steps that remove exactly the tenants' records and SIP domains",
                   r}}) {
    CLI::App* sub = tenant->add_subcommand(name, help);
    add_common(sub, *o);
    o->format = "zone";
    sub->add_option("-f,--format", o->format, forms_help)
        ->check(CLI::IsMember(forms))
        ->capture_default_str();
    sub->add_option("-o,--out", o->out, "write the steps to this file (atomically)");
    sub->add_option("--server", o->server,
                    "nsupdate: the primary to update, IP[:PORT] (default: the zone's SOA)");
    changes.emplace_back(sub, o);
  }
  auto i = std::make_shared<TenantOptions>();
  CLI::App* instructions = tenant->add_subcommand(
      "instructions", "the page for the tenant's customer: records to publish and how to check");
  add_common(instructions, *i);
  i->format = "text";
  instructions->add_option("-f,--format", i->format, "text or html")
      ->check(CLI::IsMember({"text", "html"}))
      ->capture_default_str();
  instructions->add_option(
      "-o,--out", i->out, "a file (one tenant) or a folder: one page per tenant, DOMAIN.txt|.html");
  instructions->add_option("--ownership-secret", i->ownership_secret,
                           "a file with the provider's secret: adds a TXT record proving the "
                           "customer holds the domain (an HMAC of the domain)");
  instructions->add_flag("--force", i->force, "replace pages written before in the folder");
  return [=] {
    if (changes[0].first->parsed()) {
      return run_change(*a, tenant::Change::add, console);
    }
    if (changes[1].first->parsed()) {
      return run_change(*r, tenant::Change::remove, console);
    }
    return run_instructions(*i, console);
  };
}

} // namespace lyncplan::cli
