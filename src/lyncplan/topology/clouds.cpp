// The Microsoft 365 clouds' Skype for Business / Teams names, one row per cloud.
#include <lyncplan/dns/name.hpp>
#include <lyncplan/topology/clouds.hpp>

#include <fmt/format.h>

#include <array>
#include <string>

namespace lyncplan::topology {
namespace {

// Rows in the order of the Cloud enum (checked below). Commercial: Microsoft 365 "External
// Domain Name System records" (2024-10-24); the others: the federation targets Microsoft's
// hybrid and sovereign-cloud pages give, with sipdir/webdir beside them on the same host suffix.
constexpr std::array kClouds = {
    CloudFacts{Cloud::commercial, "commercial", "Microsoft 365 (commercial)",
               "sipfed.online.lync.com", "sipdir.online.lync.com", "webdir.online.lync.com",
               "lync.com",
               "https://learn.microsoft.com/microsoft-365/enterprise/"
               "external-domain-name-system-records"},
    CloudFacts{Cloud::gcc_high, "gcc-high", "Microsoft 365 GCC High",
               "sipfed.online.gov.skypeforbusiness.us", "sipdir.online.gov.skypeforbusiness.us",
               "webdir.online.gov.skypeforbusiness.us", "gov.skypeforbusiness.us",
               "https://learn.microsoft.com/microsoft-365/enterprise/"
               "dns-records-for-office-365-gcc-high"},
    CloudFacts{Cloud::dod, "dod", "Microsoft 365 DoD", "sipfed.online.dod.skypeforbusiness.us",
               "sipdir.online.dod.skypeforbusiness.us", "webdir.online.dod.skypeforbusiness.us",
               "dod.skypeforbusiness.us",
               "https://learn.microsoft.com/microsoft-365/enterprise/"
               "dns-records-for-office-365-dod"},
    CloudFacts{Cloud::china, "china", "Microsoft 365 operated by 21Vianet",
               "sipfed.online.partner.lync.cn", "sipdir.online.partner.lync.cn",
               "webdir.online.partner.lync.cn", "partner.lync.cn",
               "https://learn.microsoft.com/skypeforbusiness/hybrid/"
               "configure-federation-with-skype-for-business-online"},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kClouds.size(); ++i) {
    if (static_cast<std::size_t>(kClouds[i].cloud) != i) {
      return false;
    }
  }
  return true;
}
static_assert(in_enum_order(), "kClouds rows must follow the Cloud enum");

} // namespace

std::span<const CloudFacts> clouds() {
  return kClouds;
}

const CloudFacts& cloud_facts(Cloud c) {
  return kClouds[static_cast<std::size_t>(c)];
}

std::string autodiscover_url(const CloudFacts& facts) {
  return fmt::format("https://{}/Autodiscover/AutodiscoverService.svc/root", facts.webdir);
}

std::optional<Cloud> microsoft_cloud_of(std::string_view host) {
  for (const CloudFacts& f : kClouds) {
    if (dns::is_within(host, f.suffix)) {
      return f.cloud;
    }
  }
  return std::nullopt;
}

const char* to_string(Cloud c) {
  return cloud_facts(c).name.data();
}

const char* to_string(DomainMode m) {
  switch (m) {
  case DomainMode::on_premises:
    return "on-premises";
  case DomainMode::hybrid:
    return "hybrid";
  case DomainMode::teams_only:
    return "teams-only";
  }
  return "?";
}

} // namespace lyncplan::topology
