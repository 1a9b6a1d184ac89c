// What every command does with its report.
#include "output.hpp"

#include <lyncplan/util/atomic_file.hpp>

namespace lyncplan::cli {

bool use_color(const std::string& color, const std::string& out, bool table, Console console) {
  return color == "always" || (color == "auto" && out.empty() && console.out_is_terminal && table);
}

int emit(const std::string& text, const std::string& out, Console console) {
  if (out.empty()) {
    console.out << text;
    console.out.flush();
    return kOk;
  }
  if (auto written = write_file_atomically(out, text); !written) {
    console.err << "lyncplan: " << written.error() << "\n";
    return kSystem;
  }
  return kOk;
}

void add_report_options(CLI::App* sub, std::string& fail_on, const std::string& fail_on_help,
                        const std::vector<std::string>& levels, std::string& color,
                        std::string& out) {
  sub->add_option("--fail-on", fail_on, fail_on_help)
      ->check(CLI::IsMember(levels))
      ->capture_default_str();
  sub->add_option("--color", color, "auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  sub->add_option("-o,--out", out, "write the report to this file (atomically)");
}

} // namespace lyncplan::cli
