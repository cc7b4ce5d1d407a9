#include "server/mysql_server.h"

#include "base/config.h"
#include "base/logging.h"
#include "server/mysql_connection.h"

namespace tributary {

MySqlServer::MySqlServer(Frontend* frontend) : frontend_(frontend) {}

MySqlServer::~MySqlServer() { Stop(); }

Status MySqlServer::Start(const std::string& host, int port) {
    ASSIGN_OR_RETURN(listener_, Socket::Listen(host, port));
    port_ = listener_.LocalPort();
    accept_thread_ = std::thread([this] { AcceptLoop(); });
    LOG_INFO("MySQL protocol server listening on {}:{}", host, port_);
    return Status::OK();
}

void MySqlServer::Stop() {
    if (stopping_.exchange(true)) return;
    listener_.Shutdown();  // wakes accept()
    if (accept_thread_.joinable()) accept_thread_.join();
    listener_.Close();
    std::unique_lock lock(mu_);
    for (auto& [id, socket] : live_) socket->Shutdown();
    all_done_.wait(lock, [this] { return live_.empty(); });
}

void MySqlServer::AcceptLoop() {
    while (!stopping_.load()) {
        std::string peer;
        auto accepted = listener_.Accept(&peer);
        if (!accepted.ok()) {
            if (stopping_.load()) return;
            LOG_WARN("accept failed: {}", accepted.status().ToString());
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;
        }
        auto socket = std::make_shared<Socket>(std::move(accepted).value());
        uint32_t id = next_connection_id_.fetch_add(1);
        size_t live_count;
        {
            std::lock_guard lock(mu_);
            if (stopping_.load()) return;
            live_[id] = socket;
            live_count = live_.size();
        }
        bool over_limit = static_cast<int64_t>(live_count) > config::qe_max_connection.Get();
        std::thread([this, id, socket, peer = std::move(peer), over_limit]() mutable {
            if (over_limit) {
                MySqlConnection::RefuseTooManyConnections(*socket);
            } else {
                MySqlConnection(frontend_, *socket, id, peer).Run();
            }
            // Close under the lock: Stop() shuts sockets down under it and must never touch a
            // descriptor number that was closed and reused.
            std::lock_guard lock(mu_);
            socket->Close();
            live_.erase(id);
            if (live_.empty()) all_done_.notify_all();
        }).detach();
    }
}

}  // namespace tributary
