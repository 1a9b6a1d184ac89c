// `lyncplan import`: each fixture (both dialects, a configuration zip, every encoding Windows
// writes) imported and planned equals the plan of the same deployment written by hand; the gaps,
// positions, flags and limits.
#include "support/cli_run.hpp"
#include "support/files.hpp"

#include <lyncplan/importer/import.hpp>
#include <lyncplan/importer/xml_tree.hpp>
#include <lyncplan/importer/zip_entry.hpp>

#include <gtest/gtest.h>

#include <zip.h>

#include <filesystem>

namespace lyncplan::testing {
namespace {

namespace fs = std::filesystem;

struct Fixture {
  std::string document;           // under tests/import
  std::vector<std::string> flags; // what the topology does not hold
};

const std::vector<Fixture>& fixtures() {
  static const std::vector<Fixture> all = {
      {"ee-edge-pool-nat.tbxml",
       {"--address", "fe01.corp.contoso.com=10.0.10.11", "--address",
        "FE02.corp.contoso.com=10.0.10.12", "--lb", "pool01.corp.contoso.com=hardware:10.0.10.100",
        "--reverse-proxy", "131.107.155.40"}},
      {"se-single-ip-edge.xml",
       {"--address", "se01.litware.com=10.0.10.5", "--reverse-proxy", "203.0.113.20"}},
      {"lync2013-director.xml", {"--reverse-proxy", "198.51.100.20"}},
      {"sfb2019-se.tbxml",
       {"--address", "sfb19.wingtiptoys.com=192.168.5.10", "--reverse-proxy", "203.0.113.80"}},
  };
  return all;
}

class TempDir {
public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("lyncplan-import-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
  fs::path path_;
  static inline int counter_ = 0;
};

std::string plan_json(const std::string& topology) {
  const CliRun run = run_cli({"plan", topology, "--format", "json"});
  EXPECT_NE(run.rc, 2) << run.err;
  return run.out;
}

// Imports `document` with `flags` into `dir`, expecting exit 0, and returns the YAML's path.
std::string import_complete(const TempDir& dir, const std::string& document,
                            const std::vector<std::string>& flags) {
  std::string yaml = dir.file("imported.yaml");
  std::vector<std::string> args = {"import", document, "-o", yaml};
  args.insert(args.end(), flags.begin(), flags.end());
  const CliRun run = run_cli(args);
  EXPECT_EQ(run.rc, 0) << run.err;
  return yaml;
}

class ImportFixture : public ::testing::TestWithParam<Fixture> {};

TEST_P(ImportFixture, PlansAsTheSameDeploymentWrittenByHand) {
  const Fixture& f = GetParam();
  TempDir dir;
  const std::string yaml = import_complete(dir, source_path("tests/import/" + f.document), f.flags);
  const std::string by_hand =
      source_path("tests/import/" + fs::path(f.document).stem().string() + ".yaml");
  const std::string imported_plan = plan_json(yaml);
  ASSERT_FALSE(imported_plan.empty());
  EXPECT_EQ(imported_plan, plan_json(by_hand));
}

INSTANTIATE_TEST_SUITE_P(Documents, ImportFixture, ::testing::ValuesIn(fixtures()),
                         [](const auto& test_param) {
                           std::string name = fs::path(test_param.param.document).stem().string();
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

std::string to_utf16(const std::string& ascii, bool little_endian) {
  std::string out;
  for (char c : ascii) {
    out += little_endian ? std::string{c, '\0'} : std::string{'\0', c};
  }
  return out;
}

// The YAML without its first line (which names the source file).
std::string body(const std::string& yaml) {
  return yaml.substr(yaml.find('\n') + 1);
}

TEST(ImportEncodings, EveryEncodingWindowsWritesGivesTheSameTopology) {
  std::string utf8 = read_file(source_path("tests/import/lync2013-director.xml"));
  ASSERT_EQ(utf8.substr(0, 3), "\xEF\xBB\xBF");
  utf8 = utf8.substr(3);
  std::string crlf;
  for (char c : utf8) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  }
  const std::vector<std::pair<std::string, std::string>> variants = {
      {"utf-8", utf8},
      {"utf-8 with BOM", "\xEF\xBB\xBF" + utf8},
      {"utf-8, CRLF", crlf},
      {"utf-16le with BOM, CRLF", "\xFF\xFE" + to_utf16(crlf, true)},
      {"utf-16be with BOM", "\xFE\xFF" + to_utf16(utf8, false)},
      {"utf-16le without BOM", to_utf16(utf8, true)},
  };
  const auto reference = importer::import_topology(utf8, "t.xml", {});
  ASSERT_TRUE(reference) << util::format(reference.error().front());
  for (const auto& [name, bytes] : variants) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(importer::looks_like_import(bytes));
    const auto imported = importer::import_topology(bytes, "t.xml", {});
    ASSERT_TRUE(imported) << util::format(imported.error().front());
    EXPECT_EQ(body(imported->yaml.yaml), body(reference->yaml.yaml));
  }
  // Positions survive the conversion: the Edge cluster is on line 24 in every encoding.
  const auto doc = importer::parse_xml("\xFF\xFE" + to_utf16(crlf, true), "t.xml");
  ASSERT_TRUE(doc);
  const importer::XmlElement* clusters =
      doc->root.child("urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008", "Clusters");
  ASSERT_NE(clusters, nullptr);
  EXPECT_EQ(doc->pos_of(clusters->children.at(2)).line, 24);
  EXPECT_EQ(doc->pos_of(clusters->children.at(2), "Fqdn").column, 62);
}

TEST(ImportEncodings, RefusesAnotherDeclaredEncodingAndBrokenUtf16) {
  const auto latin = importer::parse_xml(
      "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<Topology/>", "t.xml");
  ASSERT_FALSE(latin);
  EXPECT_NE(latin.error().front().message.find("windows-1252"), std::string::npos);
  const auto odd = importer::parse_xml(std::string("\xFF\xFE<\0T", 5), "t.xml");
  ASSERT_FALSE(odd);
  EXPECT_NE(odd.error().front().message.find("UTF-16LE"), std::string::npos);
}

// A DocItemSet.xml as Export-CsConfiguration packs it: the topology and the simple URLs inside
// wrappers lyncplan does not rely on.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  EXPECT_NE(z, nullptr);
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(z), 0);
  zip_stat_t st;
  zip_source_stat(out, &st);
  std::string bytes(st.size, '\0');
  zip_source_open(out);
  zip_source_read(out, bytes.data(), bytes.size());
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

std::string doc_item_set(const std::string& topology) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<DocItemSet xmlns=\"urn:schema:Microsoft.Rtc.Management.Xds.AppLayer.2008\">\n"
         "  <DocItem Name=\"urn:xds:Microsoft.Rtc.Management.Deploy.Topology.2008:Topology\">\n"
         "    <Data>\n" +
         topology +
         "    </Data>\n  </DocItem>\n"
         "  <DocItem Name=\"urn:xds:Microsoft.Rtc.Management.Settings.SimpleUrl.2008:"
         "SimpleUrlConfiguration\">\n"
         "    <AnchoredXml xmlns=\"urn:schema:Microsoft.Rtc.Management.ScopeFramework.2008\">\n"
         "      <Key ScopeClass=\"Global\"><SchemaId Namespace=\"urn:schema:Microsoft.Rtc."
         "Management.Settings.SimpleUrl.2008\" ElementName=\"SimpleUrlConfiguration\" /></Key>\n"
         "      <Dictionary Count=\"1\"><Item><Key /><Value>\n"
         "        <SimpleUrlConfiguration xmlns=\"urn:schema:Microsoft.Rtc.Management.Settings."
         "SimpleUrl.2008\" UseBackendDatabase=\"false\">\n"
         "          <SimpleUrl Component=\"meet\" Domain=\"tailspin.com\" "
         "ActiveUrl=\"https://lync.tailspin.com/tailspin.com/meet\" />\n"
         "          <SimpleUrl Component=\"dialin\" Domain=\"*\" "
         "ActiveUrl=\"https://lync.tailspin.com/dialin\" />\n"
         "          <SimpleUrl Component=\"Admin\" Domain=\"*\" "
         "ActiveUrl=\"https://lync.tailspin.com/admin\" />\n"
         "        </SimpleUrlConfiguration>\n"
         "      </Value></Item></Dictionary>\n    </AnchoredXml>\n  </DocItem>\n"
         "</DocItemSet>\n";
}

TEST(ImportZip, FindsTheTopologyAndSimpleUrlsByNamespaceInsideAnExport) {
  std::string topology = read_file(source_path("tests/import/lync2013-director.xml")).substr(3);
  topology = topology.substr(topology.find("<Topology"));
  const std::string archive =
      make_zip({{"[Content_Types].xml", "<Types/>"}, {"DocItemSet.xml", doc_item_set(topology)}});
  TempDir dir;
  const std::string zip_file = dir.file("export.zip");
  write_file(zip_file, archive);
  const std::string yaml = import_complete(dir, zip_file, {"--reverse-proxy", "198.51.100.20"});
  const std::string text = read_file(yaml);
  EXPECT_NE(text.find("an Export-CsConfiguration file"), std::string::npos);
  EXPECT_NE(text.find("simple_urls: {option: 3, base: lync.tailspin.com}"), std::string::npos)
      << text;
  // The same deployment by hand, with the export's simple URLs.
  std::string by_hand = read_file(source_path("tests/import/lync2013-director.yaml"));
  by_hand += "simple_urls: {option: 3, base: lync.tailspin.com}\n";
  const std::string hand_file = dir.file("by-hand.yaml");
  write_file(hand_file, by_hand);
  EXPECT_EQ(plan_json(yaml), plan_json(hand_file));
  // Every command taking a topology takes the export as it is.
  const CliRun direct = run_cli({"plan", zip_file, "--format", "json"});
  EXPECT_NE(direct.rc, 2) << direct.err;
  EXPECT_NE(direct.out.find("\"access.tailspin.com\""), std::string::npos);
}

TEST(ImportZip, StopsReadingAtTheBoundWhateverTheDirectorySays) {
  const std::string archive = make_zip({{"DocItemSet.xml", std::string(4096, ' ')}});
  const auto small = importer::read_zip_entry(archive, "docitemset.xml", {10, 1024});
  ASSERT_FALSE(small);
  EXPECT_NE(small.error().find("expected at most"), std::string::npos) << small.error();
  const auto fits = importer::read_zip_entry(archive, "DOCITEMSET.XML", {10, 8192});
  ASSERT_TRUE(fits);
  EXPECT_EQ(fits->bytes.size(), 4096U);
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 12; ++i) {
    many.emplace_back("f" + std::to_string(i), "x");
  }
  const auto crowded = importer::read_zip_entry(make_zip(many), "DocItemSet.xml", {10, 1024});
  ASSERT_FALSE(crowded);
  EXPECT_NE(crowded.error().find("12 entries"), std::string::npos);
}

TEST(ImportGaps, TodoStubsExitOneAndEveryGapIsAFinding) {
  TempDir dir;
  const std::string out = dir.file("gaps.yaml");
  const CliRun run =
      run_cli({"import", source_path("tests/import/ee-edge-pool-nat.tbxml"), "-o", out});
  EXPECT_EQ(run.rc, 1);
  const std::string yaml = read_file(out);
  EXPECT_NE(yaml.find("- {fqdn: fe01.corp.contoso.com, ip: TODO}  # TODO(import)"),
            std::string::npos);
  EXPECT_NE(yaml.find("vip: TODO  # TODO(import): --lb pool01.corp.contoso.com=hardware:VIP"),
            std::string::npos);
  EXPECT_NE(yaml.find("# reverse_proxy: {ip: TODO}"), std::string::npos);
  for (const char* rule : {"import.ip-unpinned", "import.lb-assumed", "import.rp-missing",
                           "import.internal-dns-assumed", "import.not-planned"}) {
    EXPECT_NE(run.err.find(rule), std::string::npos) << rule;
  }
  // The plan reports the gaps at the elements they came from.
  const CliRun plan = run_cli({"plan", out});
  EXPECT_EQ(plan.rc, 2);
  EXPECT_NE(plan.err.find("ip 'TODO' is not an IP address"), std::string::npos);
  const CliRun direct =
      run_cli({"plan", source_path("tests/import/ee-edge-pool-nat.tbxml"), "--format", "json"});
  EXPECT_EQ(direct.rc, 2);
  EXPECT_NE(direct.err.find("ee-edge-pool-nat.tbxml:26:17: as imported: pool "
                            "pool01.corp.contoso.com.servers[0].ip 'TODO'"),
            std::string::npos)
      << direct.err;
  EXPECT_NE(direct.err.find("lyncplan import"), std::string::npos);
  EXPECT_EQ(direct.out, "");
}

TEST(ImportGaps, NatAndWebAppsFindings) {
  const std::string doc = read_file(source_path("tests/import/se-single-ip-edge.xml"));
  const auto imported = importer::import_topology(doc, "se.xml", {});
  ASSERT_TRUE(imported);
  bool not_fqdn = false;
  for (const auto& f : imported->yaml.findings) {
    not_fqdn = not_fqdn || f.rule.str() == "import.not-fqdn";
  }
  EXPECT_TRUE(not_fqdn);
  EXPECT_EQ(imported->yaml.yaml.find("office_web_apps"), std::string::npos);
  // A private NAT address is kept and warned about.
  std::string text = read_file(source_path("tests/import/lync2013-director.xml"));
  const std::string from = "IPAddress=\"198.51.100.10\"";
  text.replace(text.find(from), from.size(),
               "IPAddress=\"198.51.100.10\" ConfiguredIPAddress=\"10.9.9.9\"");
  const auto nat = importer::import_topology(text, "t.xml", {});
  ASSERT_TRUE(nat);
  bool privately = false, partial = false;
  for (const auto& f : nat->yaml.findings) {
    privately = privately || f.rule.str() == "import.nat-private";
    partial = partial || f.rule.str() == "import.nat-partial";
  }
  EXPECT_TRUE(privately);
  EXPECT_TRUE(partial); // only the access interface had one
}

TEST(ImportGaps, WebPortsOtherThanTopologyBuildersAreSaid) {
  std::string text = read_file(source_path("tests/import/ee-edge-pool-nat.tbxml"));
  const std::string from = "Port=\"4443\" Protocol=\"Https\" ConfiguredPort=\"443\"";
  const auto defaults = importer::import_topology(text, "t.tbxml", {});
  ASSERT_TRUE(defaults);
  for (const auto& f : defaults->yaml.findings) {
    EXPECT_NE(f.rule.str(), "import.web-ports");
  }
  text.replace(text.find(from), from.size(),
               "Port=\"4443\" Protocol=\"Https\" ConfiguredPort=\"8443\"");
  const auto changed = importer::import_topology(text, "t.tbxml", {});
  ASSERT_TRUE(changed);
  bool said = false;
  for (const auto& f : changed->yaml.findings) {
    if (f.rule.str() == "import.web-ports") {
      said = true;
      EXPECT_NE(f.message.find("Https 4443 published on 8443"), std::string::npos) << f.message;
    }
  }
  EXPECT_TRUE(said);
}

TEST(ImportGaps, MixedVersionsKeepEachPoolsProduct) {
  std::string text = read_file(source_path("tests/import/lync2013-director.xml"));
  // The Edge moves to 2015 first: the topology becomes 2015 and the 2013 pools say so.
  const std::string edge = "RoleName=\"EdgeServer\"";
  const std::size_t at = text.rfind("ServiceVersion=\"6\"", text.find(edge));
  text.replace(at, 18, "ServiceVersion=\"7\"");
  const auto imported = importer::import_topology(text, "t.xml", {});
  ASSERT_TRUE(imported);
  EXPECT_EQ(imported->yaml.product, "sfb2015");
  EXPECT_NE(imported->yaml.yaml.find("    product: lync2013  # Service@ServiceVersion 6"),
            std::string::npos);
  EXPECT_EQ(imported->yaml.findings.back().rule.str(), "import.settings-elsewhere");
}

TEST(ImportGaps, BranchSiteAppliancesAreListedNotPlanned) {
  std::string text = read_file(source_path("tests/import/lync2013-director.xml"));
  text.replace(text.find("  </Sites>"), 0,
               "    <RemoteSite SiteId=\"2\"><Name>Cork</Name></RemoteSite>\n");
  text.replace(text.find("  </Clusters>"), 0,
               "    <Cluster RequiresSetup=\"true\" Fqdn=\"sba.cork.tailspin.com\">\n"
               "      <ClusterId SiteId=\"2\" Number=\"1\" />\n    </Cluster>\n");
  text.replace(text.find("  </Services>"), 0,
               "    <Service RoleVersion=\"1\" ServiceVersion=\"6\">\n"
               "      <ServiceId SiteId=\"2\" RoleName=\"Registrar\" Instance=\"1\" />\n"
               "      <InstalledOn><ClusterId SiteId=\"2\" Number=\"1\" /></InstalledOn>\n"
               "    </Service>\n");
  const auto imported = importer::import_topology(text, "t.xml", {});
  ASSERT_TRUE(imported) << util::format(imported.error().front());
  EXPECT_NE(imported->yaml.yaml.find("#   sba.cork.tailspin.com (branch site)"), std::string::npos)
      << imported->yaml.yaml;
  EXPECT_EQ(imported->yaml.yaml.find("- fqdn: sba.cork.tailspin.com"), std::string::npos);
}

TEST(ImportFlags, BadFlagsAreRefusedTogether) {
  TempDir dir;
  const std::string csv = dir.file("addresses.csv");
  write_file(csv, "fqdn,ip\nfe01.contoso.com,10.0.0.1\n  fe02.contoso.com 10.0.0.2\n"
                  "fe03,10.0.0.3\n");
  const CliRun run = run_cli({"import", source_path("tests/import/sfb2019-se.tbxml"), "--addresses",
                              csv, "--address", "se01=1.2.3.4", "--lb", "pool=round-robin",
                              "--reverse-proxy", "rp.contoso.com"});
  EXPECT_EQ(run.rc, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find(csv + ":3:3: 'fe02.contoso.com 10.0.0.2'; expected fqdn,ip"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(csv + ":4:1: 'fe03' is a single label"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("--address 'se01=1.2.3.4'"), std::string::npos);
  EXPECT_NE(run.err.find("--lb 'pool=round-robin'"), std::string::npos);
  EXPECT_NE(run.err.find("--reverse-proxy 'rp.contoso.com'"), std::string::npos);
}

TEST(ImportLimits, ALargeDeploymentPastLibxml2sLookaheadParses) {
  // Over 10 MB in one document: libxml2 refuses that much lookahead in one push.
  std::string doc = "<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology."
                    "2008\">\n  <Clusters>\n";
  int clusters = 0;
  while (doc.size() < (std::size_t{11} << 20)) {
    doc += "    <Cluster Fqdn=\"pool" + std::to_string(++clusters) +
           ".contoso.com\"><Machine Fqdn=\"fe.contoso.com\"><NetInterface "
           "InterfaceSide=\"Primary\" IPAddress=\"0.0.0.0\" /></Machine></Cluster>\n";
  }
  doc += "  </Clusters>\n</Topology>\n";
  const auto parsed = importer::parse_xml(doc, "big.xml");
  ASSERT_TRUE(parsed) << util::format(parsed.error().front());
  const auto* all =
      parsed->root.child("urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008", "Clusters");
  ASSERT_NE(all, nullptr);
  EXPECT_EQ(all->children.size(), static_cast<std::size_t>(clusters));
  EXPECT_EQ(parsed->pos_of(all->children.back()).line, clusters + 2);
}

TEST(ImportLimits, AGigabyteFileIsRefusedBeforeItIsRead) {
  TempDir dir;
  const std::string huge = dir.file("huge.tbxml");
  write_file(huge, "<");
  fs::resize_file(huge, std::uintmax_t{1} << 30); // sparse: no gigabyte written
  const CliRun run = run_cli({"import", huge});
  EXPECT_EQ(run.rc, 2);
  EXPECT_NE(run.err.find(huge + ":1:1: the file is 1073741824 bytes; expected a topology of at "
                                "most 64 MiB"),
            std::string::npos)
      << run.err;
}

} // namespace
} // namespace lyncplan::testing
