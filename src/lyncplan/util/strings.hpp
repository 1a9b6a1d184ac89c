// String helpers used across the library: case folding, joining, edit distance.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan {

std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s); // ASCII letters only, like to_lower
bool iequals(std::string_view a, std::string_view b);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate nearest to `word`, or "" when none is close enough to be a likely typo.
std::string nearest(std::string_view word, const std::vector<std::string_view>& candidates);

// `s` with control and non-ASCII bytes written as \xNN, safe to show on a terminal.
std::string printable(std::string_view s);

// `s` fit for a comment in a generated script: printable ASCII only, and '#', '<' and '>' (which
// could end a comment block) as '?', like every other byte.
std::string comment_safe(std::string_view s);

// `text` as one single-quoted PowerShell string ('it''s'): nothing in it is expanded.
std::string powershell_quoted(std::string_view text);

// Text made safe inside HTML and XML (SVG) elements and double-quoted attributes.
std::string escape_markup(std::string_view text);

// `text` broken into lines of at most `width` characters at spaces (a longer word stays whole),
// each line after the first starting with `indent`; no newline at the end.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent = "");

} // namespace lyncplan
