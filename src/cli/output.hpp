// What every command does with its report: colour or not, stdout or a file written whole, and
// the exit code its findings mean.
#pragma once

#include "app.hpp"

#include <lyncplan/plan/plan.hpp>

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lyncplan::cli {

// Colour only for a table on a terminal (`auto`), or when asked (`always`).
bool use_color(const std::string& color, const std::string& out, bool table, Console console);

// Writes `text` to the file `out` (atomically) or, when `out` is empty, to stdout.
// Returns kOk, or kSystem after printing why the file could not be written.
int emit(const std::string& text, const std::string& out, Console console);

// The options of a command that reports findings: --fail-on (its help and the levels it takes),
// --color and -o,--out.
void add_report_options(CLI::App* sub, std::string& fail_on, const std::string& fail_on_help,
                        const std::vector<std::string>& levels, std::string& color,
                        std::string& out);

} // namespace lyncplan::cli
