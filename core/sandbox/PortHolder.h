#pragma once

#include <cstdint>
#include <string>

namespace preflight {

// Who listens on a local TCP port, in words for a message: "preflight-cli sandbox serve (pid 4242)".
// Read from /proc (the listening socket's inode, then the process holding it); empty when it cannot be
// told (another platform, or a process of another user).
std::string describePortHolder(std::uint16_t port);

} // namespace preflight
