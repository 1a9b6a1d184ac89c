// How bad a finding is, from error down to info, and its name in reports and options.
#pragma once

#include <optional>
#include <string_view>

namespace lyncplan::findings {

enum class Severity { error, warning, info };

const char* to_string(Severity s);

// "error", "warning", "info"; nullopt for anything else.
std::optional<Severity> severity_named(std::string_view name);

} // namespace lyncplan::findings
