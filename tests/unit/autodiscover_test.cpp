// The anonymous Autodiscover walk: its rules over a table of answers, then libcurl against a real
// nginx on loopback (TLS with a certificate from a test CA made in the test) serving a Root with a
// user link, a redirect chain, a redirect loop, a downgrade, an HTTP-only root, an HTML page and an
// oversized answer.
#include "support/files.hpp"
#include "support/servers.hpp"
#include "support/test_ca.hpp"

#include <lyncplan/probe/autodiscover.hpp>
#include <lyncplan/probe/http_fetch.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>

namespace lyncplan::probe {
namespace {

namespace fs = std::filesystem;

HttpResponse json_root(const std::string& links) {
  HttpResponse r;
  r.status = 200;
  r.content_type = "application/vnd.microsoft.rtc.autodiscover+json; v=1";
  r.body = R"({"_links":{)" + links + "}}";
  return r;
}

HttpResponse redirect_to(const std::string& url) {
  return json_root(R"("self":{"href":"x"},"redirect":{"href":")" + url + R"("})");
}

HttpResponse user_at(const std::string& host) {
  return json_root(
      R"("user":{"href":"https://)" + host +
      R"(/Autodiscover/AutodiscoverService.svc/root/oauth/user"},"xframe":{"href":"https://)" +
      host + R"(/Autodiscover/XFrame/XFrame.html"})");
}

// A fetch over a fixed table of answers; unknown URLs get no answer.
Fetch table(std::map<std::string, HttpResponse> answers) {
  return [answers = std::move(answers)](const std::string& url) {
    const auto it = answers.find(url);
    if (it != answers.end()) {
      return it->second;
    }
    HttpResponse none;
    none.error = "Could not resolve host";
    return none;
  };
}

TEST(AutodiscoverWalk, HttpRootRedirectsToHttpsAndAnswers) {
  HttpResponse moved;
  moved.status = 301;
  moved.location = "https://lyncdiscover.contoso.com/?sipuri=a@contoso.com";
  const auto walk = walk_autodiscover(
      "http://lyncdiscover.contoso.com/?sipuri=a@contoso.com",
      table({{"http://lyncdiscover.contoso.com/?sipuri=a@contoso.com", moved},
             {"https://lyncdiscover.contoso.com/?sipuri=a@contoso.com",
              redirect_to("https://webext.contoso.com/root")},
             {"https://webext.contoso.com/root", user_at("webext.contoso.com")}}));
  EXPECT_EQ(walk.verdict, AutodiscoverVerdict::answered) << walk.message;
  ASSERT_EQ(walk.hops.size(), 3u);
  EXPECT_EQ(walk.hops[1].how, "HTTP 301");
  EXPECT_EQ(walk.hops[2].how, "redirect link");
  EXPECT_EQ(walk.links.user,
            "https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root/oauth/user");
  EXPECT_EQ(walk.links.xframe, "https://webext.contoso.com/Autodiscover/XFrame/XFrame.html");
}

TEST(AutodiscoverWalk, LoopIsReportedWhereItCloses) {
  const auto walk = walk_autodiscover("https://a.test/",
                                      table({{"https://a.test/", redirect_to("https://b.test/")},
                                             {"https://b.test/", redirect_to("https://A.test/")}}));
  EXPECT_EQ(walk.verdict, AutodiscoverVerdict::redirect_loop);
  EXPECT_EQ(walk.message, "redirect loop: https://b.test/ leads back to https://A.test/");
  EXPECT_EQ(walk.hops.size(), 2u);
}

TEST(AutodiscoverWalk, TenRedirectsAreFollowedAndTheEleventhIsNot) {
  std::map<std::string, HttpResponse> answers;
  for (int i = 0; i < 10; ++i) {
    answers["https://h" + std::to_string(i) + ".test/"] =
        redirect_to("https://h" + std::to_string(i + 1) + ".test/");
  }
  answers["https://h10.test/"] = user_at("h10.test");
  EXPECT_EQ(walk_autodiscover("https://h0.test/", table(answers)).verdict,
            AutodiscoverVerdict::answered);
  answers["https://h10.test/"] = redirect_to("https://h11.test/");
  answers["https://h11.test/"] = user_at("h11.test");
  const auto walk = walk_autodiscover("https://h0.test/", table(answers));
  EXPECT_EQ(walk.verdict, AutodiscoverVerdict::too_many_redirects);
  EXPECT_EQ(walk.hops.size(), 11u) << "the 11th redirect is never fetched";
}

TEST(AutodiscoverWalk, HttpsNeverFollowsDownToHttp) {
  const auto walk = walk_autodiscover("https://a.test/",
                                      table({{"https://a.test/", redirect_to("http://b.test/")},
                                             {"http://b.test/", user_at("b.test")}}));
  EXPECT_EQ(walk.verdict, AutodiscoverVerdict::downgrade_refused);
  EXPECT_EQ(walk.hops.size(), 1u);
}

TEST(AutodiscoverWalk, HtmlErrorsAndBadJsonAreNamed) {
  HttpResponse html;
  html.status = 200;
  html.content_type = "text/html";
  html.body = "<html>IIS</html>";
  EXPECT_EQ(
      walk_autodiscover("https://a.test/", table({{"https://a.test/", html}})).message,
      "https://a.test/ answered 200 with Content-Type 'text/html', not an Autodiscover document");
  HttpResponse missing;
  missing.status = 404;
  EXPECT_EQ(walk_autodiscover("https://a.test/", table({{"https://a.test/", missing}})).verdict,
            AutodiscoverVerdict::http_error);
  HttpResponse broken = json_root("");
  broken.body = R"({"_links": {"self": )";
  EXPECT_EQ(walk_autodiscover("https://a.test/", table({{"https://a.test/", broken}})).message,
            "https://a.test/: the body is not JSON");
  EXPECT_EQ(walk_autodiscover("https://a.test/",
                              table({{"https://a.test/", json_root(R"("self":{"href":"x"})")}}))
                .message,
            "https://a.test/: the Root has neither a user nor a redirect link (MS-OCDISCWS 3.1.5.2 "
            "needs one of them)");
  EXPECT_EQ(walk_autodiscover("https://nowhere.test/", table({})).verdict,
            AutodiscoverVerdict::unreachable);
}

TEST(AutodiscoverWalk, DeeplyNestedJsonIsRejectedWithoutCrashing) {
  HttpResponse deep = json_root("");
  deep.body = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(walk_autodiscover("https://a.test/", table({{"https://a.test/", deep}})).verdict,
            AutodiscoverVerdict::not_autodiscover);
}

TEST(AutodiscoverWalk, UrlsClientsStartWith) {
  EXPECT_EQ(autodiscover_url(true, false, "contoso.com", "alice"),
            "https://lyncdiscover.contoso.com/?sipuri=alice@contoso.com");
  EXPECT_EQ(autodiscover_url(false, true, "contoso.com", "alice"),
            "http://lyncdiscoverinternal.contoso.com/?sipuri=alice@contoso.com");
}

// --- the nginx lab -----------------------------------------------------------------------------

constexpr const char* kLab = "127.0.0.70";

class AutodiscoverLab : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ =
        new fs::path(fs::temp_directory_path() / ("lyncplan-adlab-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    https_ = testing::free_port(kLab);
    http_ = testing::free_port(kLab);
    ca_ = new testing::TestCa();
    testing::write_file(*dir_ / "ca.pem", ca_->ca_pem());
    const std::string names =
        "DNS:lyncdiscover.contoso.com,DNS:webext.contoso.com,DNS:lyncdiscover.chain.test,"
        "DNS:hop1.chain.test,DNS:hop2.chain.test,DNS:lyncdiscover.loop.test,DNS:back.loop.test,"
        "DNS:lyncdiscover.down.test,DNS:lyncdiscover.html.test,DNS:lyncdiscover.big.test";
    const std::string command = "openssl req -new -newkey rsa:2048 -nodes -subj /CN=lab.test "
                                "-addext subjectAltName=" +
                                names + " -keyout " + (*dir_ / "lab.key").string() + " -out " +
                                (*dir_ / "lab.csr").string() + " 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
    testing::write_file(*dir_ / "lab.crt", ca_->sign(testing::read_file(*dir_ / "lab.csr")));
    std::string big(2 * 1024 * 1024, 'x');
    testing::write_file(*dir_ / "big.json", R"({"_links":{"user":{"href":")" + big + R"("}}})");
    testing::write_file(*dir_ / "nginx.conf", config());
    nginx_ = new testing::ServerProcess(
        {"nginx", "-c", (*dir_ / "nginx.conf").string(), "-p", dir_->string()},
        (*dir_ / "nginx.out").string());
    ready_ = nginx_->wait_listening(kLab, https_) && nginx_->wait_listening(kLab, http_);
  }
  static void TearDownTestSuite() {
    delete nginx_;
    delete ca_;
    fs::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override {
    ASSERT_TRUE(ready_) << "nginx did not start: " << testing::read_file(*dir_ / "nginx.out")
                        << testing::read_file(*dir_ / "error.log");
  }

  static std::string url(bool https, const std::string& host,
                         const std::string& path = "/?sipuri=alice@contoso.com") {
    return (https ? "https://" : "http://") + host + ":" + std::to_string(https ? https_ : http_) +
           path;
  }

  static std::string root(const std::string& links) {
    return "default_type application/vnd.microsoft.rtc.autodiscover+json; return 200 "
           "'{\"_links\":{" +
           links + "}}';";
  }
  static std::string link(const char* name, const std::string& href) {
    return std::string("\"") + name + "\":{\"href\":\"" + href + "\"}";
  }

  static std::string server(bool https, const std::string& name, const std::string& body) {
    const std::string listen = std::string(kLab) + ":" + std::to_string(https ? https_ : http_);
    return "server { listen " + listen + (https ? " ssl" : "") + "; server_name " + name +
           "; location / { " + body + " } }\n";
  }

  static std::string config() {
    const std::string d = dir_->string();
    std::string c = "daemon off;\nworker_processes 1;\npid " + d + "/nginx.pid;\nerror_log " + d +
                    "/error.log;\nevents { worker_connections 64; }\nhttp {\n access_log off;\n"
                    " client_body_temp_path " +
                    d + "/body;\n proxy_temp_path " + d +
                    "/proxy;\n"
                    " fastcgi_temp_path " +
                    d + "/fastcgi;\n uwsgi_temp_path " + d +
                    "/uwsgi;\n"
                    " scgi_temp_path " +
                    d + "/scgi;\n ssl_certificate " + d +
                    "/lab.crt;\n"
                    " ssl_certificate_key " +
                    d + "/lab.key;\n";
    c += server(true, "_", "return 421;");
    c += server(false, "_", "return 421;");
    const std::string user =
        link("user",
             "https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root/oauth/user") +
        "," + link("xframe", "https://webext.contoso.com/Autodiscover/XFrame/XFrame.html");
    c += server(true, "lyncdiscover.contoso.com", root(user));
    c += server(false, "lyncdiscover.contoso.com",
                "return 301 https://lyncdiscover.contoso.com:" + std::to_string(https_) +
                    "$request_uri;");
    c += server(true, "lyncdiscover.chain.test",
                root(link("redirect", url(true, "hop1.chain.test", "/root"))));
    c += server(true, "hop1.chain.test",
                root(link("redirect", url(true, "hop2.chain.test", "/root"))));
    c += server(true, "hop2.chain.test",
                root(link("redirect", url(true, "webext.contoso.com", "/root"))));
    c += server(true, "webext.contoso.com", root(user));
    c += server(true, "lyncdiscover.loop.test",
                root(link("redirect", url(true, "back.loop.test", "/root"))));
    c +=
        server(true, "back.loop.test", root(link("redirect", url(true, "lyncdiscover.loop.test"))));
    c += server(true, "lyncdiscover.down.test",
                root(link("redirect", url(false, "lyncdiscover.down.test"))));
    c += server(false, "lyncdiscover.httponly.test",
                root(link("redirect", url(true, "webext.contoso.com", "/root"))));
    c += server(true, "lyncdiscover.html.test",
                "default_type text/html; return 200 '<html><body>IIS</body></html>';");
    c += server(true, "lyncdiscover.big.test",
                "default_type application/json; root " + d + "; try_files /big.json =404;");
    c += "}\n";
    return c;
  }

  static AutodiscoverWalk walk(const std::string& start) {
    HttpOptions options;
    options.timeout_ms = 3000;
    options.ca_file = (*dir_ / "ca.pem").string();
    for (const char* host :
         {"lyncdiscover.contoso.com", "webext.contoso.com", "lyncdiscover.chain.test",
          "hop1.chain.test", "hop2.chain.test", "lyncdiscover.loop.test", "back.loop.test",
          "lyncdiscover.down.test", "lyncdiscover.httponly.test", "lyncdiscover.html.test",
          "lyncdiscover.big.test"}) {
      for (const int port : {https_, http_}) {
        options.resolve.push_back(std::string(host) + ":" + std::to_string(port) + ":" + kLab);
      }
    }
    return walk_autodiscover(start, [&](const std::string& u) { return http_get(u, options); });
  }

  static inline fs::path* dir_ = nullptr;
  static inline testing::TestCa* ca_ = nullptr;
  static inline testing::ServerProcess* nginx_ = nullptr;
  static inline int https_ = 0;
  static inline int http_ = 0;
  static inline bool ready_ = false;
};

TEST_F(AutodiscoverLab, RootWithUserLinkOverHttps) {
  const auto w = walk(url(true, "lyncdiscover.contoso.com"));
  EXPECT_EQ(w.verdict, AutodiscoverVerdict::answered) << w.message;
  EXPECT_EQ(w.links.user,
            "https://webext.contoso.com/Autodiscover/AutodiscoverService.svc/root/oauth/user");
  EXPECT_EQ(w.links.xframe, "https://webext.contoso.com/Autodiscover/XFrame/XFrame.html");
  ASSERT_EQ(w.hops.size(), 1u);
  EXPECT_EQ(w.hops[0].status, 200);
}

TEST_F(AutodiscoverLab, HttpRootMovedToHttpsIsFollowed) {
  const auto w = walk(url(false, "lyncdiscover.contoso.com"));
  EXPECT_EQ(w.verdict, AutodiscoverVerdict::answered) << w.message;
  ASSERT_EQ(w.hops.size(), 2u);
  EXPECT_EQ(w.hops[1].how, "HTTP 301");
  EXPECT_EQ(w.hops[1].url, url(true, "lyncdiscover.contoso.com"));
}

TEST_F(AutodiscoverLab, RedirectChainIsFollowedHopByHop) {
  const auto w = walk(url(true, "lyncdiscover.chain.test"));
  EXPECT_EQ(w.verdict, AutodiscoverVerdict::answered) << w.message;
  ASSERT_EQ(w.hops.size(), 4u);
  EXPECT_EQ(w.hops[1].url, url(true, "hop1.chain.test", "/root"));
  EXPECT_EQ(w.hops[3].url, url(true, "webext.contoso.com", "/root"));
}

TEST_F(AutodiscoverLab, RedirectLoopIsReported) {
  const auto w = walk(url(true, "lyncdiscover.loop.test"));
  EXPECT_EQ(w.verdict, AutodiscoverVerdict::redirect_loop) << w.message;
  EXPECT_EQ(w.hops.size(), 2u);
}

TEST_F(AutodiscoverLab, DowngradeToHttpIsRefused) {
  const auto w = walk(url(true, "lyncdiscover.down.test"));
  EXPECT_EQ(w.verdict, AutodiscoverVerdict::downgrade_refused) << w.message;
}

TEST_F(AutodiscoverLab, HttpOnlyRootAnswersOverHttpAndNotOverHttps) {
  const auto plain = walk(url(false, "lyncdiscover.httponly.test"));
  EXPECT_EQ(plain.verdict, AutodiscoverVerdict::answered) << plain.message;
  EXPECT_EQ(plain.hops.size(), 2u);
  const auto secure = walk(url(true, "lyncdiscover.httponly.test"));
  EXPECT_NE(secure.verdict, AutodiscoverVerdict::answered);
  EXPECT_NE(secure.message.find("SSL"), std::string::npos)
      << "the lab certificate does not name it, so TLS fails: " << secure.message;
}

TEST_F(AutodiscoverLab, HtmlPageIsNotAnAutodiscoverAnswer) {
  const auto w = walk(url(true, "lyncdiscover.html.test"));
  EXPECT_EQ(w.verdict, AutodiscoverVerdict::not_autodiscover) << w.message;
  EXPECT_NE(w.message.find("Content-Type 'text/html'"), std::string::npos) << w.message;
}

TEST_F(AutodiscoverLab, OversizedAnswerIsCutOffAtOneMegabyte) {
  const auto w = walk(url(true, "lyncdiscover.big.test"));
  EXPECT_EQ(w.verdict, AutodiscoverVerdict::unreachable) << w.message;
  EXPECT_NE(w.message.find("the answer is larger than 1048576 bytes"), std::string::npos)
      << w.message;
}

} // namespace
} // namespace lyncplan::probe
