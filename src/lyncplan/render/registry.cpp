// The renderer table: one row per --format value.
#include <lyncplan/render/renderer.hpp>

#include <algorithm>
#include <array>

namespace lyncplan::render {
namespace {

constexpr std::array kRenderers = {
    RendererInfo{"table", "readable tables grouped by view and zone, findings last", false,
                 render_table},
    RendererInfo{"json",
                 "the plan as JSON (keys documented in docs/commands.md), stable and sorted", false,
                 render_json},
    RendererInfo{"zone", "BIND master files, one per view and zone, plus index.txt", true,
                 render_zone},
    RendererInfo{"powershell", "a Windows DNS Server script that adds what is missing", false,
                 render_powershell},
    RendererInfo{"nsupdate",
                 "one view's records as an nsupdate script (RFC 2136): one update per zone", false,
                 render_nsupdate},
    RendererInfo{"pdns",
                 "one view's records as SQL for PowerDNS's generic SQL backends (idempotent)",
                 false, render_pdns},
    RendererInfo{"nginx", "reverse-proxy publishing as an nginx http-block include", false,
                 render_nginx},
    RendererInfo{"haproxy", "reverse-proxy publishing as an HAProxy configuration", false,
                 render_haproxy},
    RendererInfo{"csv",
                 "the DNS records and the firewall plan as spreadsheets: dns.csv, firewall.csv",
                 true, render_csv},
    RendererInfo{"svg", "the deployment drawn: bands, servers and the firewall flows", false,
                 render_svg},
};

} // namespace

std::span<const RendererInfo> renderers() {
  return kRenderers;
}

const RendererInfo* find_renderer(std::string_view name) {
  auto it = std::find_if(kRenderers.begin(), kRenderers.end(),
                         [&](const RendererInfo& r) { return r.name == name; });
  return it == kRenderers.end() ? nullptr : &*it;
}

} // namespace lyncplan::render
