// The deployment drawn: boxes for the Internet, the Edge, the reverse proxy and the pools in three
// bands, and the firewall plan's flows as labelled arrows, laid out by a small layered layout.
#pragma once

#include <lyncplan/plan/plan.hpp>
#include <lyncplan/topology/model.hpp>

#include <string>
#include <vector>

namespace lyncplan::render {

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
  // Whether the two share any area (touching edges do not count).
  bool overlaps(const Rect& other) const;
  bool contains(const Rect& other) const;
};

struct Point {
  double x = 0, y = 0;
};

// The three bands, left to right, as Microsoft's reference diagrams draw them.
enum class Band { internet, perimeter, internal };

// One part of a box that flows attach to on its own: an Edge service (Access, Web
// Conferencing, A/V), each with its public name and addresses.
struct DiagramRow {
  std::string id; // access | webconf | av
  std::vector<std::string> lines;
  Rect rect;
};

struct DiagramBox {
  std::string id;   // the firewall plan's name of it: internet, reverse-proxy, a pool FQDN, ...
  std::string kind; // internet, cloud, edge, reverse-proxy, director, pool, owa, clients
  std::string title;
  std::vector<std::string> lines;
  std::vector<DiagramRow> rows;
  Band band = Band::internal;
  Rect rect;
};

// One arrow: every firewall rule from one box (or Edge service) to another, its ports in the
// label ("TCP 443, 5061 · UDP 3478"), "NAT" where the Edge service is reached through NAT.
struct DiagramArrow {
  std::string from, to;           // box ids
  std::string from_row, to_row;   // Edge service rows, "" for the box itself
  std::vector<std::string> ports; // "TCP 443", in the plan's order
  std::vector<std::string> why;   // the rules' reasons, for the arrow's tooltip
  bool nat = false;
  std::string label;
  Rect label_rect;
  std::vector<Point> points; // the polyline, source to target
};

struct DiagramBandArea {
  Band band;
  std::string title;
  Rect rect;
};

struct Diagram {
  std::string title;       // the SVG's <title>
  std::string description; // its <desc>: what it shows, for screen readers
  double width = 0, height = 0;
  std::vector<DiagramBandArea> bands;
  std::vector<DiagramBox> boxes;
  std::vector<DiagramArrow> arrows;
  std::vector<std::string> legend;
  Rect legend_rect;
  // Firewall rules whose two ends are drawn in the same band (none today): listed in the
  // description, not drawn.
  std::vector<std::string> not_drawn;
};

// The layout: pure, so that a test can measure every box, label and line it places.
Diagram layout_diagram(const topology::Topology& topology, const plan::Plan& plan);

// The diagram as SVG: `standalone` adds the XML declaration for a file of its own; inline in
// HTML it goes without.
std::string diagram_svg(const Diagram& diagram, bool standalone);

// The width the diagram reserves for `text` at the font size of its labels and lines (the
// diagram draws text in a monospaced font, so this is exact up to the font's own advance).
double text_width(std::string_view text, double font_size);

} // namespace lyncplan::render
