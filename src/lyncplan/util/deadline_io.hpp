// Socket waits and transfers bounded by one deadline on the steady clock: what every exchange
// of ours is made of, so that no wait goes without a timeout.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

namespace lyncplan::util {

using Deadline = std::chrono::steady_clock::time_point;

// Milliseconds left until `deadline` for poll(): 0 once it has passed.
int remaining_ms(Deadline deadline);

// Waits for `events` on `fd` until the deadline (interruptions resumed); false on timeout.
bool wait_for(int fd, short events, Deadline deadline);

// Sends all of `data` on a non-blocking socket before the deadline; false on timeout or a
// closed connection.
bool send_all(int fd, std::string_view data, Deadline deadline);

// Receives exactly `count` bytes into `out` before the deadline; false on timeout or when the
// peer closes first.
bool receive_exactly(int fd, char* out, std::size_t count, Deadline deadline);

} // namespace lyncplan::util
