// Subcommands: each adds itself to the CLI11 app and runs from its options struct.
#pragma once

#include "app.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace lyncplan::cli {

// setup_* registers a subcommand; the returned callable runs it after parsing.
using Runner = std::function<int()>;

// "0.1.0 (abc1234)": the version and the revision lyncplan was built from.
std::string_view version_text();

Runner setup_init(CLI::App& app, Console console);
Runner setup_plan(CLI::App& app, Console console);
Runner setup_rules(CLI::App& app, Console console);
Runner setup_simulate(CLI::App& app, Console console);
Runner setup_verify(CLI::App& app, Console console);
Runner setup_certs(CLI::App& app, Console console);
Runner setup_logs(CLI::App& app, Console console);
Runner setup_check(CLI::App& app, Console console);
Runner setup_scan(CLI::App& app, Console console);
Runner setup_results(CLI::App& app, Console console);
Runner setup_tenant(CLI::App& app, Console console);
Runner setup_cutover(CLI::App& app, Console console);
Runner setup_apply(CLI::App& app, Console console);
Runner setup_report(CLI::App& app, Console console);
Runner setup_import(CLI::App& app, Console console);
Runner setup_completion(CLI::App& app, Console console);

} // namespace lyncplan::cli
