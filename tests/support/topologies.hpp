// Test helpers: topologies written inline and loaded through the real loader.
#pragma once

#include <lyncplan/plan/plan.hpp>
#include <lyncplan/render/renderer.hpp>
#include <lyncplan/topology/loader.hpp>

#include <map>
#include <string>
#include <vector>

namespace lyncplan::testing {

// Loads YAML text; fails the test (and returns an empty topology) when it does not load.
topology::Topology load(const std::string& yaml,
                        const std::map<std::string, std::string>& files = {});
// The diagnostics of a topology that must not load, formatted one per line.
std::vector<std::string> load_errors(const std::string& yaml,
                                     const std::map<std::string, std::string>& files = {});
plan::Plan plan_of(const std::string& yaml);

// Runs one renderer over a plan, with an empty topology: for tests of what renderers make of a
// plan (the golden test gives each its real topology).
Expected<render::Output, std::string> render_with(render::RenderFunction renderer,
                                                  const plan::Plan& plan,
                                                  const render::Options& options = {});

// Microsoft's Lync 2013 reference topology (single Edge behind NAT, HLB pool, Director, RP).
std::string reference_topology();

std::vector<const plan::DnsRecord*> records(const plan::Plan& p, plan::View view,
                                            const std::string& name);
// "A 1.2.3.4" / "SRV sip.contoso.com:443" for each record of `name` in `view`, sorted.
std::vector<std::string> answers(const plan::Plan& p, plan::View view, const std::string& name);
const plan::Certificate* certificate(const plan::Plan& p, const std::string& id);
// The planned certificate `id`; fails the test (and returns an empty one) when there is none.
const plan::Certificate& cert(const plan::Plan& p, const std::string& id);
// Whether the firewall plan opens `port` (e.g. "443", "50000-59999") from `from` to `to`.
bool has_port(const plan::Plan& p, const std::string& from, const std::string& to,
              const std::string& protocol, const std::string& port);
std::vector<std::string> sorted(std::vector<std::string> v);
std::vector<std::string> finding_codes(const plan::Plan& p);
const plan::Finding* finding(const plan::Plan& p, const std::string& code,
                             const std::string& subject);

} // namespace lyncplan::testing
