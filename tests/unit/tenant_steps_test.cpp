// `lyncplan tenant`: only the tenants named, in every form; the reminders about the topology's
// tenant list; the customer page with its ownership record; and every bad input at once.
#include "support/cli_run.hpp"
#include "support/files.hpp"

#include <lyncplan/tenant/instructions.hpp>

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

namespace lyncplan {
namespace {

namespace fs = std::filesystem;

std::string hosting() {
  return testing::source_path("examples/hosting-provider.yaml");
}

testing::CliRun tenant(std::vector<std::string> args) {
  args.insert(args.begin(), "tenant");
  return testing::run_cli(args);
}

class TenantSteps : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lyncplan-tenant-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(TenantSteps, OnlyTheNamedTenantsRecordsInEveryForm) {
  for (const std::string form : {"zone", "nsupdate", "pdns", "powershell"}) {
    const auto run = tenant({"add", hosting(), "fabrikam.com", "northwind.example", "-f", form});
    EXPECT_EQ(run.rc, 0) << form << ": " << run.err;
    EXPECT_NE(run.out.find("_sip"), std::string::npos) << form;
    EXPECT_NE(run.out.find("northwind.example"), std::string::npos) << form;
    // Nothing of the provider's own, nor of the tenants already listed.
    for (const char* other : {"tailspin.com", "wingtip.com", "pool.contoso.com", "webconf",
                              "lyncdiscover.contoso.com"}) {
      EXPECT_EQ(run.out.find(other), std::string::npos) << form << " names " << other;
    }
  }
  const auto zone = tenant({"add", hosting(), "fabrikam.com"});
  EXPECT_NE(zone.out.find("$ORIGIN fabrikam.com.\n"), std::string::npos) << zone.out;
  EXPECT_NE(zone.out.find("_sip._tls\t3600\tIN\tSRV\t0 0 443 sipexternal.contoso.com.\n"),
            std::string::npos)
      << zone.out;
  EXPECT_NE(zone.out.find("lyncdiscover\t3600\tIN\tA\t203.0.113.20\n"), std::string::npos);
  // Three records per tenant, the hosting rules' own.
  const std::regex record("\tIN\t");
  EXPECT_EQ(std::distance(std::sregex_iterator(zone.out.begin(), zone.out.end(), record),
                          std::sregex_iterator()),
            3);
}

TEST_F(TenantSteps, RemindsWhatTheTenantListStillSays) {
  const auto add = tenant({"add", hosting(), "fabrikam.com", "tailspin.com"});
  EXPECT_EQ(add.rc, 0);
  EXPECT_NE(add.err.find("note: fabrikam.com is not in the topology's tenant list: add it there "
                         "too"),
            std::string::npos)
      << add.err;
  EXPECT_EQ(add.err.find("tailspin.com is"), std::string::npos) << add.err;
  const auto remove = tenant({"remove", hosting(), "tailspin.com", "-f", "nsupdate"});
  EXPECT_NE(remove.err.find("note: tailspin.com is still in the topology's tenant list: remove "
                            "it there too"),
            std::string::npos)
      << remove.err;
  EXPECT_NE(remove.out.find("update delete _sip._tls.tailspin.com. IN SRV 0 0 443 "
                            "sipexternal.contoso.com.\n"),
            std::string::npos)
      << remove.out;
}

TEST_F(TenantSteps, TheLyncSideAddsTheSipDomainAndItsOption3MeetingUrl) {
  const auto add = tenant({"add", hosting(), "fabrikam.com", "-f", "lync"});
  EXPECT_EQ(add.rc, 0) << add.err;
  EXPECT_NE(add.out.find("New-CsSipDomain -Identity 'fabrikam.com'"), std::string::npos);
  EXPECT_NE(add.out.find("New-CsSimpleUrlEntry -Url 'https://lync.contoso.com/fabrikam.com/Meet'"),
            std::string::npos)
      << add.out;
  EXPECT_NE(add.out.find("-SimpleUrl @{Add = $meet}"), std::string::npos);
  const auto remove = tenant({"remove", hosting(), "fabrikam.com", "-f", "lync"});
  EXPECT_NE(remove.out.find("Remove-CsSipDomain -Identity 'fabrikam.com' -Force"),
            std::string::npos);
  EXPECT_NE(remove.out.find("-SimpleUrl @{Remove = $url}"), std::string::npos);
  // Another simple URL option: no per-tenant meeting URL, and a note saying why.
  auto text = testing::read_file(hosting());
  text.replace(text.find("option: 3"), 9, "option: 2");
  text.replace(text.find("tenants_file: hosting-tenants.txt"), 33, "tenants: [a.example]");
  testing::write_file(dir_ / "option2.yaml", text);
  const auto option2 =
      tenant({"add", (dir_ / "option2.yaml").string(), "fabrikam.com", "-f", "lync"});
  EXPECT_EQ(option2.rc, 0) << option2.err;
  EXPECT_EQ(option2.out.find("New-CsSimpleUrl "), std::string::npos);
  EXPECT_NE(option2.err.find("simple URL option 2 needs a meet name and a certificate SAN per "
                             "tenant"),
            std::string::npos)
      << option2.err;
}

TEST_F(TenantSteps, CustomerPagesWithAnOwnershipRecord) {
  testing::write_file(dir_ / "secret", "provider-secret\n");
  ::chmod((dir_ / "secret").c_str(), 0600);
  const auto one = tenant({"instructions", hosting(), "fabrikam.com", "--ownership-secret",
                           (dir_ / "secret").string()});
  EXPECT_EQ(one.rc, 0) << one.err;
  const std::string token =
      tenant::ownership_token("provider-secret", "contoso.com", "fabrikam.com");
  EXPECT_EQ(token.size(), std::string("contoso.com-verification=").size() + 32);
  EXPECT_NE(one.out.find("Value:        " + token), std::string::npos) << one.out;
  EXPECT_NE(one.out.find("Linux, macOS: dig +short SRV _sip._tls.fabrikam.com"), std::string::npos);
  // The token depends on the secret and the tenant, and is the same when asked again.
  EXPECT_NE(token, tenant::ownership_token("other-secret", "contoso.com", "fabrikam.com"));
  EXPECT_NE(token, tenant::ownership_token("provider-secret", "contoso.com", "northwind.example"));
  EXPECT_EQ(token, tenant::ownership_token("provider-secret", "contoso.com", "fabrikam.com"));
  // Several tenants: one page each in a folder; never over pages written before without --force.
  const fs::path pages = dir_ / "pages";
  const auto many = tenant({"instructions", hosting(), "fabrikam.com", "northwind.example", "-f",
                            "html", "-o", pages.string()});
  EXPECT_EQ(many.rc, 0) << many.err;
  const std::string html = testing::read_file(pages / "northwind.example.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<title>Lync / Skype for Business for northwind.example, hosted by "
                      "contoso.com</title>"),
            std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">Target</th>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos); // nothing fetched: works from a mail
  const auto again = tenant({"instructions", hosting(), "fabrikam.com", "northwind.example", "-f",
                             "html", "-o", pages.string()});
  EXPECT_EQ(again.rc, 3);
  EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
  const auto no_folder = tenant({"instructions", hosting(), "fabrikam.com", "northwind.example"});
  EXPECT_EQ(no_folder.rc, 2);
  EXPECT_NE(no_folder.err.find("2 tenants make 2 pages: name a folder with -o DIR"),
            std::string::npos);
}

TEST_F(TenantSteps, EveryBadInputAtOnce) {
  const auto bad = tenant({"add", hosting(), "contoso.com", "sip.contoso.com", "not a domain",
                           "fabrikam.com", "FABRIKAM.com"});
  EXPECT_EQ(bad.rc, 2);
  EXPECT_EQ(bad.out, "");
  for (const char* said : {"'contoso.com' is the provider's own domain contoso.com or below it",
                           "'sip.contoso.com' is the provider's own domain", "'not a domain': ",
                           "'fabrikam.com' is named twice; expected each tenant once"}) {
    EXPECT_NE(bad.err.find(said), std::string::npos) << said << "\n" << bad.err;
  }
  EXPECT_EQ(tenant({"add", hosting()}).err,
            "lyncplan: no tenant named; expected DOMAIN... or --tenants FILE\n");
  const auto no_hosting =
      tenant({"add", testing::source_path("examples/reference-lync2013.yaml"), "fabrikam.com"});
  EXPECT_EQ(no_hosting.rc, 2);
  EXPECT_NE(no_hosting.err.find("has no hosting section"), std::string::npos);
  const auto server =
      tenant({"add", hosting(), "fabrikam.com", "-f", "nsupdate", "--server", "ns1"});
  EXPECT_EQ(server.rc, 2);
  EXPECT_NE(server.err.find("--server 'ns1': expected IP, IP:PORT or [IPv6]:PORT"),
            std::string::npos);
  testing::write_file(dir_ / "list.txt", "ok.example\nbad domain\n# fine\n");
  const auto list = tenant({"add", hosting(), "--tenants", (dir_ / "list.txt").string()});
  EXPECT_EQ(list.rc, 2);
  EXPECT_NE(list.err.find("list.txt:2:"), std::string::npos) << list.err;
  const auto form = tenant({"add", hosting(), "fabrikam.com", "-f", "bind"});
  EXPECT_EQ(form.rc, 2);
}

} // namespace
} // namespace lyncplan
