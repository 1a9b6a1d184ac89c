// Reads a TSIG key file: BIND's `key` statement or Knot's `key:` section, one key, positioned
// errors for everything wrong at once.
#include <lyncplan/apply/tsig_key.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace lyncplan::apply {
namespace {

using util::Diagnostic;
using util::Pos;

constexpr std::array<std::string_view, 6> kAlgorithms = {
    "hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512"};

struct Token {
  std::string text;
  Pos pos;
  bool quoted = false;
};

// BIND's configuration tokens: words, quoted strings and the punctuation { } ;, with //, # and
// /* */ comments skipped.
struct Tokens {
  std::vector<Token> tokens;
  std::optional<Diagnostic> problem;
};

Tokens tokenize(std::string_view text, std::string_view file) {
  Tokens out;
  int line = 1;
  int column = 1;
  std::size_t i = 0;
  auto advance = [&] {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    ++i;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      advance();
    } else if (c == '#' || text.substr(i, 2) == "//") {
      while (i < text.size() && text[i] != '\n') {
        advance();
      }
    } else if (text.substr(i, 2) == "/*") {
      const Pos start{line, column};
      while (i < text.size() && text.substr(i, 2) != "*/") {
        advance();
      }
      if (i >= text.size()) {
        out.problem = Diagnostic{std::string(file), start, "comment never closed; expected */"};
        return out;
      }
      advance();
      advance();
    } else if (c == '{' || c == '}' || c == ';') {
      out.tokens.push_back({std::string(1, c), {line, column}, false});
      advance();
    } else if (c == '"') {
      Token t{"", {line, column}, true};
      advance();
      while (i < text.size() && text[i] != '"' && text[i] != '\n') {
        t.text += text[i];
        advance();
      }
      if (i >= text.size() || text[i] != '"') {
        out.problem = Diagnostic{std::string(file), t.pos, "string never closed; expected \""};
        return out;
      }
      advance();
      out.tokens.push_back(std::move(t));
    } else {
      Token t{"", {line, column}, false};
      while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) == 0 &&
             text[i] != '{' && text[i] != '}' && text[i] != ';' && text[i] != '"') {
        t.text += text[i];
        advance();
      }
      out.tokens.push_back(std::move(t));
    }
  }
  return out;
}

struct Field {
  std::string value;
  Pos pos;
  bool seen = false;
};

struct Parsed {
  Field name, algorithm, secret;
  Pos key_pos;
};

void parse_bind(std::string_view text, std::string_view file, Parsed& key,
                std::vector<Diagnostic>& problems) {
  const Tokens tokens = tokenize(text, file);
  if (tokens.problem) {
    problems.push_back(*tokens.problem);
    return;
  }
  const auto& t = tokens.tokens;
  std::size_t i = 0;
  auto expect = [&](std::string_view what, Pos at) {
    problems.push_back({std::string(file), at, std::string(what)});
  };
  const Pos end{static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1, 1};
  auto pos_at = [&](std::size_t k) { return k < t.size() ? t[k].pos : end; };
  if (t.empty() || t[0].text != "key" || t[0].quoted) {
    expect("expected a key statement: key \"NAME\" { algorithm hmac-sha256; secret \"...\"; };",
           pos_at(0));
    return;
  }
  key.key_pos = t[0].pos;
  i = 1;
  if (i >= t.size() || (!t[i].quoted && (t[i].text == "{" || t[i].text == ";"))) {
    expect("expected the key's name after key", pos_at(i));
    return;
  }
  key.name = {t[i].text, t[i].pos, true};
  ++i;
  if (i >= t.size() || t[i].quoted || t[i].text != "{") {
    expect("expected { after the key's name", pos_at(i));
    return;
  }
  ++i;
  while (i < t.size() && !(t[i].text == "}" && !t[i].quoted)) {
    const Token& option = t[i];
    Field* field = option.text == "algorithm" ? &key.algorithm
                   : option.text == "secret"  ? &key.secret
                                              : nullptr;
    if (field == nullptr) {
      expect(fmt::format("unknown key option '{}'; expected algorithm or secret", option.text),
             option.pos);
      while (i < t.size() && !(t[i].text == ";" && !t[i].quoted)) {
        ++i;
      }
      ++i;
      continue;
    }
    if (field->seen) {
      expect(fmt::format("{} given twice", option.text), option.pos);
    }
    ++i;
    if (i >= t.size() || (!t[i].quoted && (t[i].text == ";" || t[i].text == "}"))) {
      expect(fmt::format("expected a value after {}", option.text), pos_at(i));
      return;
    }
    *field = {t[i].text, t[i].pos, true};
    ++i;
    if (i >= t.size() || t[i].quoted || t[i].text != ";") {
      expect(fmt::format("expected ; after the {}", option.text), pos_at(i));
      return;
    }
    ++i;
  }
  if (i >= t.size()) {
    expect("expected } closing the key statement", end);
    return;
  }
  ++i;
  if (i >= t.size() || t[i].quoted || t[i].text != ";") {
    expect("expected ; after the key statement's }", pos_at(i));
    return;
  }
  ++i;
  if (i < t.size()) {
    expect("expected one key per file; give the file of the key the server accepts updates with",
           t[i].pos);
  }
}

// Knot's form: `key:` then a list of `id`, `algorithm` and `secret` mappings (one item).
void parse_knot(std::string_view text, std::string_view file, Parsed& key,
                std::vector<Diagnostic>& problems) {
  int line = 0;
  int items = 0;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t stop = text.find('\n', start);
    if (stop == std::string_view::npos) {
      stop = text.size();
    }
    std::string_view l = text.substr(start, stop - start);
    start = stop + 1;
    ++line;
    if (const auto hash = l.find('#'); hash != std::string_view::npos) {
      l = l.substr(0, hash);
    }
    std::size_t indent = l.find_first_not_of(" \t");
    if (indent == std::string_view::npos) {
      continue;
    }
    if (l.substr(indent) == "key:" || l.substr(indent).starts_with("key: ")) {
      key.key_pos = {line, static_cast<int>(indent) + 1};
      continue;
    }
    if (l[indent] == '-') {
      ++items;
      indent = l.find_first_not_of(" \t", indent + 1);
      if (items > 1) {
        problems.push_back({std::string(file),
                            {line, static_cast<int>(indent) + 1},
                            "expected one key per file; give the file of the key the server "
                            "accepts updates with"});
        return;
      }
      if (indent == std::string_view::npos) {
        continue;
      }
    }
    const std::size_t colon = l.find(':', indent);
    if (colon == std::string_view::npos) {
      problems.push_back({std::string(file),
                          {line, static_cast<int>(indent) + 1},
                          "expected NAME: VALUE (id, algorithm or secret)"});
      continue;
    }
    const std::string_view option = l.substr(indent, colon - indent);
    std::size_t value_at = l.find_first_not_of(" \t", colon + 1);
    std::string_view value =
        value_at == std::string_view::npos ? std::string_view() : l.substr(value_at);
    while (!value.empty() &&
           (value.back() == ' ' || value.back() == '\t' || value.back() == '\r')) {
      value.remove_suffix(1);
    }
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
      ++value_at;
    }
    Field* field = option == "id"          ? &key.name
                   : option == "algorithm" ? &key.algorithm
                   : option == "secret"    ? &key.secret
                                           : nullptr;
    const Pos at{line,
                 static_cast<int>(value_at == std::string_view::npos ? colon + 2 : value_at + 1)};
    if (field == nullptr) {
      problems.push_back(
          {std::string(file),
           {line, static_cast<int>(indent) + 1},
           fmt::format("unknown key option '{}'; expected id, algorithm or secret", option)});
      continue;
    }
    if (value.empty()) {
      problems.push_back(
          {std::string(file), at, fmt::format("expected a value after {}:", option)});
      continue;
    }
    *field = {std::string(value), at, true};
  }
}

bool base64(std::string_view s) {
  if (s.empty() || s.size() % 4 != 0) {
    return false;
  }
  std::size_t padding = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '=') {
      ++padding;
      continue;
    }
    if (padding > 0 ||
        !(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/')) {
      return false;
    }
  }
  return padding <= 2;
}

} // namespace

bool known_tsig_algorithm(std::string_view algorithm) {
  return std::find(kAlgorithms.begin(), kAlgorithms.end(), algorithm) != kAlgorithms.end();
}

Expected<TsigKey, std::vector<Diagnostic>> parse_tsig_key(std::string_view text,
                                                          std::string_view file) {
  Parsed key;
  std::vector<Diagnostic> problems;
  const bool knot = text.starts_with("key:") || text.find("\nkey:") != std::string_view::npos;
  if (knot) {
    parse_knot(text, file, key, problems);
  } else {
    parse_bind(text, file, key, problems);
  }
  if (problems.empty()) {
    auto missing = [&](const Field& f, std::string_view what) {
      if (!f.seen) {
        problems.push_back(
            {std::string(file), key.key_pos, fmt::format("the key has no {}; expected one", what)});
      }
    };
    missing(key.name, knot ? "id (its name)" : "name");
    missing(key.algorithm, "algorithm");
    missing(key.secret, "secret");
  }
  std::string algorithm = key.algorithm.value;
  std::transform(algorithm.begin(), algorithm.end(), algorithm.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (key.algorithm.seen && !known_tsig_algorithm(algorithm)) {
    problems.push_back(
        {std::string(file), key.algorithm.pos,
         fmt::format("unknown TSIG algorithm '{}'; expected one of hmac-sha256, hmac-sha512, "
                     "hmac-sha384, hmac-sha224, hmac-sha1, hmac-md5",
                     key.algorithm.value)});
  }
  if (key.secret.seen && !base64(key.secret.value)) {
    problems.push_back({std::string(file), key.secret.pos,
                        "the secret is not base64; expected the secret as tsig-keygen or keymgr "
                        "wrote it"});
  }
  if (key.name.seen && (key.name.value.empty() || key.name.value.size() > 253 ||
                        key.name.value.find_first_of(" \t\\") != std::string::npos)) {
    problems.push_back({std::string(file), key.name.pos,
                        "the key's name is not a DNS name; expected a name such as "
                        "lyncplan-update"});
  }
  if (!problems.empty()) {
    util::sort_diagnostics(problems);
    return unexpected(std::move(problems));
  }
  return TsigKey{key.name.value, algorithm, key.secret.value};
}

} // namespace lyncplan::apply
