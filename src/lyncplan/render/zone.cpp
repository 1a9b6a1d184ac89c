// BIND master files: one per view and zone, written as <view>/<zone>.zone, plus index.txt and
// the configurations of the DNS servers asked for (render/zone_servers.cpp).
#include <lyncplan/dns/name.hpp>
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/render/zone_servers.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace lyncplan::render {
namespace {

using namespace lyncplan::plan;

std::uint32_t serial_of(const Input& input) {
  const auto& authority = input.topology.dns;
  return authority && authority->serial   ? *authority->serial
         : input.options.zone_serial != 0 ? input.options.zone_serial
                                          : 1;
}

// The zone's own records: SOA and NS from the topology's dns: section, with the address of a
// name server that lies inside the zone (glue); without the section, placeholders a server needs
// to load the file, the plan's records being the content. The serial is the topology's, else the
// one the CLI gives (the input's modification time), else 1: the same input, the same bytes.
void zone_header(std::string& out, const Input& input, View view, const std::string& zone,
                 std::size_t count) {
  const auto& authority = input.topology.dns;
  fmt::format_to(std::back_inserter(out), "; lyncplan: {} view of zone {} ({} records)\n",
                 to_string(view), zone, count);
  if (!authority) {
    fmt::format_to(std::back_inserter(out),
                   "; SOA and NS are placeholders: merge the records into your zone, or set "
                   "your own name server.\n"
                   "$ORIGIN {}.\n$TTL 3600\n"
                   "@\tIN\tSOA\tns.invalid. hostmaster.invalid. 1 3600 600 1209600 3600\n"
                   "@\tIN\tNS\tns.invalid.\n",
                   zone);
    return;
  }
  const std::uint32_t serial = authority->serial                ? *authority->serial
                               : input.options.zone_serial != 0 ? input.options.zone_serial
                                                                : 1;
  fmt::format_to(std::back_inserter(out),
                 "$ORIGIN {}.\n$TTL {}\n@\tIN\tSOA\t{}. {}. {} 3600 600 1209600 {}\n", zone,
                 authority->ttl, authority->primary, authority->hostmaster, serial,
                 std::min<std::uint32_t>(authority->ttl, 3600));
  for (const auto& ns : authority->nameservers) {
    fmt::format_to(std::back_inserter(out), "@\tIN\tNS\t{}.\n", ns.fqdn);
  }
  for (const auto& ns : authority->nameservers) {
    if (ns.ip && dns::is_within(ns.fqdn, zone) && ns.fqdn != zone) {
      fmt::format_to(std::back_inserter(out), "{}\t{}\tIN\t{}\t{}\n",
                     dns::relative_name(ns.fqdn, zone), authority->ttl,
                     ns.ip->family == dns::Family::v4 ? "A" : "AAAA", ns.ip->text);
    }
  }
}

// A stable label for a member zone (RFC 9432 4.1: unique within the catalog): FNV-1a of its
// name, 64 bits in hex.
std::string member_label(std::string_view zone) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (char c : zone) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  return fmt::format("{:016x}", hash);
}

// The catalog zone (RFC 9432, version 2) of the external view: one PTR per member zone, so that
// a secondary that follows the catalog serves every zone without being configured for each.
File catalog_zone(const Input& input, const std::vector<ZoneFile>& zones) {
  const auto& authority = *input.topology.dns;
  File file;
  file.path = fmt::format("external/{}.zone", authority.catalog);
  std::size_t members = 0;
  for (const ZoneFile& z : zones) {
    members += z.view == View::external ? 1 : 0;
  }
  fmt::format_to(std::back_inserter(file.content),
                 "; lyncplan: catalog zone (RFC 9432) of the external view ({} member zones)\n"
                 "$ORIGIN {}.\n$TTL 0\n@\tIN\tSOA\t{}. {}. {} 3600 600 1209600 0\n"
                 "@\tIN\tNS\tinvalid.\nversion\tIN\tTXT\t\"2\"\n",
                 members, authority.catalog, authority.primary, authority.hostmaster,
                 serial_of(input));
  for (const ZoneFile& z : zones) {
    if (z.view == View::external) {
      fmt::format_to(std::back_inserter(file.content), "{}.zones\tIN\tPTR\t{}.\n",
                     member_label(z.zone), z.zone);
    }
  }
  return file;
}

} // namespace

void append_zone_record(std::string& out, const plan::DnsRecord& r) {
  const std::string owner = dns::relative_name(r.name, r.zone);
  fmt::format_to(std::back_inserter(out), "; {}: {}\n", r.rule, r.why.str());
  fmt::format_to(std::back_inserter(out), "{}\t{}\tIN\t{}\t{}\n", owner, r.ttl, to_string(r.type),
                 master_data(r));
}

std::string master_data(const plan::DnsRecord& r) {
  switch (r.type) {
  case RrType::SRV:
    return fmt::format("{} {} {} {}.", r.priority, r.weight, r.port, r.value);
  case RrType::CNAME:
    return r.value + ".";
  default:
    return r.value;
  }
}

Expected<Output, std::string> render_zone(const Input& input) {
  const Plan& plan = input.plan;
  Output output;
  std::string index = "# lyncplan zone files: view, zone, file, records\n";
  std::vector<ZoneFile> zones;
  const auto& records = plan.dns;
  for (std::size_t begin = 0; begin < records.size();) {
    std::size_t end = begin;
    while (end < records.size() && records[end].view == records[begin].view &&
           records[end].zone == records[begin].zone) {
      ++end;
    }
    const DnsRecord& first = records[begin];
    File file;
    file.path = fmt::format("{}/{}.zone", to_string(first.view), first.zone);
    zone_header(file.content, input, first.view, first.zone, end - begin);
    for (std::size_t i = begin; i < end; ++i) {
      append_zone_record(file.content, records[i]);
    }
    fmt::format_to(std::back_inserter(index), "{}\t{}\t{}\t{}\n", to_string(first.view), first.zone,
                   file.path, end - begin);
    zones.push_back({first.view, first.zone, file.path});
    output.files.push_back(std::move(file));
    begin = end;
  }
  if (const auto& authority = input.topology.dns; authority && !authority->catalog.empty()) {
    File catalog = catalog_zone(input, zones);
    fmt::format_to(std::back_inserter(index), "{}\t{}\t{}\t{}\n", to_string(View::external),
                   authority->catalog, catalog.path, zones.size());
    zones.push_back({View::external, authority->catalog, catalog.path});
    output.files.push_back(std::move(catalog));
  }
  for (const std::string& server : input.options.zone_servers) {
    for (ZoneServerConfig& config : zone_server_configs(server, input, zones)) {
      fmt::format_to(std::back_inserter(index), "config\t{}\t{}\t{}\n", server, config.file.path,
                     config.zones);
      output.files.push_back(std::move(config.file));
    }
  }
  if (!plan.dns_removals.empty()) {
    // The zones above no longer hold these; a zone kept by hand must have them deleted.
    index += "# records to delete (teams-only domains): view, zone, name, type, data\n";
    for (const DnsRecord& r : plan.dns_removals) {
      const std::string data =
          r.type == RrType::SRV ? fmt::format("{} {} {} {}.", r.priority, r.weight, r.port, r.value)
          : r.type == RrType::CNAME ? r.value + "."
                                    : r.value;
      fmt::format_to(std::back_inserter(index), "#   {}\t{}\t{}.\t{}\t{}\n", to_string(r.view),
                     r.zone, r.name, to_string(r.type), data);
    }
  }
  output.files.push_back({"index.txt", std::move(index)});
  return output;
}

} // namespace lyncplan::render
