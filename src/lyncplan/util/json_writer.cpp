// Appends JSON text with a fixed key order; fast enough for plans of 100,000 tenants.
#include <lyncplan/util/json_writer.hpp>

#include <fmt/format.h>

namespace lyncplan::util {

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0; // start of the current stretch that needs no escaping
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;
    }
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += fmt::format("\\u{:04x}", c);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void JsonLine::key(std::string_view k) {
  if (!first_) {
    out_ += ", ";
  }
  first_ = false;
  append_json_string(out_, k);
  out_ += ": ";
}

JsonLine& JsonLine::string(std::string_view k, std::string_view value) {
  key(k);
  append_json_string(out_, value);
  return *this;
}

JsonLine& JsonLine::number(std::string_view k, long long value) {
  key(k);
  out_ += std::to_string(value);
  return *this;
}

JsonLine& JsonLine::boolean(std::string_view k, bool value) {
  key(k);
  out_ += value ? "true" : "false";
  return *this;
}

JsonLine& JsonLine::strings(std::string_view k, const std::vector<std::string>& values) {
  key(k);
  out_ += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    out_ += i == 0 ? "" : ", ";
    append_json_string(out_, values[i]);
  }
  out_ += ']';
  return *this;
}

JsonLine& JsonLine::numbers(std::string_view k, const std::vector<int>& values) {
  key(k);
  out_ += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    out_ += i == 0 ? "" : ", ";
    out_ += std::to_string(values[i]);
  }
  out_ += ']';
  return *this;
}

} // namespace lyncplan::util
