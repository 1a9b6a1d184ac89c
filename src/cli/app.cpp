// The command-line program as a function: parses arguments and dispatches to a subcommand.
#include "app.hpp"

#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <array>
#include <exception>

namespace lyncplan::cli {
namespace {

struct Subcommand {
  Runner (*setup)(CLI::App&, Console);
};

constexpr std::array kSubcommands = {
    Subcommand{setup_init},      Subcommand{setup_import},  Subcommand{setup_plan},
    Subcommand{setup_simulate},  Subcommand{setup_verify},  Subcommand{setup_check},
    Subcommand{setup_scan},      Subcommand{setup_results}, Subcommand{setup_tenant},
    Subcommand{setup_cutover},   Subcommand{setup_apply},   Subcommand{setup_report},
    Subcommand{setup_certs},     Subcommand{setup_logs},    Subcommand{setup_rules},
    Subcommand{setup_completion}};

} // namespace

std::string_view version_text() {
  return LYNCPLAN_VERSION;
}

int run_app(int argc, const char* const* argv, Console console) {
  CLI::App app{"lyncplan: DNS, certificates and reverse-proxy publishing for Lync / Skype for "
               "Business Server"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "lyncplan " LYNCPLAN_VERSION);
  std::vector<std::pair<CLI::App*, Runner>> runners;
  for (const Subcommand& s : kSubcommands) {
    const std::size_t before = app.get_subcommands({}).size();
    Runner runner = s.setup(app, console);
    runners.emplace_back(app.get_subcommands({}).at(before), std::move(runner));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    console.out << app.help();
    return kOk;
  } catch (const CLI::CallForVersion&) {
    console.out << "lyncplan " LYNCPLAN_VERSION "\n";
    return kOk;
  } catch (const CLI::CallForAllHelp&) {
    console.out << app.help("", CLI::AppFormatMode::All);
    return kOk;
  } catch (const CLI::ParseError& e) {
    console.err << "lyncplan: " << e.what() << "\n";
    console.err << "Run 'lyncplan --help' for usage.\n";
    return kBadInput;
  }
  for (auto& [sub, runner] : runners) {
    if (sub->parsed()) {
      try {
        return runner();
      } catch (const std::exception& e) {
        console.err << "lyncplan: " << e.what() << "\n";
        return kSystem;
      }
    }
  }
  return kBadInput;
}

} // namespace lyncplan::cli
