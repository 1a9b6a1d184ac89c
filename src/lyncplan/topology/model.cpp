// Names and product facts of the Topology model.
#include <lyncplan/topology/model.hpp>

namespace lyncplan::topology {

const char* to_string(Product p) {
  switch (p) {
  case Product::ocs2007r2:
    return "ocs2007r2";
  case Product::lync2010:
    return "lync2010";
  case Product::lync2013:
    return "lync2013";
  case Product::sfb2015:
    return "sfb2015";
  case Product::sfb2019:
    return "sfb2019";
  }
  return "?";
}

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

bool has_xmpp(Product p) {
  return p == Product::lync2013 || p == Product::sfb2015;
}
bool has_mobility(Product p) {
  return p != Product::ocs2007r2;
}
bool has_oauth(Product p) {
  return p == Product::lync2013 || p >= Product::sfb2015;
}
bool supports_lpe(Product p) {
  return p == Product::lync2010 || p == Product::lync2013 || p == Product::sfb2015;
}

} // namespace lyncplan::topology
