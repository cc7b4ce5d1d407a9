#include "server/socket.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tributary {
namespace {
Status Errno(const std::string& what) {
    return Status::IOError(what + ": " + std::strerror(errno));
}
}  // namespace

Socket::~Socket() { Close(); }

Socket& Socket::operator=(Socket&& other) noexcept {
    if (this != &other) {
        Close();
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

StatusOr<Socket> Socket::Listen(const std::string& host, int port, int backlog) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return Errno("socket");
    Socket sock(fd);
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
        return Status::InvalidArgument("invalid listen address " + host);
    }
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        return Errno("cannot bind " + host + ":" + std::to_string(port) +
                     " (is another server running?)");
    }
    if (::listen(fd, backlog) != 0) return Errno("listen");
    return sock;
}

StatusOr<Socket> Socket::Accept(std::string* peer_host) const {
    sockaddr_in addr{};
    socklen_t len = sizeof(addr);
    int fd;
    do {
        fd = ::accept4(fd_, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return Errno("accept");
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    char text[INET_ADDRSTRLEN] = {0};
    ::inet_ntop(AF_INET, &addr.sin_addr, text, sizeof(text));
    if (peer_host) *peer_host = text;
    return Socket(fd);
}

StatusOr<size_t> Socket::Read(char* buf, size_t len) const {
    while (true) {
        ssize_t n = ::recv(fd_, buf, len, 0);
        if (n >= 0) return static_cast<size_t>(n);
        if (errno == EINTR) continue;
        if (errno == ECONNRESET) return size_t{0};
        return Errno("read");
    }
}

Status Socket::WriteAll(std::string_view data) const {
    size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return Errno("write");
        }
        done += static_cast<size_t>(n);
    }
    return Status::OK();
}

void Socket::Shutdown() const {
    if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
}

void Socket::ShutdownWriteAndDrain(int timeout_ms, size_t max_bytes) const {
    if (fd_ < 0) return;
    ::shutdown(fd_, SHUT_WR);
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    char buf[64 * 1024];
    size_t drained = 0;
    while (drained < max_bytes) {
        ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
        if (n <= 0) break;  // end of stream, timeout or error
        drained += static_cast<size_t>(n);
    }
}

void Socket::Close() {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

int Socket::LocalPort() const {
    sockaddr_in addr{};
    socklen_t len = sizeof(addr);
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return -1;
    return ntohs(addr.sin_port);
}

}  // namespace tributary
