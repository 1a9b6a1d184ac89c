// Names of the Topology model's values (products: topology/products.cpp).
#include <lyncplan/topology/model.hpp>

#include <algorithm>

namespace lyncplan::topology {

const char* to_string(Role r) {
  switch (r) {
  case Role::front_end:
    return "front-end";
  case Role::standard_edition:
    return "standard-edition";
  case Role::director:
    return "director";
  case Role::edge:
    return "edge";
  case Role::mediation:
    return "mediation";
  }
  return "?";
}

const char* to_string(LoadBalancing lb) {
  switch (lb) {
  case LoadBalancing::none:
    return "none";
  case LoadBalancing::dns:
    return "dns";
  case LoadBalancing::hardware:
    return "hardware";
  }
  return "?";
}

const char* to_string(InternalDns mode) {
  switch (mode) {
  case InternalDns::split_brain:
    return "split-brain";
  case InternalDns::pin_point:
    return "pin-point";
  case InternalDns::none:
    return "none";
  }
  return "?";
}

const DomainSettings& settings_of(const Topology& t, std::string_view domain) {
  static const DomainSettings on_premises;
  const auto it = t.domain_settings.find(domain);
  return it == t.domain_settings.end() ? on_premises : it->second;
}

std::vector<std::string> served_domains(const Topology& t) {
  std::vector<std::string> out;
  for (const std::string& d : t.sip_domains) {
    if (mode_of(t, d) != DomainMode::teams_only) {
      out.push_back(d);
    }
  }
  return out;
}

bool has_mode(const Topology& t, DomainMode m) {
  for (const auto& [name, settings] : t.domain_settings) {
    if (settings.mode == m) {
      return true;
    }
  }
  return false;
}

Product product_of(const Topology& t, const Pool& pool) {
  return pool.product.value_or(t.product);
}

std::vector<Product> products_in_use(const Topology& t) {
  std::vector<Product> out{t.product};
  for (const Pool& p : t.pools) {
    out.push_back(product_of(t, p));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool has_hybrid(const Topology& t) {
  return has_mode(t, DomainMode::hybrid);
}

const char* to_string(CertificateLayout layout) {
  return layout == CertificateLayout::combined ? "combined" : "separate";
}

} // namespace lyncplan::topology
