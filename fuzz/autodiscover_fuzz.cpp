// Fuzz target: Autodiscover answers from a hostile server. The input is a chain of HTTP answers
// separated by lines of "====": each is "STATUS CONTENT-TYPE [LOCATION]\n" then a body; the walk
// follows them as if each URL had answered so, so redirects, loops, bad JSON and deep nesting are
// all reachable.
#include <lyncplan/probe/autodiscover.hpp>

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<lyncplan::probe::HttpResponse> answers(const std::string& text) {
  std::vector<lyncplan::probe::HttpResponse> out;
  std::size_t at = 0;
  while (at <= text.size() && out.size() < 32) {
    const std::size_t end = text.find("\n====\n", at);
    const std::string part = text.substr(at, end == std::string::npos ? end : end - at);
    const std::size_t nl = part.find('\n');
    std::istringstream head(part.substr(0, nl));
    lyncplan::probe::HttpResponse r;
    head >> r.status >> r.content_type >> r.location;
    r.body = nl == std::string::npos ? std::string() : part.substr(nl + 1);
    out.push_back(std::move(r));
    if (end == std::string::npos) {
      break;
    }
    at = end + 6;
  }
  return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)lyncplan::probe::parse_root(text);
  const auto chain = answers(text);
  std::size_t next = 0;
  const auto walk = lyncplan::probe::walk_autodiscover(
      "https://lyncdiscover.contoso.com/?sipuri=a@contoso.com", [&](const std::string&) {
        return next < chain.size() ? chain[next++] : lyncplan::probe::HttpResponse{};
      });
  if (walk.hops.size() > static_cast<std::size_t>(lyncplan::probe::kMaxAutodiscoverRedirects) + 1) {
    std::abort(); // the walk never fetches more than the start and ten redirects
  }
  return 0;
}
