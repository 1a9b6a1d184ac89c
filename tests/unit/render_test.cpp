// Renderers: zone files and JSON stability (the PowerShell script: powershell_dns_test.cpp).
#include "support/topologies.hpp"

#include <lyncplan/render/renderer.hpp>

#include <gtest/gtest.h>

namespace lyncplan::testing {
namespace {

const render::File* file(const render::Output& o, const std::string& path) {
  for (const auto& f : o.files) {
    if (f.path == path) {
      return &f;
    }
  }
  return nullptr;
}

TEST(ZoneRenderer, OneFilePerViewAndZoneWithRelativeOwners) {
  const auto out = render_with(render::render_zone, plan_of(reference_topology()));
  ASSERT_TRUE(out);
  const auto* ext = file(*out, "external/fabrikam.com.zone");
  ASSERT_NE(ext, nullptr);
  EXPECT_NE(ext->content.find("$ORIGIN fabrikam.com.\n"), std::string::npos);
  EXPECT_NE(ext->content.find("_sip._tls\t3600\tIN\tSRV\t0 0 443 sip.fabrikam.com.\n"),
            std::string::npos);
  EXPECT_NE(file(*out, "internal/contoso.net.zone"), nullptr);
  EXPECT_EQ(file(*out, "external/contoso.net.zone"), nullptr);
  const auto* index = file(*out, "index.txt");
  ASSERT_NE(index, nullptr);
  EXPECT_NE(index->content.find("external\tcontoso.com\texternal/contoso.com.zone\t"),
            std::string::npos);
}

TEST(ZoneRenderer, PinPointZonesUseTheApex) {
  std::string y = reference_topology();
  y.replace(y.find("split-brain"), 11, "pin-point");
  const auto out = render_with(render::render_zone, plan_of(y));
  const auto* pin = file(*out, "internal/sip.contoso.com.zone");
  ASSERT_NE(pin, nullptr);
  EXPECT_NE(pin->content.find("@\t3600\tIN\tA\t192.168.21.40\n"), std::string::npos);
}

TEST(JsonRenderer, SameInputSameBytesAndEscapes) {
  const auto a = render_with(render::render_json, plan_of(reference_topology()));
  const auto b = render_with(render::render_json, plan_of(reference_topology()));
  EXPECT_EQ(a->text, b->text);
  plan::Plan p;
  p.findings.push_back({plan::Severity::info, "pool.a", "s", "quote \" backslash \\ nl \n"});
  const auto j = render_with(render::render_json, p);
  EXPECT_NE(j->text.find(R"("quote \" backslash \\ nl \n")"), std::string::npos);
}

TEST(TableRenderer, ColourOnlyWhenAsked) {
  render::Options plain_options;
  render::Options colour_options;
  colour_options.color = true;
  const auto plain =
      render_with(render::render_table, plan_of(reference_topology()), plain_options);
  const auto colour =
      render_with(render::render_table, plan_of(reference_topology()), colour_options);
  EXPECT_EQ(plain->text.find('\x1b'), std::string::npos);
  EXPECT_NE(colour->text.find("\x1b[33mwarning"), std::string::npos);
  EXPECT_LT(plain->text.find("DNS, external view"), plain->text.find("Findings"));
}

} // namespace
} // namespace lyncplan::testing
