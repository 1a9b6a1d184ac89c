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

// A byte range of a plain file, read on its own (on its own core): the lines that start in
// [begin, end), numbered from 1 within the part.
struct FilePart {
  std::uint64_t begin = 0, end = 0;
};

// About `parts` ranges of equal size covering a plain file; one range for a gzip file (which
// cannot be entered in the middle), none when it cannot be opened (`error` says why).
std::vector<FilePart> split_w3c_file(const std::string& path, std::size_t parts,
                                     std::string& error);

// The #Fields value of the first such line in the file's first 64 KiB, "" when there is none
// (IIS's default order then holds): what a part that starts mid-file assumes at its start.
std::string head_fields(const std::string& path);

// What a part read of the #Fields lines: the last value it saw, if any. A part after the first
// assumed head_fields(); it assumed right when that equals the last value before it.
struct PartFields {
  bool seen = false;
  std::string last;
};

// Reads one part of a plain file with the #Fields value `assumed` ("" for IIS's default) in
// effect at its start.
bool read_w3c_part(const std::string& path, const FilePart& part, std::string_view assumed,
                   const EntryHandler& handler, ReadStats& stats, PartFields& fields,
                   std::string& error);

} // namespace lyncplan::logs
