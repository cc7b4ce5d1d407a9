// Generic response packets: OK, ERR and EOF (Protocol::OK_Packet, ERR_Packet, EOF_Packet).
//
// OK: header 0x00, affected rows and last insert id (int<lenenc>), then with CLIENT_PROTOCOL_41
// status flags and warnings (int<2> each), or with only CLIENT_TRANSACTIONS the status flags;
// then the info text. Under CLIENT_DEPRECATE_EOF the OK that ends a result set replaces the EOF
// packet and carries the header 0xFE instead. The info text is written as string<lenenc>, as
// mysqld does and libmysqlclient reads it (the documentation's string<EOF> is not what servers
// send), and only when non-empty unless CLIENT_SESSION_TRACK asks for it.
//
// ERR: 0xFF, error code int<2>, with CLIENT_PROTOCOL_41 '#' and a 5-character SQLSTATE, then the
// message as string<EOF>.
//
// EOF: 0xFE, then with CLIENT_PROTOCOL_41 warnings and status flags (int<2> each; note the order
// differs from OK's).
//
// Build* functions return a payload; frame it with AppendPacket. Parse* functions (for tests and
// test clients) never read outside the payload and fail with InvalidArgument on malformed input.
//
// Thread safety: plain values and stateless functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tributary::mysql {

inline constexpr uint8_t kOkHeader = 0x00;
inline constexpr uint8_t kEofHeader = 0xFE;
inline constexpr uint8_t kErrHeader = 0xFF;

struct OkPacket {
    uint64_t affected_rows = 0;
    uint64_t last_insert_id = 0;
    uint16_t status_flags = 0;
    uint16_t warnings = 0;
    std::string info;
    // Raw session-state-change data; written only with CLIENT_SESSION_TRACK and
    // SERVER_SESSION_STATE_CHANGED in status_flags.
    std::string session_state_changes;
};

struct ErrPacket {
    uint16_t error_code = 0;
    std::string sql_state;  // five characters; anything else is sent as "HY000"
    std::string message;
};

struct EofPacket {
    uint16_t warnings = 0;
    uint16_t status_flags = 0;
};

// An OK packet for a client with `capabilities`. With `eof_header` the header is 0xFE: the OK
// that ends a result set (or a COM_FIELD_LIST reply) under CLIENT_DEPRECATE_EOF.
std::string BuildOkPacket(const OkPacket& ok, uint32_t capabilities, bool eof_header = false);

std::string BuildErrPacket(const ErrPacket& err, uint32_t capabilities);
// The ERR packet a client sees for `status`: its ErrorCode (kUnknownError 1105 when it has
// none), SqlStateOf that code, and its client message. REQUIRES: !status.ok().
std::string BuildErrPacket(const Status& status, uint32_t capabilities);

std::string BuildEofPacket(const EofPacket& eof, uint32_t capabilities);

// What kind of response a payload is, by its first byte and length (a 0xFE packet of 9 bytes or
// more is a row or an OK, never an EOF).
bool IsOkPacket(std::string_view payload);
bool IsErrPacket(std::string_view payload);
bool IsEofPacket(std::string_view payload);

// Parses an OK packet with header 0x00 or 0xFE.
StatusOr<OkPacket> ParseOkPacket(std::string_view payload, uint32_t capabilities);
StatusOr<ErrPacket> ParseErrPacket(std::string_view payload, uint32_t capabilities);
StatusOr<EofPacket> ParseEofPacket(std::string_view payload, uint32_t capabilities);

}  // namespace tributary::mysql
