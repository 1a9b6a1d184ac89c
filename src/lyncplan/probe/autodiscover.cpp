// The anonymous Lync Autodiscover walk over a fetch function (MS-OCDISCWS 3.1.5.2).
#include <lyncplan/probe/autodiscover.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace lyncplan::probe {
namespace {

std::string href(const nlohmann::json& links, const char* key) {
  // Link names are matched without case: servers write "redirect" and "Redirect".
  for (auto it = links.begin(); it != links.end(); ++it) {
    if (to_lower(it.key()) == key && it->is_object()) {
      const auto h = it->find("href");
      if (h != it->end() && h->is_string()) {
        return h->get<std::string>();
      }
    }
  }
  return {};
}

bool is_json_type(std::string_view content_type) {
  const std::string t = to_lower(content_type);
  return t.starts_with("application/vnd.microsoft.rtc.autodiscover+json") ||
         t.starts_with("application/json");
}

std::string scheme_of(std::string_view url) {
  const auto colon = url.find("://");
  return colon == std::string_view::npos ? std::string() : to_lower(url.substr(0, colon));
}

// A relative Location resolved against the URL it came from (absolute path or full URL only).
std::string resolve_location(const std::string& base, const std::string& location) {
  if (location.find("://") != std::string::npos || !location.starts_with("/")) {
    return location;
  }
  const auto authority = base.find("://");
  const auto path = base.find('/', authority == std::string::npos ? 0 : authority + 3);
  return base.substr(0, path) + location;
}

} // namespace

const char* to_string(AutodiscoverVerdict verdict) {
  switch (verdict) {
  case AutodiscoverVerdict::answered:
    return "answered";
  case AutodiscoverVerdict::redirect_loop:
    return "redirect-loop";
  case AutodiscoverVerdict::too_many_redirects:
    return "too-many-redirects";
  case AutodiscoverVerdict::downgrade_refused:
    return "downgrade-refused";
  case AutodiscoverVerdict::http_error:
    return "http-error";
  case AutodiscoverVerdict::not_autodiscover:
    return "not-autodiscover";
  case AutodiscoverVerdict::unreachable:
    return "unreachable";
  }
  return "unknown";
}

Expected<RootLinks, std::string> parse_root(std::string_view body) {
  const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded()) {
    return unexpected(std::string("the body is not JSON"));
  }
  if (!doc.is_object() || !doc.contains("_links") || !doc["_links"].is_object()) {
    return unexpected(std::string("the JSON has no _links object"));
  }
  const nlohmann::json& links = doc["_links"];
  RootLinks out;
  out.self = href(links, "self");
  out.user = href(links, "user");
  out.xframe = href(links, "xframe");
  out.redirect = href(links, "redirect");
  out.domain = href(links, "domain");
  out.oauth = href(links, "oauth");
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (to_lower(it.key()) == "accesslocation" && it->is_string()) {
      out.access_location = it->get<std::string>();
    }
  }
  if (out.user.empty() && out.redirect.empty()) {
    return unexpected(std::string("the Root has neither a user nor a redirect link "
                                  "(MS-OCDISCWS 3.1.5.2 needs one of them)"));
  }
  return out;
}

AutodiscoverWalk walk_autodiscover(const std::string& start_url, const Fetch& fetch,
                                   int max_redirects) {
  AutodiscoverWalk walk;
  std::string url = start_url;
  std::string how = "start";
  std::vector<std::string> seen;
  for (int redirects = 0;; ++redirects) {
    const HttpResponse r = fetch(url);
    walk.hops.push_back({url, r.status, how});
    seen.push_back(to_lower(url));
    if (r.status == 0) {
      walk.verdict = AutodiscoverVerdict::unreachable;
      walk.message = fmt::format("{}: {}", url, r.error.empty() ? "no answer" : r.error);
      return walk;
    }
    std::string next;
    if (r.status >= 300 && r.status < 400 && !r.location.empty()) {
      next = resolve_location(url, r.location);
      how = fmt::format("HTTP {}", r.status);
    } else if (r.status != 200) {
      walk.verdict = AutodiscoverVerdict::http_error;
      walk.message = fmt::format("{} answered HTTP {}", url, r.status);
      return walk;
    } else if (!is_json_type(r.content_type)) {
      walk.verdict = AutodiscoverVerdict::not_autodiscover;
      walk.message = fmt::format("{} answered 200 with Content-Type '{}', not an Autodiscover "
                                 "document",
                                 url, r.content_type);
      return walk;
    } else {
      auto links = parse_root(r.body);
      if (!links) {
        walk.verdict = AutodiscoverVerdict::not_autodiscover;
        walk.message = fmt::format("{}: {}", url, links.error());
        return walk;
      }
      walk.links = *links;
      if (links->redirect.empty()) {
        walk.verdict = AutodiscoverVerdict::answered;
        walk.message = fmt::format("user link {}", links->user);
        return walk;
      }
      next = links->redirect;
      how = "redirect link";
    }
    if (scheme_of(url) == "https" && scheme_of(next) == "http") {
      walk.verdict = AutodiscoverVerdict::downgrade_refused;
      walk.message = fmt::format("{} redirects from HTTPS down to HTTP ({}); clients do not follow",
                                 url, next);
      return walk;
    }
    if (std::find(seen.begin(), seen.end(), to_lower(next)) != seen.end()) {
      walk.verdict = AutodiscoverVerdict::redirect_loop;
      walk.message = fmt::format("redirect loop: {} leads back to {}", url, next);
      return walk;
    }
    if (redirects + 1 > max_redirects) {
      walk.verdict = AutodiscoverVerdict::too_many_redirects;
      walk.message = fmt::format("more than {} redirects; clients give up", max_redirects);
      return walk;
    }
    url = next;
  }
}

std::string autodiscover_url(bool https, bool internal, std::string_view domain,
                             std::string_view sip_user) {
  return fmt::format("{}://{}.{}/?sipuri={}@{}", https ? "https" : "http",
                     internal ? "lyncdiscoverinternal" : "lyncdiscover", domain, sip_user, domain);
}

} // namespace lyncplan::probe
