// Names of the Topology model's values (products: topology/products.cpp).
#include <lyncplan/topology/model.hpp>

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

const char* to_string(CertificateLayout layout) {
  return layout == CertificateLayout::combined ? "combined" : "separate";
}

} // namespace lyncplan::topology
