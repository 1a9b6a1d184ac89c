// Which Lync web service a request is for, by its path.
#include <lyncplan/logs/classify.hpp>

#include <array>
#include <cstring>
#include <utility>

namespace lyncplan::logs {
namespace {

// Lower-cases at most N characters of `text` into `buffer`; returns the copied view.
template <std::size_t N> std::string_view lower_into(std::string_view text, char (&buffer)[N]) {
  const std::size_t n = text.size() < N ? text.size() : N;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = text[i];
    buffer[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return {buffer, n};
}

// Whether `text` equals the lower-case `name` of the same length, ignoring case.
bool equals_lower(std::string_view text, std::string_view name) {
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = text[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != name[i]) {
      return false;
    }
  }
  return true;
}

constexpr std::array<std::pair<std::string_view, WebService>, 11> kServices = {{
    {"certprov", WebService::certprov},
    {"webticket", WebService::webticket},
    {"rgsclients", WebService::rgsclients},
    {"groupexpansion", WebService::groupexpansion},
    {"abs", WebService::abs},
    {"autodiscover", WebService::autodiscover},
    {"mcx", WebService::mcx},
    {"ucwa", WebService::ucwa},
    {"reach", WebService::reach},
    {"meet", WebService::meet},
    {"dialin", WebService::dialin},
}};

} // namespace

Classified classify(std::string_view stem) {
  Classified out;
  if (stem.empty() || stem.front() != '/') {
    return out;
  }
  const std::string_view rest = stem.substr(1);
  const std::string_view segment = rest.substr(0, rest.find('/'));
  if (segment.size() > 16) {
    return out; // longer than any service name
  }
  for (const auto& [name, service] : kServices) {
    if (segment.size() == name.size() && equals_lower(segment, name)) {
      out.service = service;
      break;
    }
  }
  if (out.service == WebService::webticket || out.service == WebService::certprov ||
      out.service == WebService::rgsclients || out.service == WebService::groupexpansion) {
    const std::size_t svc = stem.rfind(".svc");
    char tail_buffer[32];
    const std::string_view rest_of_path =
        svc == std::string_view::npos ? std::string_view() : stem.substr(svc + 4);
    const std::string_view tail =
        rest_of_path.empty() ? rest_of_path : lower_into(rest_of_path, tail_buffer);
    if (tail.find("mex") != std::string_view::npos) {
      out.variant = "mex";
    } else if (tail.find("proof") != std::string_view::npos) {
      out.variant = "proof";
    } else if (tail.find("bearer") != std::string_view::npos) {
      out.variant = "bearer";
    } else if (tail.find("cert") != std::string_view::npos) {
      out.variant = "cert";
    }
  }
  return out;
}

const char* to_string(WebService s) {
  switch (s) {
  case WebService::certprov:
    return "CertProv";
  case WebService::webticket:
    return "WebTicket";
  case WebService::rgsclients:
    return "RgsClients";
  case WebService::groupexpansion:
    return "groupexpansion";
  case WebService::abs:
    return "abs";
  case WebService::autodiscover:
    return "Autodiscover";
  case WebService::mcx:
    return "Mcx";
  case WebService::ucwa:
    return "UCWA";
  case WebService::reach:
    return "Reach";
  case WebService::meet:
    return "meet";
  case WebService::dialin:
    return "dialin";
  case WebService::unknown:
    return "unknown";
  }
  return "?";
}

bool is_director_sign_in(WebService s) {
  return s == WebService::certprov || s == WebService::webticket;
}

} // namespace lyncplan::logs
