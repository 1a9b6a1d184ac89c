// One HTTP GET with libcurl, bounded in time and size, redirects left to the caller.
#include <lyncplan/probe/http_fetch.hpp>

#include <fmt/format.h>

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace lyncplan::probe {
namespace {

std::once_flag curl_once;

struct Sink {
  std::string* body;
  std::size_t max;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->body->size() + n > sink->max) {
    sink->too_large = true;
    return 0; // makes curl stop with CURLE_WRITE_ERROR
  }
  sink->body->append(data, n);
  return n;
}

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

} // namespace

HttpResponse http_get(const std::string& url, const HttpOptions& options) {
  std::call_once(curl_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  HttpResponse out;
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) {
    out.error = "cannot start libcurl";
    return out;
  }
  std::unique_ptr<curl_slist, ListFree> headers(
      curl_slist_append(nullptr, ("Accept: " + options.accept).c_str()));
  std::unique_ptr<curl_slist, ListFree> resolve;
  for (const auto& entry : options.resolve) {
    resolve.reset(curl_slist_append(resolve.release(), entry.c_str()));
  }
  std::unique_ptr<curl_slist, ListFree> connect_to;
  for (const auto& entry : options.connect_to) {
    connect_to.reset(curl_slist_append(connect_to.release(), entry.c_str()));
  }
  Sink sink{&out.body, options.max_body};
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  if (resolve) {
    curl_easy_setopt(c, CURLOPT_RESOLVE, resolve.get());
  }
  if (connect_to) {
    curl_easy_setopt(c, CURLOPT_CONNECT_TO, connect_to.get());
  }
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout_ms));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.timeout_ms));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  // A declared Content-Length over the limit ends the transfer before the body; an undeclared
  // (chunked) one is cut by on_body.
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "lyncplan-check");
  if (!options.ca_file.empty()) {
    curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_file.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    out.timed_out = rc == CURLE_OPERATION_TIMEDOUT;
    if (rc == CURLE_FILESIZE_EXCEEDED) {
      out.error = fmt::format("the answer is larger than {} bytes (its Content-Length says so; "
                              "nothing of it was read)",
                              options.max_body);
    } else if (sink.too_large) {
      out.error = fmt::format("the answer is larger than {} bytes", options.max_body);
    } else {
      out.error = fmt::format("{}", error[0] != 0 ? error : curl_easy_strerror(rc));
    }
    out.body.clear();
    return out;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
  const char* type = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != nullptr) {
    out.content_type = type;
  }
  const char* location = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != nullptr) {
    out.location = location;
  }
  return out;
}

} // namespace lyncplan::probe
