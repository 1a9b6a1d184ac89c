// The reverse-proxy renderers keep authentication that is bound to a connection safe: no backend
// connection shared between clients, none closed inside a handshake; modes and their files.
#include "support/cli_run.hpp"
#include "support/topologies.hpp"

#include <lyncplan/render/proxy_model.hpp>
#include <lyncplan/render/renderer.hpp>

#include <gtest/gtest.h>

#include <filesystem>

namespace lyncplan::testing {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

render::Options mode(render::ProxyMode m) {
  render::Options o;
  o.proxy_mode = m;
  return o;
}

TEST(ProxyModes, EachProxyDefaultsToTheModeThatKeepsNtlmWorking) {
  EXPECT_EQ(render::effective_mode("nginx", render::ProxyMode::automatic), render::ProxyMode::tcp);
  EXPECT_EQ(render::effective_mode("haproxy", render::ProxyMode::automatic),
            render::ProxyMode::http);
  EXPECT_EQ(render::effective_mode("nginx", render::ProxyMode::http), render::ProxyMode::http);
  EXPECT_FALSE(render::proxy_facts("nginx").http_mode_binds_connections);
  EXPECT_TRUE(render::proxy_facts("haproxy").http_mode_binds_connections);
  EXPECT_TRUE(render::is_proxy("nginx"));
  EXPECT_FALSE(render::is_proxy("json"));
}

TEST(NginxRenderer, TcpModeKeepsOneBackendConnectionPerClientConnection) {
  const auto out = render_with(render::render_nginx, plan_of(reference_topology()));
  ASSERT_TRUE(out) << out.error();
  EXPECT_TRUE(out->text.empty());
  ASSERT_EQ(out->files.size(), 2u);
  const std::string& stream = out->files[0].content;
  const std::string& http = out->files[1].content;
  EXPECT_EQ(out->files[0].path, "lyncplan-stream.conf");
  EXPECT_EQ(out->files[1].path, "lyncplan-http.conf");
  EXPECT_FALSE(has(stream, "keepalive")) << stream;
  EXPECT_FALSE(has(http, "keepalive")) << http;
  EXPECT_FALSE(has(http, "Connection \"\"")) << http;
  EXPECT_TRUE(has(stream, "map $ssl_server_name $listener_131_107_155_40_443 {"));
  EXPECT_TRUE(has(stream, "    proxy_pass $listener_131_107_155_40_443;\n"));
  EXPECT_TRUE(has(stream, "    proxy_ssl_name $listener_131_107_155_40_443_name;\n"));
  EXPECT_TRUE(has(stream, "    proxy_ssl_verify on;\n"));
  EXPECT_TRUE(has(stream, "    default lyncplan_refuse;\n"));
  EXPECT_FALSE(has(stream, ":80 ")) << "plain listeners belong to the http context";
  EXPECT_FALSE(has(http, "listen 131.107.155.40:443")) << "TLS listeners belong to the stream";
  EXPECT_TRUE(has(http, "listen 131.107.155.40:80 default_server;"));
  EXPECT_TRUE(out->warnings.empty());
}

TEST(NginxRenderer, HttpModeNeverSharesABackendConnectionAndSaysWhatItCannotDo) {
  const auto out = render_with(render::render_nginx, plan_of(reference_topology()),
                               mode(render::ProxyMode::http));
  ASSERT_TRUE(out) << out.error();
  EXPECT_TRUE(out->files.empty());
  EXPECT_FALSE(has(out->text, "keepalive")) << out->text;
  EXPECT_FALSE(has(out->text, "Connection \"\"")) << out->text;
  EXPECT_TRUE(has(out->text, "listen 131.107.155.40:443 ssl default_server;"));
  ASSERT_EQ(out->warnings.size(), 1u);
  EXPECT_TRUE(has(out->warnings[0], "NTLM")) << out->warnings[0];
}

TEST(HaproxyRenderer, HttpModeKeepsServerConnectionsPrivateAndOpen) {
  const auto out = render_with(render::render_haproxy, plan_of(reference_topology()));
  ASSERT_TRUE(out) << out.error();
  EXPECT_FALSE(has(out->text, "http-server-close")) << out->text;
  EXPECT_FALSE(has(out->text, "httpclose")) << out->text;
  EXPECT_TRUE(has(out->text, "    option http-keep-alive\n    http-reuse never\n"));
  EXPECT_FALSE(has(out->text, "mode tcp"));
}

TEST(HaproxyRenderer, TcpModeRoutesTlsListenersBySni) {
  const auto out = render_with(render::render_haproxy, plan_of(reference_topology()),
                               mode(render::ProxyMode::tcp));
  ASSERT_TRUE(out) << out.error();
  EXPECT_TRUE(has(out->text, "frontend listener_131_107_155_40_443\n"));
  EXPECT_TRUE(has(out->text, "ssl_fc_sni -i -m str"));
  EXPECT_TRUE(has(out->text, "default_backend lyncplan_refuse_tcp\n"));
  EXPECT_TRUE(has(out->text, "backend lync_pool01_contoso_net_4443_tcp\n    mode tcp\n"));
  // port 80 still routes by Host
  EXPECT_TRUE(
      has(out->text, "backend lync_pool01_contoso_net_8080\n    # pool01.contoso.net:8080"));
}

TEST(ProxyCli, TcpModeOfNginxNeedsAFolderAndModesOnlyApplyToProxies) {
  const std::string topology = source_path("examples/reference-lync2013.yaml");
  auto r = run_cli({"plan", topology, "--format", "nginx", "--fail-on", "never"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_TRUE(has(r.err, "writes 2 files")) << r.err;
  EXPECT_TRUE(r.out.empty());
  r = run_cli({"plan", topology, "--format", "json", "--proxy-mode", "tcp"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_TRUE(has(r.err, "--proxy-mode applies to --format nginx and haproxy")) << r.err;
  r = run_cli(
      {"plan", topology, "--format", "nginx", "--proxy-mode", "http", "--fail-on", "never"});
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(has(r.err, "lyncplan: warning: nginx in http mode")) << r.err;
  const auto dir = std::filesystem::temp_directory_path() / "lyncplan-nginx-tcp-test";
  std::filesystem::remove_all(dir);
  r = run_cli({"plan", topology, "--format", "nginx", "--fail-on", "never", "-o", dir.string()});
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "lyncplan-stream.conf"));
  EXPECT_TRUE(std::filesystem::exists(dir / "lyncplan-http.conf"));
  std::filesystem::remove_all(dir);
}

// A DNS load-balanced pool: the proxy reaches every server by the address the plan gives it.
std::string dns_balanced_pool() {
  std::string y = reference_topology();
  y.replace(y.find("    load_balancing: hardware\n    vip: 192.168.21.100\n"),
            std::string("    load_balancing: hardware\n    vip: 192.168.21.100\n").size(),
            "    load_balancing: dns\n");
  return y;
}

TEST(ProxyBackends, AddressesComeFromThePlanSoADmzNeedsNoInternalDns) {
  const auto model = render::proxy_model(plan_of(reference_topology()), {});
  ASSERT_TRUE(model) << model.error();
  const auto& pool = model->backend("lync_pool01_contoso_net_4443");
  EXPECT_EQ(pool.addresses, std::vector<std::string>{"192.168.21.100:4443"}); // the HLB VIP
  EXPECT_EQ(pool.source, render::BackendSource::plan);
  EXPECT_EQ(pool.host, "pool01.contoso.net"); // still the name sent (SNI) and verified

  render::Options o;
  o.backend["pool01.contoso.net:4443"] = "127.0.0.1:14443";
  const auto overridden = render::proxy_model(plan_of(reference_topology()), o);
  EXPECT_EQ(overridden->backend("lync_pool01_contoso_net_4443").addresses,
            std::vector<std::string>{"127.0.0.1:14443"});
  EXPECT_EQ(overridden->backend("lync_pool01_contoso_net_4443").source,
            render::BackendSource::option);
}

TEST(ProxyBackends, DnsLoadBalancedPoolIsEveryServerHealthCheckedAndSticky) {
  const plan::Plan plan = plan_of(dns_balanced_pool());
  const auto model = render::proxy_model(plan, {});
  ASSERT_TRUE(model) << model.error();
  EXPECT_EQ(model->backend("lync_pool01_contoso_net_4443").addresses,
            (std::vector<std::string>{"192.168.21.11:4443", "192.168.21.12:4443"}));
  const auto haproxy = render_with(render::render_haproxy, plan);
  ASSERT_TRUE(haproxy);
  EXPECT_TRUE(has(haproxy->text, "    balance source\n    server pool01.contoso.net-1 "
                                 "192.168.21.11:4443 check ssl verify required"))
      << haproxy->text;
  EXPECT_TRUE(has(haproxy->text, "sni str(pool01.contoso.net) verifyhost pool01.contoso.net"));
  const auto nginx = render_with(render::render_nginx, plan);
  ASSERT_TRUE(nginx);
  EXPECT_TRUE(has(nginx->files[0].content,
                  "    hash $remote_addr consistent; # a client stays on one server\n"
                  "    server 192.168.21.11:4443 max_fails=2 fail_timeout=30s;\n"
                  "    server 192.168.21.12:4443 max_fails=2 fail_timeout=30s;\n"))
      << nginx->files[0].content;
}

} // namespace
} // namespace lyncplan::testing
