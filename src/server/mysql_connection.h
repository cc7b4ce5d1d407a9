// MySqlConnection: the session logic of one MySQL-protocol connection.
//
// Runs the connection phase (handshake, mysql_native_password authentication with an auth switch
// for clients that default to another plugin, optional initial database) and then the command
// phase (COM_QUERY, COM_INIT_DB, COM_FIELD_LIST, COM_PING, COM_QUIT, ...), turning each command
// into Frontend calls and each result into packets with the codecs of server/mysql/.
//
// Malformed packets are answered with an ERR packet when the stream is still in step, and end the
// connection when it is not (a bad frame header); they never affect other connections.
//
// Thread safety: Run() executes on the connection's own thread; nothing here is shared.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "frontend/session.h"
#include "server/mysql/packet_framer.h"
#include "server/socket.h"

namespace tributary {

class Frontend;
struct QueryOutcome;

class MySqlConnection {
public:
    MySqlConnection(Frontend* frontend, const Socket& socket, uint32_t connection_id,
                    std::string peer_host);

    // Serves the connection until the client quits, the stream breaks or the server stops.
    void Run();

    // Sends ER_CON_COUNT_ERROR (1040) in place of a handshake.
    static void RefuseTooManyConnections(const Socket& socket);

private:
    // Connection phase; OK when the client is logged in.
    Status Handshake();
    // Reads the next logical packet; nullopt at a clean end of stream.
    StatusOr<std::optional<mysql::Packet>> ReadPacket();
    // Frames `payload` with the next sequence id into the pending output.
    void Queue(std::string_view payload);
    Status Flush();
    Status SendError(const Status& status);

    // Command phase.
    Status HandleCommand(const mysql::Packet& packet, bool* quit);
    void QueueQueryOutcome(const QueryOutcome& outcome);

    Frontend* frontend_;
    const Socket& socket_;
    Session session_;
    mysql::PacketFramer framer_;
    uint32_t capabilities_ = 0;  // negotiated: the client's flags that the server offers
    uint8_t sequence_id_ = 0;
    std::string out_;
};

}  // namespace tributary
