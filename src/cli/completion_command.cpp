// `lyncplan completion bash|zsh|fish`: shell completion written from the CLI's own definition
// (subcommands, options, the values an option takes), so it cannot drift from the program.
#include "commands.hpp"
#include "output.hpp"

#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace lyncplan::cli {
namespace {

// One command as completion needs it: "lyncplan", "lyncplan certs", "lyncplan certs request".
struct CommandShape {
  std::string path;
  std::vector<std::string> subcommands;
  std::vector<std::string> options;    // every spelling: --format, -f
  std::vector<std::string> with_value; // the spellings of options that take a value
  std::map<std::string, std::vector<std::string>> values; // option spelling -> its fixed values
};

// The fixed values of an option checked with CLI::IsMember: "{table,json}" in its type name.
std::vector<std::string> fixed_values(const CLI::Option& option) {
  const std::string type = option.get_type_name();
  const std::size_t open = type.find('{');
  const std::size_t close = type.find('}', open);
  std::vector<std::string> out;
  if (open == std::string::npos || close == std::string::npos) {
    return out;
  }
  std::string item;
  for (std::size_t i = open + 1; i <= close; ++i) {
    if (type[i] == ',' || type[i] == '}') {
      if (!item.empty()) {
        out.push_back(item);
      }
      item.clear();
    } else if (type[i] != ' ') {
      item += type[i];
    }
  }
  return out;
}

void describe(const CLI::App& app, const std::string& path, std::vector<CommandShape>& out) {
  CommandShape shape;
  shape.path = path;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    shape.subcommands.push_back(sub->get_name());
  }
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional() && option->get_lnames().empty() && option->get_snames().empty()) {
      continue; // positional arguments complete as file names
    }
    std::vector<std::string> spellings;
    for (const auto& l : option->get_lnames()) {
      spellings.push_back("--" + l);
    }
    for (const auto& s : option->get_snames()) {
      spellings.push_back("-" + s);
    }
    const bool takes_value = option->get_type_size_min() > 0;
    const std::vector<std::string> values = fixed_values(*option);
    for (const auto& s : spellings) {
      shape.options.push_back(s);
      if (takes_value) {
        shape.with_value.push_back(s);
      }
      if (!values.empty()) {
        shape.values[s] = values;
      }
    }
  }
  out.push_back(shape);
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    describe(*sub, path + " " + sub->get_name(), out);
  }
}

std::string bash_script(const std::vector<CommandShape>& shapes) {
  std::string s = "# bash completion for lyncplan, written by `lyncplan completion bash`.\n"
                  "declare -gA _lyncplan_subs=() _lyncplan_opts=() _lyncplan_takes=() "
                  "_lyncplan_vals=()\n";
  for (const CommandShape& c : shapes) {
    s += fmt::format("_lyncplan_subs['{}']='{}'\n", c.path, join(c.subcommands, " "));
    s += fmt::format("_lyncplan_opts['{}']='{}'\n", c.path, join(c.options, " "));
    s += fmt::format("_lyncplan_takes['{}']='{}'\n", c.path, join(c.with_value, " "));
    for (const auto& [option, values] : c.values) {
      s += fmt::format("_lyncplan_vals['{} {}']='{}'\n", c.path, option, join(values, " "));
    }
  }
  s += R"SH(_lyncplan() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} path=lyncplan i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    if [[ $w != -* && " ${_lyncplan_subs[$path]} " == *" $w "* ]]; then
      path="$path $w"
    fi
  done
  if [[ -n ${_lyncplan_vals["$path $prev"]+set} ]]; then
    COMPREPLY=($(compgen -W "${_lyncplan_vals["$path $prev"]}" -- "$cur"))
  elif [[ " ${_lyncplan_takes[$path]} " == *" $prev "* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "${_lyncplan_opts[$path]}" -- "$cur"))
  elif [[ -n ${_lyncplan_subs[$path]} ]]; then
    COMPREPLY=($(compgen -W "${_lyncplan_subs[$path]}" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _lyncplan lyncplan
)SH";
  return s;
}

std::string zsh_script(const std::vector<CommandShape>& shapes) {
  std::string s = "#compdef lyncplan\n# zsh completion for lyncplan, written by `lyncplan "
                  "completion zsh`.\n"
                  "typeset -gA _lyncplan_subs _lyncplan_opts _lyncplan_takes _lyncplan_vals\n";
  for (const CommandShape& c : shapes) {
    s += fmt::format("_lyncplan_subs['{}']='{}'\n", c.path, join(c.subcommands, " "));
    s += fmt::format("_lyncplan_opts['{}']='{}'\n", c.path, join(c.options, " "));
    s += fmt::format("_lyncplan_takes['{}']='{}'\n", c.path, join(c.with_value, " "));
    for (const auto& [option, values] : c.values) {
      s += fmt::format("_lyncplan_vals['{} {}']='{}'\n", c.path, option, join(values, " "));
    }
  }
  s += R"SH(_lyncplan() {
  local path=lyncplan w i cur=${words[CURRENT]} prev=${words[CURRENT-1]}
  for ((i = 2; i < CURRENT; i++)); do
    w=${words[i]}
    if [[ $w != -* && " ${_lyncplan_subs[$path]} " == *" $w "* ]]; then
      path="$path $w"
    fi
  done
  if (( ${+_lyncplan_vals[$path $prev]} )); then
    compadd -- ${=_lyncplan_vals[$path $prev]}
  elif [[ " ${_lyncplan_takes[$path]} " == *" $prev "* ]]; then
    _files
  elif [[ $cur == -* ]]; then
    compadd -- ${=_lyncplan_opts[$path]}
  elif [[ -n ${_lyncplan_subs[$path]} ]]; then
    compadd -- ${=_lyncplan_subs[$path]}
  else
    _files
  fi
}
_lyncplan "$@"
)SH";
  return s;
}

std::string fish_script(const std::vector<CommandShape>& shapes) {
  std::string s = "# fish completion for lyncplan, written by `lyncplan completion fish`.\n"
                  "complete -c lyncplan -f\n";
  for (const CommandShape& c : shapes) {
    // The condition: the words typed so far lead to this command (fish's own helpers see only
    // one level, so the path is compared whole).
    const std::string condition = fmt::format("test (__lyncplan_path) = '{}'", c.path);
    for (const auto& sub : c.subcommands) {
      s += fmt::format("complete -c lyncplan -n \"{}\" -a {}\n", condition, sub);
    }
    for (const auto& option : c.options) {
      std::string spec =
          option.rfind("--", 0) == 0 ? "-l " + option.substr(2) : "-s " + option.substr(1);
      const auto values = c.values.find(option);
      const bool takes =
          std::find(c.with_value.begin(), c.with_value.end(), option) != c.with_value.end();
      if (values != c.values.end()) {
        spec += fmt::format(" -xa '{}'", join(values->second, " "));
      } else if (takes) {
        spec += " -rF";
      }
      s += fmt::format("complete -c lyncplan -n \"{}\" {}\n", condition, spec);
    }
    if (c.subcommands.empty()) {
      s += fmt::format("complete -c lyncplan -n \"{}\" -F\n", condition);
    }
  }
  std::string subs_table;
  for (const CommandShape& c : shapes) {
    for (const auto& sub : c.subcommands) {
      subs_table +=
          fmt::format("    case '{} {}'\n      set path '{} {}'\n", c.path, sub, c.path, sub);
    }
  }
  s += "function __lyncplan_path\n"
       "  set -l path lyncplan\n"
       "  for w in (commandline -opc)[2..-1]\n"
       "    switch \"$path $w\"\n" +
       subs_table + "    end\n  end\n  echo $path\nend\n";
  return s;
}

} // namespace

Runner setup_completion(CLI::App& app, Console console) {
  auto shell = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand(
      "completion", "write the shell completion script: bash, zsh or fish (installed with the "
                    "package; `source <(lyncplan completion bash)` tries it)");
  sub->add_option("shell", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  CLI::App* root = &app;
  return [shell, root, console]() {
    std::vector<CommandShape> shapes;
    describe(*root, "lyncplan", shapes);
    const std::string text = *shell == "bash"  ? bash_script(shapes)
                             : *shell == "zsh" ? zsh_script(shapes)
                                               : fish_script(shapes);
    return emit(text, "", console);
  };
}

} // namespace lyncplan::cli
