#include "server/mysql/response.h"

#include <fmt/format.h>

#include "base/check.h"
#include "server/mysql/constants.h"
#include "server/mysql/wire.h"

namespace tributary::mysql {
namespace {

constexpr size_t kSqlStateLength = 5;
constexpr std::string_view kDefaultSqlState = "HY000";
// An EOF packet is at most 0xFE + warnings + status flags.
constexpr size_t kMaxEofLength = 5;

Status WrongHeader(std::string_view packet, uint8_t header) {
    return Status::InvalidArgument(
        fmt::format("malformed packet: {} packet cannot start with 0x{:02X}", packet, header),
        ErrorCode::kNetReadError);
}

}  // namespace

std::string BuildOkPacket(const OkPacket& ok, uint32_t capabilities, bool eof_header) {
    std::string payload;
    WireWriter w(&payload);
    w.U8(eof_header ? kEofHeader : kOkHeader);
    w.LengthEncodedInt(ok.affected_rows);
    w.LengthEncodedInt(ok.last_insert_id);
    if (capabilities & kClientProtocol41) {
        w.U16(ok.status_flags);
        w.U16(ok.warnings);
    } else if (capabilities & kClientTransactions) {
        w.U16(ok.status_flags);
    }
    const bool state_changed =
        (capabilities & kClientSessionTrack) && (ok.status_flags & kServerSessionStateChanged);
    if (state_changed || !ok.info.empty()) w.LengthEncodedString(ok.info);
    if (state_changed) w.LengthEncodedString(ok.session_state_changes);
    return payload;
}

std::string BuildErrPacket(const ErrPacket& err, uint32_t capabilities) {
    std::string payload;
    WireWriter w(&payload);
    w.U8(kErrHeader);
    w.U16(err.error_code);
    if (capabilities & kClientProtocol41) {
        w.U8('#');
        w.Bytes(err.sql_state.size() == kSqlStateLength ? std::string_view(err.sql_state)
                                                        : kDefaultSqlState);
    }
    w.Bytes(err.message);
    return payload;
}

std::string BuildErrPacket(const Status& status, uint32_t capabilities) {
    TRIBUTARY_DCHECK(!status.ok(), "an ERR packet needs an error status");
    ErrorCode code = status.error_code();
    if (code == ErrorCode::kNone) code = ErrorCode::kUnknownError;
    ErrPacket err;
    err.error_code = static_cast<uint16_t>(code);
    err.sql_state = std::string(SqlStateOf(code));
    err.message = std::string(status.message());
    return BuildErrPacket(err, capabilities);
}

std::string BuildEofPacket(const EofPacket& eof, uint32_t capabilities) {
    std::string payload;
    WireWriter w(&payload);
    w.U8(kEofHeader);
    if (capabilities & kClientProtocol41) {
        w.U16(eof.warnings);
        w.U16(eof.status_flags);
    }
    return payload;
}

bool IsOkPacket(std::string_view payload) {
    return !payload.empty() && static_cast<uint8_t>(payload[0]) == kOkHeader;
}

bool IsErrPacket(std::string_view payload) {
    return !payload.empty() && static_cast<uint8_t>(payload[0]) == kErrHeader;
}

bool IsEofPacket(std::string_view payload) {
    return !payload.empty() && static_cast<uint8_t>(payload[0]) == kEofHeader && payload.size() < 9;
}

StatusOr<OkPacket> ParseOkPacket(std::string_view payload, uint32_t capabilities) {
    WireReader r(payload);
    ASSIGN_OR_RETURN(uint8_t header, r.ReadU8("OK header"));
    if (header != kOkHeader && header != kEofHeader) return WrongHeader("an OK", header);
    OkPacket ok;
    ASSIGN_OR_RETURN(ok.affected_rows, r.ReadLengthEncodedInt("affected rows"));
    ASSIGN_OR_RETURN(ok.last_insert_id, r.ReadLengthEncodedInt("last insert id"));
    if (capabilities & kClientProtocol41) {
        ASSIGN_OR_RETURN(ok.status_flags, r.ReadU16("status flags"));
        ASSIGN_OR_RETURN(ok.warnings, r.ReadU16("warnings"));
    } else if (capabilities & kClientTransactions) {
        ASSIGN_OR_RETURN(ok.status_flags, r.ReadU16("status flags"));
    }
    if (!r.AtEnd()) {
        ASSIGN_OR_RETURN(std::string_view info, r.ReadLengthEncodedString("info"));
        ok.info = info;
    }
    if ((capabilities & kClientSessionTrack) && (ok.status_flags & kServerSessionStateChanged) &&
        !r.AtEnd()) {
        ASSIGN_OR_RETURN(std::string_view changes,
                         r.ReadLengthEncodedString("session state changes"));
        ok.session_state_changes = changes;
    }
    return ok;
}

StatusOr<ErrPacket> ParseErrPacket(std::string_view payload, uint32_t capabilities) {
    WireReader r(payload);
    ASSIGN_OR_RETURN(uint8_t header, r.ReadU8("ERR header"));
    if (header != kErrHeader) return WrongHeader("an ERR", header);
    ErrPacket err;
    ASSIGN_OR_RETURN(err.error_code, r.ReadU16("error code"));
    // The SQLSTATE marker is optional even for 4.1 clients (errors sent before the handshake).
    if ((capabilities & kClientProtocol41) && r.Peek() == '#') {
        RETURN_IF_ERROR(r.Skip(1, "SQLSTATE marker"));
        ASSIGN_OR_RETURN(std::string_view state, r.ReadFixedString(kSqlStateLength, "SQLSTATE"));
        err.sql_state = state;
    }
    err.message = r.ReadRest();
    return err;
}

StatusOr<EofPacket> ParseEofPacket(std::string_view payload, uint32_t capabilities) {
    if (payload.size() > kMaxEofLength) {
        return Status::InvalidArgument(
            fmt::format("malformed packet: an EOF packet has at most {} bytes, got {}",
                        kMaxEofLength, payload.size()),
            ErrorCode::kNetReadError);
    }
    WireReader r(payload);
    ASSIGN_OR_RETURN(uint8_t header, r.ReadU8("EOF header"));
    if (header != kEofHeader) return WrongHeader("an EOF", header);
    EofPacket eof;
    if (capabilities & kClientProtocol41) {
        ASSIGN_OR_RETURN(eof.warnings, r.ReadU16("warnings"));
        ASSIGN_OR_RETURN(eof.status_flags, r.ReadU16("status flags"));
    }
    return eof;
}

}  // namespace tributary::mysql
