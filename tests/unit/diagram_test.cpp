// The deployment diagram's layout: every box, label and line measured, for every example, for a
// large deployment (10 pools, 3 Edge pools), and for flows it must draw one by one.
#include "support/topologies.hpp"

#include <lyncplan/render/diagram.hpp>
#include <lyncplan/rules/planner.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace lyncplan::testing {
namespace {

namespace fs = std::filesystem;
using render::Diagram;
using render::Rect;

// Whether the segment from a to b (horizontal or vertical) passes through the inside of `r`.
bool crosses(render::Point a, render::Point b, const Rect& r) {
  const Rect segment{std::min(a.x, b.x), std::min(a.y, b.y), std::abs(a.x - b.x),
                     std::abs(a.y - b.y)};
  // A line has no area: widen it to a hair so that the overlap test sees it.
  const Rect hair{segment.x - 0.25, segment.y - 0.25, segment.w + 0.5, segment.h + 0.5};
  const Rect inside{r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1};
  return hair.overlaps(inside);
}

const render::DiagramBox* box(const Diagram& d, const std::string& id) {
  for (const auto& b : d.boxes) {
    if (b.id == id) {
      return &b;
    }
  }
  return nullptr;
}

// Everything the layout promises, for one diagram.
void expect_clean_layout(const Diagram& d, const plan::Plan& plan, const std::string& name) {
  SCOPED_TRACE(name);
  const Rect canvas{0, 0, d.width, d.height};
  for (std::size_t i = 0; i < d.boxes.size(); ++i) {
    const auto& a = d.boxes[i];
    EXPECT_TRUE(canvas.contains(a.rect)) << a.id;
    const auto& band = d.bands[static_cast<std::size_t>(a.band)];
    EXPECT_TRUE(band.rect.contains(a.rect)) << a.id << " outside its band";
    EXPECT_FALSE(a.rect.overlaps(d.legend_rect)) << a.id;
    for (const auto& row : a.rows) {
      EXPECT_TRUE(a.rect.contains(row.rect)) << a.id << " " << row.id;
    }
    for (std::size_t j = i + 1; j < d.boxes.size(); ++j) {
      EXPECT_FALSE(a.rect.overlaps(d.boxes[j].rect)) << a.id << " overlaps " << d.boxes[j].id;
    }
  }
  for (std::size_t i = 0; i < d.arrows.size(); ++i) {
    const auto& arrow = d.arrows[i];
    const std::string what = arrow.from + " -> " + arrow.to + " " + arrow.label;
    EXPECT_TRUE(canvas.contains(arrow.label_rect)) << what;
    EXPECT_FALSE(arrow.label_rect.overlaps(d.legend_rect)) << what;
    for (const auto& b : d.boxes) {
      EXPECT_FALSE(arrow.label_rect.overlaps(b.rect)) << what << " label on " << b.id;
    }
    for (std::size_t j = 0; j < d.arrows.size(); ++j) {
      const auto& other = d.arrows[j];
      if (j > i) {
        EXPECT_FALSE(arrow.label_rect.overlaps(other.label_rect))
            << what << " label on " << other.label;
      }
      // No line runs through another arrow's label.
      for (std::size_t k = 0; j != i && k + 1 < other.points.size(); ++k) {
        EXPECT_FALSE(crosses(other.points[k], other.points[k + 1], arrow.label_rect))
            << other.from << " -> " << other.to << " crosses the label " << arrow.label;
      }
    }
    // Lines run between boxes: only the first and last points touch a box, its own ends'.
    ASSERT_EQ(arrow.points.size(), 4u) << what;
    for (std::size_t k = 0; k + 1 < arrow.points.size(); ++k) {
      const auto a = arrow.points[k], b = arrow.points[k + 1];
      EXPECT_TRUE(a.x == b.x || a.y == b.y) << what << ": a slanted segment";
      for (const auto& bx : d.boxes) {
        EXPECT_FALSE(crosses(a, b, bx.rect)) << what << " runs through " << bx.id;
      }
    }
    const auto* from = box(d, arrow.from);
    const auto* to = box(d, arrow.to);
    ASSERT_TRUE(from && to) << what;
    const auto touches = [](render::Point p, const Rect& r) {
      return (p.x == r.x || p.x == r.right()) && p.y > r.y && p.y < r.bottom();
    };
    EXPECT_TRUE(touches(arrow.points.front(), from->rect)) << what;
    EXPECT_TRUE(touches(arrow.points.back(), to->rect)) << what;
  }
  // Every rule of the firewall plan is on an arrow.
  for (const auto& rule : plan.firewall) {
    const std::string port =
        fmt::format("{} {}", rule.protocol == "tcp" ? "TCP" : "UDP", rule.port);
    bool drawn = false;
    for (const auto& arrow : d.arrows) {
      drawn = drawn || std::find(arrow.ports.begin(), arrow.ports.end(), port) != arrow.ports.end();
    }
    EXPECT_TRUE(drawn) << rule.from << " -> " << rule.to << " " << port;
  }
  EXPECT_TRUE(d.not_drawn.empty());
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Diagram, EveryExampleIsLaidOutWithoutOverlaps) {
  const fs::path examples = fs::path(LYNCPLAN_SOURCE_DIR) / "examples";
  int seen = 0;
  for (const auto& entry : fs::directory_iterator(examples)) {
    if (entry.path().extension() != ".yaml") {
      continue;
    }
    const std::string text = read_file(entry.path());
    auto t = topology::load_topology(text, entry.path().string(), [&](const std::string& f) {
      return std::optional<std::string>(read_file(examples / fs::path(f).filename()));
    });
    ASSERT_TRUE(t) << entry.path();
    const plan::Plan plan = rules::make_plan(*t);
    expect_clean_layout(render::layout_diagram(*t, plan), plan, entry.path().filename());
    ++seen;
  }
  EXPECT_GE(seen, 10);
}

// Ten pools (two Directors, six Front End pools, a Standard Edition server, a Mediation pool)
// and three Edge pools, one behind NAT, each with its own next hop.
std::string large_topology() {
  std::string y = "lyncplan: 1\nproduct: sfb2015\nsip_domains: [contoso.com, fabrikam.com]\n"
                  "pools:\n";
  for (int d = 1; d <= 2; ++d) {
    y += fmt::format("  - fqdn: dir{0}.contoso.net\n    role: director\n    load_balancing: "
                     "hardware\n    vip: 10.0.{0}.100\n    servers: [{{fqdn: dir{0}a.contoso.net, "
                     "ip: 10.0.{0}.11}}, {{fqdn: dir{0}b.contoso.net, ip: 10.0.{0}.12}}]\n"
                     "    web: {{external: {{fqdn: webdir{0}.contoso.com}}}}\n",
                     d);
  }
  for (int p = 1; p <= 6; ++p) {
    y += fmt::format("  - fqdn: pool{0}.contoso.net\n    role: front-end\n    load_balancing: "
                     "hardware\n    vip: 10.1.{0}.100\n    servers:\n",
                     p);
    for (int s = 1; s <= 3 + p % 3; ++s) {
      y += fmt::format("      - {{fqdn: fe{0}{1}.contoso.net, ip: 10.1.{0}.{1}}}\n", p, s);
    }
    y += fmt::format("    web: {{external: {{fqdn: webext{0}.contoso.com}}}}\n", p);
  }
  y += "  - fqdn: se1.contoso.net\n    role: standard-edition\n    servers: [{fqdn: "
       "se1.contoso.net, ip: 10.2.0.10}]\n";
  y += "  - fqdn: med1.contoso.net\n    role: mediation\n    servers: [{fqdn: med1.contoso.net, "
       "ip: 10.3.0.10}]\n";
  for (int e = 1; e <= 3; ++e) {
    y += fmt::format("  - fqdn: edge{0}.contoso.net\n    role: edge\n    load_balancing: dns\n"
                     "    next_hop: {1}\n    external:\n"
                     "      access: {{fqdn: sip{2}.contoso.com}}\n"
                     "      webconf: {{fqdn: webconf{0}.contoso.com}}\n"
                     "      av: {{fqdn: av{0}.contoso.com}}\n    servers:\n",
                     e, e == 3 ? "pool1.contoso.net" : fmt::format("dir{}.contoso.net", e),
                     e == 1 ? "" : std::to_string(e));
    for (int s = 1; s <= 2; ++s) {
      y += fmt::format("      - fqdn: edge{0}{1}.contoso.net\n        internal_ip: 172.16.{0}.{1}\n"
                       "        external: {{access: 192.0.2.{0}{1}, webconf: 192.0.2.{0}{2}, av: "
                       "192.0.2.{0}{3}}}\n",
                       e, s, s + 2, s + 4);
      if (e == 2) {
        y +=
            fmt::format("        nat: {{access: 198.51.100.{0}{1}, webconf: 198.51.100.{0}{2}, av: "
                        "198.51.100.{0}{3}}}\n",
                        e, s, s + 2, s + 4);
      }
    }
  }
  y += "federation: {open: true, xmpp: true}\nreverse_proxy: {ip: 192.0.2.200}\n"
       "office_web_apps: {fqdn: owa.contoso.net, internal_ip: 10.4.0.10}\n";
  return y;
}

TEST(Diagram, TenPoolsAndThreeEdgePoolsAreLaidOutWithoutOverlaps) {
  const topology::Topology t = load(large_topology());
  ASSERT_EQ(t.pools.size(), 13u);
  const plan::Plan plan = rules::make_plan(t);
  const Diagram d = render::layout_diagram(t, plan);
  expect_clean_layout(d, plan, "large");
  int edges = 0, pools = 0;
  for (const auto& b : d.boxes) {
    edges += b.kind == "edge" ? 1 : 0;
    pools += b.kind == "pool" || b.kind == "director" ? 1 : 0;
  }
  EXPECT_EQ(edges, 3);
  EXPECT_EQ(pools, 10);
  // The Edge's SIP next-hop flows go to the Edges whose next hop the pool is, and only there.
  int sip_from_dir1 = 0;
  for (const auto& arrow : d.arrows) {
    if (arrow.from == "dir1.contoso.net" && arrow.label.find("5061") != std::string::npos) {
      EXPECT_EQ(arrow.to, "edge1.contoso.net");
      ++sip_from_dir1;
    }
  }
  EXPECT_EQ(sip_from_dir1, 1);
  // NAT only where an Edge is behind it.
  for (const auto& arrow : d.arrows) {
    const bool edge2 = arrow.from == "edge2.contoso.net" || arrow.to == "edge2.contoso.net";
    const bool service = !arrow.from_row.empty() || !arrow.to_row.empty();
    EXPECT_EQ(arrow.nat, edge2 && service) << arrow.from << " -> " << arrow.to;
  }
  // Readable: no wider than three columns of boxes and their labels need.
  EXPECT_LT(d.width, 2600);
}

TEST(Diagram, OnePoolWithoutEdgeStillDrawsTheThreeBands) {
  const topology::Topology t =
      load("lyncplan: 1\nproduct: sfbse\nsip_domains: [contoso.com]\npools:\n"
           "  - fqdn: se.contoso.com\n    role: standard-edition\n"
           "    servers: [{fqdn: se.contoso.com, ip: 10.0.0.10}]\n");
  const plan::Plan plan = rules::make_plan(t);
  const Diagram d = render::layout_diagram(t, plan);
  expect_clean_layout(d, plan, "one pool");
  ASSERT_EQ(d.bands.size(), 3u);
  EXPECT_NE(box(d, "se.contoso.com"), nullptr);
  EXPECT_NE(box(d, "internet"), nullptr);
  EXPECT_TRUE(d.arrows.empty());
}

TEST(Diagram, TheSvgNamesItselfAndEscapesNames) {
  const topology::Topology t = load(reference_topology());
  const plan::Plan plan = rules::make_plan(t);
  Diagram d = render::layout_diagram(t, plan);
  d.boxes.front().title = "a <b> & \"c\"";
  const std::string svg = render::diagram_svg(d, true);
  EXPECT_TRUE(svg.starts_with("<?xml"));
  EXPECT_NE(svg.find("<title id=\"lp-title\">"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"lp-desc\">"), std::string::npos);
  EXPECT_NE(svg.find("a &lt;b&gt; &amp; &quot;c&quot;"), std::string::npos);
  EXPECT_EQ(render::diagram_svg(d, false).find("<?xml"), std::string::npos);
}

} // namespace
} // namespace lyncplan::testing
