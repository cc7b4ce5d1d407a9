// MySqlServer: accepts MySQL-protocol connections on --query-port and runs one session thread per
// connection (MySqlConnection) against the Frontend.
//
// Thread-per-connection keeps session code sequential and is cheap at the connection counts an
// analytical database sees (qe_max_connection, default 4096). Past the limit, new clients get
// ER_CON_COUNT_ERROR (1040) instead of a handshake.
//
// Thread safety: Start() and Stop() are called by the owner's thread; the connection threads only
// touch their own connection and the thread-safe Frontend. Stop() closes the listener, wakes every
// connection (socket shutdown) and waits for all their threads to finish.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/status.h"
#include "server/socket.h"

namespace tributary {

class Frontend;

class MySqlServer {
public:
    explicit MySqlServer(Frontend* frontend);
    ~MySqlServer();
    MySqlServer(const MySqlServer&) = delete;
    MySqlServer& operator=(const MySqlServer&) = delete;

    // Listens on host:port (0 = any free port) and starts accepting.
    Status Start(const std::string& host, int port);
    // Idempotent.
    void Stop();
    int port() const { return port_; }

private:
    void AcceptLoop();

    Frontend* frontend_;
    Socket listener_;
    int port_ = 0;
    std::thread accept_thread_;
    std::atomic<bool> stopping_{false};
    std::atomic<uint32_t> next_connection_id_{1};

    std::mutex mu_;
    std::condition_variable all_done_;
    std::map<uint32_t, std::shared_ptr<Socket>> live_;  // connection id -> its socket
};

}  // namespace tributary
