// The handshake packets of the connection phase.
//
// The server opens with Protocol::HandshakeV10 (InitialHandshake); the client answers with
// Protocol::HandshakeResponse41 (HandshakeResponse). A client that wants TLS first sends a
// 32-byte SSLRequest, which is the head of a HandshakeResponse41 with CLIENT_SSL set; Tributary
// never advertises CLIENT_SSL, so such a request is refused with a clear error. Pre-4.1 clients
// (Protocol::HandshakeResponse320, no CLIENT_PROTOCOL_41) are refused too.
//
// Build* functions return a packet payload; frame it with AppendPacket (packet_framer.h). The
// server-side pair is BuildInitialHandshake / ParseHandshakeResponse; the client-side pair
// (ParseInitialHandshake / BuildHandshakeResponse) serves tests and test clients.
//
// Parse functions never read outside the payload; malformed input yields an InvalidArgument (or
// NotSupported) Status with ErrorCode::kHandshakeError (1043, "Bad handshake") and a message that
// names the field.
//
// Thread safety: plain values and stateless functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "server/mysql/constants.h"

namespace tributary::mysql {

struct InitialHandshake {
    std::string server_version;
    uint32_t connection_id = 0;
    // auth-plugin-data: the scramble (20 bytes for mysql_native_password), sent as 8 bytes,
    // then the rest followed by a NUL. REQUIRES when building: 8 <= size <= 254, no NUL.
    std::string scramble;
    uint32_t capabilities = kDefaultServerCapabilities;
    uint8_t charset = kCharsetUtf8mb4GeneralCi;
    uint16_t status_flags = kServerStatusAutocommit;
    std::string auth_plugin_name = std::string(kNativePasswordPlugin);
};

std::string BuildInitialHandshake(const InitialHandshake& handshake);
StatusOr<InitialHandshake> ParseInitialHandshake(std::string_view payload);

struct HandshakeResponse {
    uint32_t capabilities = 0;  // as the client sent them, not yet intersected with the server's
    uint32_t max_packet_size = 0;
    uint8_t charset = 0;
    std::string user;
    std::string auth_response;  // the auth token (mysql_native_password: 20 bytes or empty)
    std::string database;       // empty: no initial database
    std::string auth_plugin;    // empty: the client named none
    std::vector<std::pair<std::string, std::string>> connect_attrs;  // in the client's order
};

// Parses a HandshakeResponse41. Fields that the capability flags announce but that are missing
// because the payload ends (database, plugin name, attributes) are treated as absent, as MySQL
// and MariaDB do for clients that set flags they do not honour; a field that starts but is cut
// short is an error. Fails with NotSupported for an SSLRequest and for a pre-4.1 client.
StatusOr<HandshakeResponse> ParseHandshakeResponse(std::string_view payload);

// Encodes a HandshakeResponse41 the way `response.capabilities` says (the auth response as
// length-encoded, 1-byte-length or NUL-terminated data; database, plugin and attributes only
// when their flag is set).
std::string BuildHandshakeResponse(const HandshakeResponse& response);

// True when `payload` is an SSLRequest: exactly the 32-byte head of a HandshakeResponse41 with
// CLIENT_SSL set.
bool IsSslRequest(std::string_view payload);

}  // namespace tributary::mysql
