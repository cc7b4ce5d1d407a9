// Socket: an owned TCP socket file descriptor with blocking read/write helpers.
//
// Owns the descriptor and closes it on destruction. Shutdown() may be called from another thread
// to wake a thread blocked in Read() (used when the server stops); everything else belongs to the
// connection's own thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tributary {

class Socket {
public:
    Socket() = default;
    explicit Socket(int fd) : fd_(fd) {}
    ~Socket();
    Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    Socket& operator=(Socket&& other) noexcept;
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;

    // Listens on host:port (port 0 = any free port) with SO_REUSEADDR.
    static StatusOr<Socket> Listen(const std::string& host, int port, int backlog = 1024);

    // Accepts one connection; sets TCP_NODELAY on it. `peer_host` gets the client's address.
    StatusOr<Socket> Accept(std::string* peer_host) const;

    // Reads at least one byte into `buf` (up to `len`); returns 0 at end of stream.
    StatusOr<size_t> Read(char* buf, size_t len) const;
    // Writes all of `data`.
    Status WriteAll(std::string_view data) const;

    // Before closing a connection the server refuses, so that the client reads the last reply
    // instead of a connection reset: stops writing, then reads and discards what the client is
    // still sending (for up to `timeout_ms` or `max_bytes`). The owner closes the socket after.
    void ShutdownWriteAndDrain(int timeout_ms = 2000, size_t max_bytes = size_t{256} << 20) const;

    // Wakes readers and writers blocked on this socket; they see end of stream / an error.
    void Shutdown() const;
    void Close();

    int fd() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    // The local port this socket is bound to.
    int LocalPort() const;

private:
    int fd_ = -1;
};

}  // namespace tributary
