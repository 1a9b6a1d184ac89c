// The deployment diagram's layered layout: boxes per band, ports per box side, one vertical track
// per arrow in the gap between two bands, labels beside the arrowheads; then its SVG.
#include <lyncplan/render/diagram.hpp>
#include <lyncplan/topology/products.hpp>
#include <lyncplan/util/strings.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <tuple>

namespace lyncplan::render {
namespace {

using topology::Pool;
using topology::Role;

// Measures, in SVG user units (pixels at 100 %).
constexpr double kFont = 11;        // lines and labels
constexpr double kTitleFont = 12;   // box titles
constexpr double kLine = 15;        // line height
constexpr double kPad = 8;          // inside a box
constexpr double kPortSpacing = 18; // between two arrows on one side of a box
constexpr double kBoxGap = 24;      // between two boxes of a band
constexpr double kMargin = 16;
constexpr double kBandHeader = 40; // the band's title above its boxes
constexpr double kMinBoxWidth = 210;
constexpr double kTrack = 9;      // between two vertical tracks
constexpr double kArrowHead = 8;  // the marker's length
constexpr double kZoneGap = 14;   // between a label zone and the tracks
constexpr double kLabelRise = 13; // a label sits this far above its line...
constexpr double kLabelHeight = 12;
constexpr int kMaxServersShown = 4;

constexpr std::array kBandTitles = {"Internet", "Perimeter network (DMZ)", "Internal network"};
constexpr std::array kBandNames = {"internet", "perimeter", "internal"};

int band_index(Band b) {
  return static_cast<int>(b);
}

// The firewall plan's names of the Edge's external services, and the rows that stand for them.
struct EdgeService {
  std::string_view firewall_name;
  std::string_view row;
  std::string_view title;
  const topology::EdgeService Pool::*service;
  const std::optional<dns::IpAddress> topology::Server::*external;
  const std::optional<dns::IpAddress> topology::Server::*nat;
};
constexpr std::array kEdgeServices = {
    EdgeService{"edge-external-access", "access", "Access Edge", &Pool::access,
                &topology::Server::external_access, &topology::Server::nat_access},
    EdgeService{"edge-external-webconf", "webconf", "Web Conferencing Edge", &Pool::webconf,
                &topology::Server::external_webconf, &topology::Server::nat_webconf},
    EdgeService{"edge-external-av", "av", "A/V Edge", &Pool::av, &topology::Server::external_av,
                &topology::Server::nat_av},
};
constexpr std::string_view kEdgeInternal = "edge-internal";

std::string role_title(Role role) {
  switch (role) {
  case Role::front_end:
    return "Front End pool";
  case Role::standard_edition:
    return "Standard Edition server";
  case Role::director:
    return "Director pool";
  case Role::edge:
    return "Edge pool";
  case Role::mediation:
    return "Mediation pool";
  }
  return "pool";
}

std::string load_balancing_text(const Pool& p) {
  std::string vip = p.vip ? "VIP " + p.vip->text : "";
  switch (p.load_balancing) {
  case topology::LoadBalancing::hardware:
    return vip.empty() ? "hardware load balancing" : vip + " (hardware load balancing)";
  case topology::LoadBalancing::dns:
    return vip.empty() ? "DNS load balancing" : vip + " (DNS load balancing)";
  case topology::LoadBalancing::none:
    break;
  }
  return vip;
}

void add_servers(std::vector<std::string>& lines, const Pool& p) {
  const int shown = std::min<int>(kMaxServersShown, static_cast<int>(p.servers.size()));
  for (int i = 0; i < shown; ++i) {
    const auto& s = p.servers[static_cast<std::size_t>(i)];
    lines.push_back(s.ip ? s.fqdn + "  " + s.ip->text : s.fqdn);
  }
  if (p.servers.size() > static_cast<std::size_t>(shown)) {
    lines.push_back(fmt::format("and {} more servers", p.servers.size() - shown));
  }
}

DiagramBox pool_box(const topology::Topology& t, const Pool& p) {
  DiagramBox box;
  box.id = p.fqdn;
  box.kind = p.role == Role::director ? "director" : "pool";
  box.title = p.fqdn;
  box.lines.push_back(
      role_title(p.role) + " · " +
      std::string(topology::product_facts(topology::product_of(t, p)).display_name));
  if (const std::string lb = load_balancing_text(p); !lb.empty()) {
    box.lines.push_back(lb);
  }
  add_servers(box.lines, p);
  if (p.web_internal) {
    box.lines.push_back("web internal  " + p.web_internal->fqdn);
  }
  if (p.web_external) {
    box.lines.push_back("web external  " + p.web_external->fqdn);
  }
  return box;
}

std::string service_address(const Pool& edge, const EdgeService& s) {
  const auto& service = edge.*s.service;
  if (service.vip) {
    return "VIP " + service.vip->text;
  }
  std::vector<std::string> parts;
  for (const auto& server : edge.servers) {
    const auto& ip = server.*s.external;
    const auto& nat = server.*s.nat;
    if (ip && nat) {
      parts.push_back(nat->text + " NAT to " + ip->text);
    } else if (ip) {
      parts.push_back(ip->text);
    }
  }
  if (parts.size() > 2) {
    return fmt::format("{}, {} and {} more", parts[0], parts[1], parts.size() - 2);
  }
  return join(parts, ", ");
}

bool service_behind_nat(const Pool& edge, const EdgeService& s) {
  return std::any_of(edge.servers.begin(), edge.servers.end(),
                     [&](const topology::Server& server) { return (server.*s.nat).has_value(); });
}

DiagramBox edge_box(const topology::Topology& t, const Pool& p) {
  DiagramBox box;
  box.id = p.fqdn;
  box.kind = "edge";
  box.title = p.fqdn;
  box.band = Band::perimeter;
  box.lines.push_back(fmt::format("Edge pool · {} · {} server{}",
                                  topology::product_facts(topology::product_of(t, p)).display_name,
                                  p.servers.size(), p.servers.size() == 1 ? "" : "s"));
  if (p.internal_vip) {
    box.lines.push_back("internal VIP " + p.internal_vip->text);
  } else {
    std::vector<std::string> internal;
    for (const auto& s : p.servers) {
      if (s.internal_ip) {
        internal.push_back(s.internal_ip->text);
      }
    }
    if (!internal.empty()) {
      box.lines.push_back("internal " + join(internal, ", "));
    }
  }
  if (!p.next_hop.empty()) {
    box.lines.push_back("next hop " + p.next_hop);
  }
  for (const EdgeService& s : kEdgeServices) {
    const auto& service = p.*s.service;
    DiagramRow row;
    row.id = std::string(s.row);
    row.lines.push_back(fmt::format("{}  {}:{}", s.title, service.fqdn, service.port));
    if (const std::string address = service_address(p, s); !address.empty()) {
      row.lines.push_back(address);
    }
    box.rows.push_back(std::move(row));
  }
  return box;
}

DiagramBox reverse_proxy_box(const topology::Topology& t, const plan::Plan& plan) {
  DiagramBox box;
  box.id = "reverse-proxy";
  box.kind = "reverse-proxy";
  box.title = "Reverse proxy";
  box.band = Band::perimeter;
  const auto& rp = *t.reverse_proxy;
  if (rp.ip) {
    box.lines.push_back("listener " + rp.ip->text);
  }
  for (const auto& l : rp.listeners) {
    box.lines.push_back(fmt::format("listener {} ({} name{})", l.ip.text, l.names.size(),
                                    l.names.size() == 1 ? "" : "s"));
  }
  std::vector<std::string> names;
  for (const auto& rule : plan.publishing) {
    if (std::find(names.begin(), names.end(), rule.public_name) == names.end()) {
      names.push_back(rule.public_name);
    }
  }
  constexpr std::size_t kShown = 5;
  for (std::size_t i = 0; i < names.size() && i < kShown; ++i) {
    box.lines.push_back("publishes " + names[i]);
  }
  if (names.size() > kShown) {
    box.lines.push_back(fmt::format("and {} more names", names.size() - kShown));
  }
  return box;
}

std::vector<DiagramBox> make_boxes(const topology::Topology& t, const plan::Plan& plan) {
  std::vector<DiagramBox> boxes;
  DiagramBox internet;
  internet.id = "internet";
  internet.kind = "internet";
  internet.title = "Internet";
  internet.band = Band::internet;
  internet.lines = {"remote and mobile users", "federated partners"};
  boxes.push_back(internet);
  std::vector<std::string> hybrid, teams_only;
  for (const auto& d : t.sip_domains) {
    if (topology::mode_of(t, d) == topology::DomainMode::hybrid) {
      hybrid.push_back(d);
    } else if (topology::mode_of(t, d) == topology::DomainMode::teams_only) {
      teams_only.push_back(d);
    }
  }
  if (!hybrid.empty() || !teams_only.empty()) {
    DiagramBox cloud;
    cloud.id = "microsoft-365";
    cloud.kind = "cloud";
    cloud.title = "Microsoft 365";
    cloud.band = Band::internet;
    if (!hybrid.empty()) {
      cloud.lines.push_back("hybrid  " + join(hybrid, ", "));
    }
    if (!teams_only.empty()) {
      cloud.lines.push_back("Teams only  " + join(teams_only, ", "));
    }
    boxes.push_back(cloud);
  }
  for (const Pool& p : t.pools) {
    if (p.role == Role::edge) {
      boxes.push_back(edge_box(t, p));
    }
  }
  if (t.reverse_proxy) {
    boxes.push_back(reverse_proxy_box(t, plan));
  }
  for (const Role role :
       {Role::director, Role::front_end, Role::standard_edition, Role::mediation}) {
    for (const Pool& p : t.pools) {
      if (p.role == role) {
        boxes.push_back(pool_box(t, p));
      }
    }
  }
  if (t.office_web_apps) {
    DiagramBox owa;
    owa.id = t.office_web_apps->fqdn;
    owa.kind = "owa";
    owa.title = t.office_web_apps->fqdn;
    owa.lines.push_back("Office Web Apps Server");
    if (t.office_web_apps->internal_ip) {
      owa.lines.push_back("internal " + t.office_web_apps->internal_ip->text);
    }
    boxes.push_back(owa);
  }
  DiagramBox clients;
  clients.id = "internal-clients";
  clients.kind = "clients";
  clients.title = "Internal clients";
  clients.lines = {"desktop, mobile and phone users inside"};
  boxes.push_back(clients);
  return boxes;
}

// One end of a flow: a box, and the Edge service row when it is one.
struct End {
  std::size_t box;
  std::string row;
};

// The index of the box `id`, or boxes.size() when there is none.
std::size_t box_index(const std::vector<DiagramBox>& boxes, const std::string& id) {
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    if (boxes[i].id == id) {
      return i;
    }
  }
  return boxes.size();
}

std::size_t find_or_add_box(std::vector<DiagramBox>& boxes, const std::string& id) {
  if (const std::size_t i = box_index(boxes, id); i < boxes.size()) {
    return i;
  }
  DiagramBox box; // a name the firewall plan uses that no box stands for: drawn inside
  box.id = id;
  box.kind = "host";
  box.title = id;
  boxes.push_back(box);
  return boxes.size() - 1;
}

// The boxes a firewall plan name stands for. The Edge's names stand for every Edge pool; its
// internal interface's SIP (5061) flows go to the Edges whose next hop the other end is.
std::vector<End> ends_of(std::vector<DiagramBox>& boxes, const topology::Topology& t,
                         const std::string& name, const std::string& other,
                         const std::string& port) {
  std::vector<End> ends;
  for (const EdgeService& s : kEdgeServices) {
    if (name == s.firewall_name) {
      for (std::size_t i = 0; i < boxes.size(); ++i) {
        if (boxes[i].kind == "edge") {
          ends.push_back({i, std::string(s.row)});
        }
      }
      return ends;
    }
  }
  if (name == kEdgeInternal) {
    const bool next_hop_flow = port == "5061";
    const bool named = std::any_of(t.pools.begin(), t.pools.end(),
                                   [&](const Pool& p) { return p.next_hop == other; });
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      if (boxes[i].kind != "edge") {
        continue;
      }
      const auto pool = std::find_if(t.pools.begin(), t.pools.end(),
                                     [&](const Pool& p) { return p.fqdn == boxes[i].id; });
      if (!next_hop_flow || !named || (pool != t.pools.end() && pool->next_hop == other)) {
        ends.push_back({i, ""});
      }
    }
    return ends;
  }
  ends.push_back({find_or_add_box(boxes, name), ""});
  return ends;
}

// "TCP 443, 5061 · UDP 3478": the ports grouped by protocol, protocols in order of first use.
std::string ports_label(const std::vector<std::string>& ports, bool nat) {
  std::vector<std::pair<std::string, std::vector<std::string>>> by_protocol;
  for (const auto& p : ports) {
    const auto space = p.find(' ');
    const std::string protocol = p.substr(0, space);
    const std::string number = p.substr(space + 1);
    auto it = std::find_if(by_protocol.begin(), by_protocol.end(),
                           [&](const auto& e) { return e.first == protocol; });
    if (it == by_protocol.end()) {
      by_protocol.push_back({protocol, {number}});
    } else {
      it->second.push_back(number);
    }
  }
  std::vector<std::string> groups;
  for (const auto& [protocol, numbers] : by_protocol) {
    groups.push_back(protocol + " " + join(numbers, ", "));
  }
  if (nat) {
    groups.push_back("NAT");
  }
  return join(groups, " · ");
}

std::vector<DiagramArrow> make_arrows(std::vector<DiagramBox>& boxes, const topology::Topology& t,
                                      const plan::Plan& plan, std::vector<std::string>& not_drawn) {
  std::vector<DiagramArrow> arrows;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::size_t> index;
  for (const auto& rule : plan.firewall) {
    const auto froms = ends_of(boxes, t, rule.from, rule.to, rule.port);
    const auto tos = ends_of(boxes, t, rule.to, rule.from, rule.port);
    for (const End& from : froms) {
      for (const End& to : tos) {
        if (boxes[from.box].band == boxes[to.box].band) {
          not_drawn.push_back(fmt::format("{} to {}: {} {}", rule.from, rule.to,
                                          to_upper(rule.protocol), rule.port));
          continue;
        }
        const auto key = std::tuple{boxes[from.box].id, from.row, boxes[to.box].id, to.row};
        auto [it, added] = index.try_emplace(key, arrows.size());
        if (added) {
          DiagramArrow arrow;
          arrow.from = boxes[from.box].id;
          arrow.from_row = from.row;
          arrow.to = boxes[to.box].id;
          arrow.to_row = to.row;
          arrows.push_back(std::move(arrow));
        }
        DiagramArrow& arrow = arrows[it->second];
        const std::string port = to_upper(rule.protocol) + " " + rule.port;
        if (std::find(arrow.ports.begin(), arrow.ports.end(), port) == arrow.ports.end()) {
          arrow.ports.push_back(port);
          arrow.why.push_back(port + ": " + rule.why);
        }
      }
    }
  }
  // NAT: a flow to or from an Edge service published through NAT.
  for (DiagramArrow& arrow : arrows) {
    for (const EdgeService& s : kEdgeServices) {
      for (const auto& [id, row] :
           {std::pair{arrow.from, arrow.from_row}, std::pair{arrow.to, arrow.to_row}}) {
        if (row != s.row) {
          continue;
        }
        for (const Pool& p : t.pools) {
          if (p.fqdn == id && service_behind_nat(p, s)) {
            arrow.nat = true;
          }
        }
      }
    }
    arrow.label = ports_label(arrow.ports, arrow.nat);
  }
  return arrows;
}

// Where an arrow meets a box: the box, its row (or none), and the side.
struct PortKey {
  std::size_t box;
  std::string row;
  bool right;
  auto operator<=>(const PortKey&) const = default;
};

struct PortUse {
  std::size_t arrow;
  bool source;
  double order; // the other end's place, so that arrows leave in the order they go
};

double lines_width(const std::vector<std::string>& lines) {
  double w = 0;
  for (const auto& l : lines) {
    w = std::max(w, text_width(l, kFont));
  }
  return w;
}

std::string number(double v) {
  std::string s = fmt::format("{:.1f}", v);
  if (s.size() > 2 && s.ends_with(".0")) {
    s.resize(s.size() - 2);
  }
  return s;
}

} // namespace

bool Rect::overlaps(const Rect& o) const {
  return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
}

bool Rect::contains(const Rect& o) const {
  return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
}

double text_width(std::string_view text, double font_size) {
  // Code points, not bytes: "·" is two bytes and one glyph. A monospaced glyph advances 0.6 em;
  // 0.62 leaves room for fonts that are a little wider.
  std::size_t glyphs = 0;
  for (unsigned char c : text) {
    glyphs += (c & 0xC0) != 0x80 ? 1 : 0;
  }
  return static_cast<double>(glyphs) * font_size * 0.62;
}

Diagram layout_diagram(const topology::Topology& t, const plan::Plan& plan) {
  Diagram d;
  d.boxes = make_boxes(t, plan);
  d.arrows = make_arrows(d.boxes, t, plan, d.not_drawn);
  auto& boxes = d.boxes;
  auto& arrows = d.arrows;

  // Columns: the boxes of each band in order; their width.
  std::array<std::vector<std::size_t>, 3> column;
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    column[static_cast<std::size_t>(band_index(boxes[i].band))].push_back(i);
  }
  std::array<double, 3> column_width{kMinBoxWidth, kMinBoxWidth, kMinBoxWidth};
  for (auto& box : boxes) {
    double w = std::max(text_width(box.title, kTitleFont), lines_width(box.lines));
    for (const auto& row : box.rows) {
      w = std::max(w, lines_width(row.lines));
    }
    auto& cw = column_width[static_cast<std::size_t>(band_index(box.band))];
    cw = std::max(cw, w + 2 * kPad);
  }

  // Ports: which arrows meet each side of each box (or row), ordered by the other end.
  std::vector<double> place(boxes.size(), 0);
  for (const auto& col : column) {
    for (std::size_t k = 0; k < col.size(); ++k) {
      place[col[k]] = static_cast<double>(k);
    }
  }
  const auto row_place = [&](std::size_t box, const std::string& row) {
    const auto& rows = boxes[box].rows;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].id == row) {
        return (static_cast<double>(r) + 1) / static_cast<double>(rows.size() + 1);
      }
    }
    return 0.5;
  };
  std::map<PortKey, std::vector<PortUse>> ports;
  for (std::size_t a = 0; a < arrows.size(); ++a) {
    const auto& arrow = arrows[a];
    const std::size_t from = box_index(boxes, arrow.from);
    const std::size_t to = box_index(boxes, arrow.to);
    const bool rightward = band_index(boxes[from].band) < band_index(boxes[to].band);
    ports[{from, arrow.from_row, rightward}].push_back(
        {a, true, place[to] + row_place(to, arrow.to_row)});
    ports[{to, arrow.to_row, !rightward}].push_back(
        {a, false, place[from] + row_place(from, arrow.from_row)});
  }
  for (auto& [key, uses] : ports) {
    std::stable_sort(uses.begin(), uses.end(), [](const PortUse& a, const PortUse& b) {
      return std::tie(a.order, a.source) < std::tie(b.order, b.source);
    });
  }
  const auto port_count = [&](std::size_t box, const std::string& row, bool right) {
    auto it = ports.find({box, row, right});
    return it == ports.end() ? 0.0 : static_cast<double>(it->second.size());
  };

  // Heights: the text, and room for every port of a side.
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    auto& box = boxes[i];
    const double header = kPad + kLine + 2 + static_cast<double>(box.lines.size()) * kLine + kPad;
    double h = header;
    for (auto& row : box.rows) {
      const double text = kPad + static_cast<double>(row.lines.size()) * kLine + kPad;
      const double needed =
          std::max(port_count(i, row.id, false), port_count(i, row.id, true)) * kPortSpacing + kPad;
      row.rect.h = std::max(text, needed);
      h += row.rect.h;
    }
    for (const bool right : {false, true}) {
      h = std::max(h, port_count(i, "", right) * kPortSpacing + 2 * kPad);
    }
    box.rect.h = h;
    box.rect.w = column_width[static_cast<std::size_t>(band_index(box.band))];
  }

  // Gaps between bands: the labels of arrows heading left, the tracks, the labels of arrows
  // heading right.
  struct Gap {
    double left_labels = 0, right_labels = 0;
    int tracks = 0;
  };
  std::array<Gap, 2> gaps{};
  for (auto& arrow : arrows) {
    const std::size_t from = box_index(boxes, arrow.from);
    const std::size_t to = box_index(boxes, arrow.to);
    const int a = band_index(boxes[from].band), b = band_index(boxes[to].band);
    Gap& gap = gaps[static_cast<std::size_t>(std::min(a, b))];
    const double w = text_width(arrow.label, kFont) + 6;
    (a < b ? gap.right_labels : gap.left_labels) =
        std::max(a < b ? gap.right_labels : gap.left_labels, w);
    gap.tracks += 1;
  }
  std::array<double, 3> column_x{};
  std::array<double, 2> tracks_x{};
  column_x[0] = kMargin;
  for (std::size_t g = 0; g < 2; ++g) {
    const Gap& gap = gaps[g];
    const double left_zone = column_x[g] + column_width[g] + kArrowHead + gap.left_labels;
    tracks_x[g] = left_zone + kZoneGap;
    const double tracks_end = tracks_x[g] + std::max(0, gap.tracks - 1) * kTrack;
    column_x[g + 1] = std::max(tracks_end + kZoneGap + gap.right_labels + kArrowHead,
                               column_x[g] + column_width[g] + 2 * kZoneGap + 40);
  }

  // Boxes stacked in their column; rows inside their box.
  double bottom = 0;
  for (std::size_t c = 0; c < 3; ++c) {
    double y = kMargin + kBandHeader;
    for (std::size_t i : column[c]) {
      auto& box = boxes[i];
      box.rect.x = column_x[c];
      box.rect.y = y;
      double row_y = y + kPad + kLine + 2 + static_cast<double>(box.lines.size()) * kLine + kPad;
      for (auto& row : box.rows) {
        row.rect.x = box.rect.x;
        row.rect.w = box.rect.w;
        row.rect.y = row_y;
        row_y += row.rect.h;
      }
      y += box.rect.h + kBoxGap;
      bottom = std::max(bottom, box.rect.bottom());
    }
  }

  // Port positions, then each arrow's track and label.
  std::vector<Point> start(arrows.size()), end(arrows.size());
  for (const auto& [key, uses] : ports) {
    const auto& box = boxes[key.box];
    Rect span = box.rect;
    double inset = kPad;
    for (const auto& row : box.rows) {
      if (row.id == key.row) {
        span = row.rect;
        inset = kPad / 2;
      }
    }
    const double slot = (span.h - 2 * inset) / static_cast<double>(uses.size());
    for (std::size_t k = 0; k < uses.size(); ++k) {
      const Point p{key.right ? span.right() : span.x,
                    span.y + inset + slot * (static_cast<double>(k) + 0.5)};
      (uses[k].source ? start : end)[uses[k].arrow] = p;
    }
  }
  std::array<int, 2> next_track{};
  std::vector<std::size_t> order(arrows.size());
  for (std::size_t a = 0; a < order.size(); ++a) {
    order[a] = a;
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return start[a].y < start[b].y; });
  for (std::size_t a : order) {
    auto& arrow = arrows[a];
    const std::size_t from = box_index(boxes, arrow.from);
    const std::size_t to = box_index(boxes, arrow.to);
    const int fa = band_index(boxes[from].band), fb = band_index(boxes[to].band);
    const auto g = static_cast<std::size_t>(std::min(fa, fb));
    const double x = tracks_x[g] + next_track[g]++ * kTrack;
    const Point s = start[a], e = end[a];
    arrow.points = {s, {x, s.y}, {x, e.y}, e};
    const double w = text_width(arrow.label, kFont) + 6;
    const double lx = fa < fb ? e.x - kArrowHead - w : e.x + kArrowHead;
    arrow.label_rect = {lx, e.y - kLabelRise, w, kLabelHeight};
  }

  // The legend below the bands, then the bands around everything above it.
  d.legend = {
      "Arrows: the firewall flows to open, from the arrow's tail to its head, with protocol and "
      "ports (the firewall table lists each rule and why).",
      "NAT: the Edge service is reached through NAT; its row shows the public address and the "
      "Edge's own (public NAT to private).",
      "Edge rows: each external service with its name, port and addresses; flows to the Edge's "
      "internal interface meet the right side of its box.",
  };
  d.width = column_x[2] + column_width[2] + kMargin;
  d.width = std::max(d.width, 2 * kMargin + 2 * kPad + lines_width(d.legend));
  const double bands_bottom = bottom + kBoxGap;
  d.legend_rect = {kMargin, bands_bottom + kBoxGap, d.width - 2 * kMargin,
                   2 * kPad + kLine * static_cast<double>(d.legend.size() + 1)};
  d.height = d.legend_rect.bottom() + kMargin;
  std::array<double, 4> edges{0, 0, 0, d.width};
  for (std::size_t g = 0; g < 2; ++g) {
    const double tracks_end = tracks_x[g] + std::max(0, gaps[g].tracks - 1) * kTrack;
    edges[g + 1] = (tracks_x[g] - kZoneGap / 2 + tracks_end + kZoneGap / 2) / 2;
  }
  for (std::size_t b = 0; b < 3; ++b) {
    d.bands.push_back({static_cast<Band>(b), kBandTitles[b],
                       Rect{edges[b], kMargin, edges[b + 1] - edges[b], bands_bottom - kMargin}});
  }

  std::size_t edge_pools = 0, pools = 0;
  for (const auto& p : t.pools) {
    (p.role == Role::edge ? edge_pools : pools) += 1;
  }
  // The file's name, not where it lies: the drawing is the same from any folder.
  d.title =
      fmt::format("The deployment of {}: {}", std::filesystem::path(t.source).filename().string(),
                  topology::product_facts(t.product).display_name);
  d.description = fmt::format(
      "{} pool{} inside, {} Edge pool{}{} in the perimeter network, and the Internet; {} arrow{} "
      "for the {} rules of the firewall plan.",
      pools, pools == 1 ? "" : "s", edge_pools, edge_pools == 1 ? "" : "s",
      t.reverse_proxy ? " and a reverse proxy" : "", arrows.size(), arrows.size() == 1 ? "" : "s",
      plan.firewall.size());
  if (!d.not_drawn.empty()) {
    d.description += " Not drawn (both ends in one band): " + join(d.not_drawn, "; ") + ".";
  }
  return d;
}

namespace {

constexpr std::string_view kSvgStyle = R"(
.lp-diagram text{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:11px;fill:#1a202c}
.lp-diagram .band-title{font-family:system-ui,sans-serif;font-size:14px;font-weight:600}
.lp-diagram .band-internet{fill:#e8f1fb}.lp-diagram .band-perimeter{fill:#fdf1e1}
.lp-diagram .band-internal{fill:#e7f5e9}
.lp-diagram .frame{fill:#fff;stroke:#4a5568;stroke-width:1.2}
.lp-diagram .edge .frame{stroke:#b7791f}.lp-diagram .reverse-proxy .frame{stroke:#b7791f}
.lp-diagram .director .frame,.lp-diagram .pool .frame{stroke:#2f855a}
.lp-diagram .internet .frame,.lp-diagram .cloud .frame{stroke:#2b6cb0}
.lp-diagram .row{fill:#f7fafc;stroke:#cbd5e0}
.lp-diagram .box-title{font-size:12px;font-weight:700}
.lp-diagram .flow polyline{fill:none;stroke:#2c5282;stroke-width:1.3}
.lp-diagram .flow.nat polyline{stroke-dasharray:6 3}
.lp-diagram .flow text{fill:#1a365d}
.lp-diagram .head{fill:#2c5282}
.lp-diagram .legend{fill:#fff;stroke:#a0aec0}
@media (prefers-color-scheme:dark){
.lp-diagram text{fill:#e2e8f0}
.lp-diagram .band-internet{fill:#1a2a3d}.lp-diagram .band-perimeter{fill:#33281a}
.lp-diagram .band-internal{fill:#1b3323}
.lp-diagram .frame,.lp-diagram .legend{fill:#1a202c}.lp-diagram .row{fill:#2d3748;stroke:#4a5568}
.lp-diagram .flow polyline{stroke:#90cdf4}.lp-diagram .head{fill:#90cdf4}
.lp-diagram .flow text{fill:#bee3f8}
}
)";

void text_element(std::string& out, double x, double y, std::string_view cls, std::string_view text,
                  std::string_view anchor = "") {
  out += fmt::format("<text x=\"{}\" y=\"{}\"", number(x), number(y));
  if (!cls.empty()) {
    out += fmt::format(" class=\"{}\"", cls);
  }
  if (!anchor.empty()) {
    out += fmt::format(" text-anchor=\"{}\"", anchor);
  }
  out += ">" + escape_markup(text) + "</text>\n";
}

std::string rect_attributes(const Rect& r) {
  return fmt::format("x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"", number(r.x), number(r.y),
                     number(r.w), number(r.h));
}

} // namespace

std::string diagram_svg(const Diagram& d, bool standalone) {
  std::string out;
  if (standalone) {
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  }
  out +=
      fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lp-diagram\" width=\"{0}\" "
                  "height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" aria-labelledby=\"lp-title "
                  "lp-desc\">\n",
                  number(d.width), number(d.height));
  out += "<title id=\"lp-title\">" + escape_markup(d.title) + "</title>\n";
  out += "<desc id=\"lp-desc\">" + escape_markup(d.description) + "</desc>\n";
  out += "<style>" + std::string(kSvgStyle) + "</style>\n";
  out += "<defs><marker id=\"lp-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
         "markerWidth=\"8\" markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" "
         "orient=\"auto\"><path class=\"head\" d=\"M0,0L10,5L0,10z\"/></marker></defs>\n";
  for (const auto& band : d.bands) {
    const auto name = kBandNames[static_cast<std::size_t>(band_index(band.band))];
    out += fmt::format("<g class=\"band\" data-band=\"{}\"><rect class=\"band-{}\" {}/>\n", name,
                       name, rect_attributes(band.rect));
    text_element(out, band.rect.x + 12, band.rect.y + 22, "band-title", band.title);
    out += "</g>\n";
  }
  for (std::size_t i = 0; i < d.boxes.size(); ++i) {
    const auto& box = d.boxes[i];
    out += fmt::format("<g class=\"box {}\" id=\"lp-box-{}\" data-id=\"{}\">\n", box.kind, i,
                       escape_markup(box.id));
    out += fmt::format("<rect class=\"frame\" rx=\"4\" {}/>\n", rect_attributes(box.rect));
    double y = box.rect.y + kPad + kLine - 3;
    text_element(out, box.rect.x + kPad, y, "box-title", box.title);
    y += 2;
    for (const auto& line : box.lines) {
      y += kLine;
      text_element(out, box.rect.x + kPad, y, "", line);
    }
    for (const auto& row : box.rows) {
      out += fmt::format("<rect class=\"row\" data-row=\"{}\" {}/>\n", row.id,
                         rect_attributes(row.rect));
      double ry = row.rect.y + kPad + kLine - 4;
      for (const auto& line : row.lines) {
        text_element(out, row.rect.x + kPad, ry, "", line);
        ry += kLine;
      }
    }
    out += "</g>\n";
  }
  for (const auto& arrow : d.arrows) {
    out += fmt::format("<g class=\"flow{}\">", arrow.nat ? " nat" : "");
    out += "<title>" +
           escape_markup(arrow.from + (arrow.from_row.empty() ? "" : " " + arrow.from_row) +
                         " to " + arrow.to + (arrow.to_row.empty() ? "" : " " + arrow.to_row) +
                         ": " + join(arrow.why, "; ")) +
           "</title>";
    std::vector<std::string> points;
    for (const auto& p : arrow.points) {
      points.push_back(number(p.x) + "," + number(p.y));
    }
    out += "<polyline points=\"" + join(points, " ") + "\" marker-end=\"url(#lp-arrow)\"/>\n";
    const bool rightward = arrow.points.front().x < arrow.points.back().x;
    text_element(out, rightward ? arrow.label_rect.right() - 3 : arrow.label_rect.x + 3,
                 arrow.label_rect.bottom() - 2, "", arrow.label, rightward ? "end" : "start");
    out += "</g>\n";
  }
  out += fmt::format("<g class=\"legend-box\"><rect class=\"legend\" rx=\"4\" {}/>\n",
                     rect_attributes(d.legend_rect));
  double y = d.legend_rect.y + kPad + kLine - 3;
  text_element(out, d.legend_rect.x + kPad, y, "box-title", "Legend");
  for (const auto& line : d.legend) {
    y += kLine;
    text_element(out, d.legend_rect.x + kPad, y, "", line);
  }
  out += "</g>\n</svg>\n";
  return out;
}

} // namespace lyncplan::render
