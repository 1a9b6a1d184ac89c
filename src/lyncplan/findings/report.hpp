// The one text and JSON rendering of findings that every command's report uses.
#pragma once

#include <lyncplan/findings/finding.hpp>

#include <string>
#include <vector>

namespace lyncplan::util {
class JsonLine;
}

namespace lyncplan::findings {

// One finding as text: "  severity code subject [rule]" (the rule only when the code differs),
// the message on the next line, and "fix: ..." when there is one. Severity in colour on request.
void append_text(std::string& out, const Finding& f, bool color);

// "  none\n" when there are no findings.
std::string findings_text(const std::vector<Finding>& findings, bool color);

// The finding's fields, in a fixed order: severity, code, subject, message, rule, fix (when set).
void append_json_fields(util::JsonLine& j, const Finding& f);

// The finding as one JSON object on one line.
std::string finding_json(const Finding& f);

} // namespace lyncplan::findings
