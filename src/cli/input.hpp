// Reading the inputs a command names: the topology file and zone files, with errors printed
// the one way every command prints them.
#pragma once

#include "app.hpp"

#include <lyncplan/simulate/simulate.hpp>
#include <lyncplan/topology/loader.hpp>
#include <lyncplan/topology/model.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lyncplan::cli {

std::optional<std::string> read_text_file(const std::string& path);

// A topology file's bytes, refusing one over 64 MiB before reading it; nullopt after printing why.
std::optional<std::string> read_topology_bytes(const std::string& path, Console console);

// The topology, or nullopt after printing every problem (the caller exits with kBadInput). A
// Topology Builder document (XML or a configuration zip) is read as `lyncplan import` reads it.
// `tenants_file` reads hosting.tenants_file (default: the file itself).
std::optional<topology::Topology> load_topology_file(const std::string& path, Console console,
                                                     const topology::ReadFile& tenants_file = {});

// The zones' SOA serial when the topology gives none: the latest modification time (seconds
// since 1970) of the topology file and its tenants file, which grows with every edit, so that
// secondaries transfer the changed zones; 0 when neither can be read (standard input).
std::uint32_t input_serial(const std::string& path, const topology::Topology& topology);

// nsupdate's `server` line ("IP PORT") from --server IP[:PORT]; "" when none was given;
// nullopt after printing why it is not an address (the caller exits with kBadInput).
std::optional<std::string> nsupdate_server(const std::string& spec, Console console);

// Zone files given as VIEW=FILE (views internal, external); nullopt after printing problems.
std::optional<simulate::DnsWorld> load_zone_files(const std::vector<std::string>& specs,
                                                  Console console);

} // namespace lyncplan::cli
