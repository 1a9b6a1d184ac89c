// What every command does with its report: colour or not, stdout or a file written whole, and
// the exit code its findings mean.
#pragma once

#include "app.hpp"

#include <lyncplan/plan/plan.hpp>

#include <optional>
#include <string>

namespace lyncplan::cli {

// Colour only for a table on a terminal (`auto`), or when asked (`always`).
bool use_color(const std::string& color, const std::string& out, bool table, Console console);

// Writes `text` to the file `out` (atomically) or, when `out` is empty, to stdout.
// Returns kOk, or kSystem after printing why the file could not be written.
int emit(const std::string& text, const std::string& out, Console console);

// The severity `--fail-on` names (error, warning, info); nullopt for never.
std::optional<plan::Severity> fail_threshold(const std::string& fail_on);

} // namespace lyncplan::cli
