// A cutover's steps in the forms its readers use: a table, JSON, BIND zone fragments and an
// nsupdate script (RFC 2136) per view. The Windows DNS script is render_powershell over
// Cutover::script_plan.
#pragma once

#include <lyncplan/cutover/cutover.hpp>

#include <string>

namespace lyncplan::cutover {

std::string cutover_text(const Cutover& c, bool color);
std::string cutover_json(const Cutover& c);
// Per view and zone: the records to delete (as comments to act on) and the records to add.
std::string cutover_zone(const Cutover& c);

struct NsupdateOptions {
  plan::View view = plan::View::external;
  std::string server;      // "IP PORT" for a `server` line; "" lets nsupdate ask the SOA
  std::string output_name; // the script's file, named in its usage line
};
// One view's steps: exact deletions then additions per zone, one update per zone; sending it
// twice changes nothing.
std::string cutover_nsupdate(const Cutover& c, const NsupdateOptions& o);

} // namespace lyncplan::cutover
