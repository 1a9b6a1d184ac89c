// DNS host names as the topology contract defines them: checks and namespace arithmetic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lyncplan::dns {

// Why `name` is not a valid host name (letters, digits, hyphens; labels of 1-63; at most
// 253 characters; no trailing dot), or nullopt when it is.
std::optional<std::string> host_name_problem(std::string_view name);

// "pool01.contoso.net" -> "contoso.net"; a single label has no parent and gives "".
std::string_view parent_domain(std::string_view name);

// True when `name` is `domain` itself or lies below it (case already folded).
bool is_within(std::string_view name, std::string_view domain);

// True when `name` is exactly one label below `domain` ("sip.contoso.com" in "contoso.com").
bool is_child_of(std::string_view name, std::string_view domain);

bool is_single_label(std::string_view name);

// The owner name relative to its zone for zone files and scripts: "@" for the apex.
std::string relative_name(std::string_view name, std::string_view zone);

} // namespace lyncplan::dns
