// IIS W3C extended logs read as a stream: #Fields honoured (any order, several header blocks),
// plain or gzip, any size; malformed lines counted with their line numbers, never fatal.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::logs {

// One request, as views into the reader's buffer: valid only during the callback.
struct Entry {
  std::string_view date, time;
  std::string_view server_ip;  // s-ip
  std::string_view method;     // cs-method
  std::string_view stem;       // cs-uri-stem
  std::string_view query;      // cs-uri-query
  std::string_view port;       // s-port
  std::string_view user;       // cs-username
  std::string_view client_ip;  // c-ip
  std::string_view user_agent; // cs(User-Agent)
  int status = 0;              // sc-status
  std::uint64_t line = 0;
};

struct ReadStats {
  std::uint64_t lines = 0;
  std::uint64_t entries = 0;
  std::uint64_t malformed = 0;
  std::vector<std::pair<std::uint64_t, std::string>> malformed_examples; // line, why (first 10)
};

using EntryHandler = std::function<void(const Entry&)>;

// Reads `text` (one buffer) as W3C lines.
ReadStats read_w3c_text(std::string_view text, const EntryHandler& handler);

// Reads a file, plain or gzip, in chunks. Returns false (with `error`) when it cannot be opened.
bool read_w3c_file(const std::string& path, const EntryHandler& handler, ReadStats& stats,
                   std::string& error);

} // namespace lyncplan::logs
