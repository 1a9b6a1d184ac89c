// The anonymous Lync Autodiscover walk (MS-OCDISCWS 3.1.5.2, DISCOVERY.md 2): fetch Root, follow
// Redirect links (and HTTP 3xx) at most 10 times, never from HTTPS down to HTTP, and report the
// User and XFrame links of the answer. Pure: the fetching is a function passed in.
#pragma once

#include <lyncplan/util/expected.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lyncplan::probe {

// The JSON Accept header clients send (DISCOVERY.md 2.1).
inline constexpr const char* kAutodiscoverAccept =
    "application/vnd.microsoft.rtc.autodiscover+json;v=1";

struct HttpResponse {
  long status = 0; // 0 when no response arrived
  std::string content_type;
  std::string location; // the Location header of a 3xx
  std::string body;
  std::string error; // transport failure (DNS, connect, TLS, timeout, too large), or ""
  bool timed_out = false;
};

using Fetch = std::function<HttpResponse(const std::string& url)>;

struct RootLinks {
  std::string self;
  std::string user;
  std::string xframe;
  std::string redirect;
  std::string domain;
  std::string oauth;
  std::string access_location; // the Root's AccessLocation ("Internal", "External"), if given
};

// The _links of a JSON Root document; an error when the body is not one.
Expected<RootLinks, std::string> parse_root(std::string_view body);

enum class AutodiscoverVerdict {
  answered,           // a Root with a User link
  redirect_loop,      // a URL came back
  too_many_redirects, // more than the limit
  downgrade_refused,  // HTTPS redirected to HTTP
  http_error,         // a status other than 200 (and not a followed 3xx)
  not_autodiscover,   // 200 but not an Autodiscover Root (HTML page, wrong content type, bad JSON)
  unreachable,        // no HTTP answer at all
};

const char* to_string(AutodiscoverVerdict verdict);

struct AutodiscoverHop {
  std::string url;
  long status = 0;
  std::string how; // "start", "redirect link", "HTTP 301", ...
};

struct AutodiscoverWalk {
  AutodiscoverVerdict verdict = AutodiscoverVerdict::unreachable;
  std::string message;
  std::vector<AutodiscoverHop> hops;
  RootLinks links; // of the last Root read
};

inline constexpr int kMaxAutodiscoverRedirects = 10; // as Exchange's client (DISCOVERY.md 2.2)

AutodiscoverWalk walk_autodiscover(const std::string& start_url, const Fetch& fetch,
                                   int max_redirects = kMaxAutodiscoverRedirects);

// The Root URL clients try first for `domain` and a user in it, e.g.
// https://lyncdiscover.contoso.com/?sipuri=user@contoso.com.
std::string autodiscover_url(bool https, bool internal, std::string_view domain,
                             std::string_view sip_user);

} // namespace lyncplan::probe
