#include "server/mysql/handshake.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/check.h"
#include "server/mysql/wire.h"

namespace tributary::mysql {
namespace {

constexpr uint8_t kProtocolVersion = 10;
constexpr size_t kScramblePart1Length = 8;
// Minimum length of auth-plugin-data-part-2 on the wire (12 scramble bytes and a NUL).
constexpr size_t kScramblePart2MinLength = 13;
constexpr size_t kReservedLength = 10;
constexpr size_t kResponseFillerLength = 23;
// capability flags (4), max packet size (4), charset (1), filler (23).
constexpr size_t kSslRequestLength = 4 + 4 + 1 + kResponseFillerLength;

Status HandshakeError(std::string message) {
    return Status::InvalidArgument(std::move(message), ErrorCode::kHandshakeError);
}

}  // namespace

std::string BuildInitialHandshake(const InitialHandshake& handshake) {
    const std::string& scramble = handshake.scramble;
    TRIBUTARY_CHECK(scramble.size() >= kScramblePart1Length && scramble.size() < 255,
                    "the handshake scramble must hold 8 to 254 bytes");
    std::string payload;
    WireWriter w(&payload);
    w.U8(kProtocolVersion);
    w.NulTerminatedString(handshake.server_version);
    w.U32(handshake.connection_id);
    w.Bytes(std::string_view(scramble).substr(0, kScramblePart1Length));
    w.U8(0);  // filler
    w.U16(static_cast<uint16_t>(handshake.capabilities & 0xFFFF));
    w.U8(handshake.charset);
    w.U16(handshake.status_flags);
    w.U16(static_cast<uint16_t>(handshake.capabilities >> 16));
    const bool plugin_auth = (handshake.capabilities & kClientPluginAuth) != 0;
    w.U8(plugin_auth ? static_cast<uint8_t>(scramble.size() + 1) : 0);
    w.Zeros(kReservedLength);
    if (handshake.capabilities & kClientSecureConnection) {
        const std::string_view part2 = std::string_view(scramble).substr(kScramblePart1Length);
        w.Bytes(part2);
        // A NUL ends the data, which fills at least kScramblePart2MinLength bytes.
        w.Zeros(std::max(kScramblePart2MinLength, part2.size() + 1) - part2.size());
    }
    if (plugin_auth) w.NulTerminatedString(handshake.auth_plugin_name);
    return payload;
}

StatusOr<InitialHandshake> ParseInitialHandshake(std::string_view payload) {
    WireReader r(payload, ErrorCode::kHandshakeError);
    InitialHandshake hs;
    ASSIGN_OR_RETURN(uint8_t protocol, r.ReadU8("protocol version"));
    if (protocol != kProtocolVersion) {
        return HandshakeError(fmt::format("unsupported handshake protocol version {}", protocol));
    }
    ASSIGN_OR_RETURN(std::string_view version, r.ReadNulTerminatedString("server version"));
    hs.server_version = version;
    ASSIGN_OR_RETURN(hs.connection_id, r.ReadU32("connection id"));
    ASSIGN_OR_RETURN(std::string_view part1,
                     r.ReadFixedString(kScramblePart1Length, "auth-plugin-data-part-1"));
    hs.scramble = part1;
    RETURN_IF_ERROR(r.Skip(1, "filler"));
    ASSIGN_OR_RETURN(uint16_t caps_low, r.ReadU16("capability flags"));
    ASSIGN_OR_RETURN(hs.charset, r.ReadU8("character set"));
    ASSIGN_OR_RETURN(hs.status_flags, r.ReadU16("status flags"));
    ASSIGN_OR_RETURN(uint16_t caps_high, r.ReadU16("capability flags (upper)"));
    hs.capabilities = caps_low | (static_cast<uint32_t>(caps_high) << 16);
    ASSIGN_OR_RETURN(uint8_t auth_data_length, r.ReadU8("auth-plugin-data length"));
    RETURN_IF_ERROR(r.Skip(kReservedLength, "reserved bytes"));
    if (hs.capabilities & kClientSecureConnection) {
        const size_t part2_length = std::max<size_t>(
            kScramblePart2MinLength,
            auth_data_length > kScramblePart1Length ? auth_data_length - kScramblePart1Length : 0);
        ASSIGN_OR_RETURN(std::string_view part2,
                         r.ReadFixedString(part2_length, "auth-plugin-data-part-2"));
        // The announced length counts the terminating NUL; without one, the scramble is the
        // 12 bytes before it.
        const size_t scramble_length = auth_data_length > kScramblePart1Length
                                           ? auth_data_length - kScramblePart1Length - 1
                                           : kScramblePart2MinLength - 1;
        hs.scramble.append(part2.substr(0, scramble_length));
    }
    hs.auth_plugin_name.clear();
    if (hs.capabilities & kClientPluginAuth) {
        // Some servers omit the final NUL (MySQL bug #59453): the name then runs to the end.
        auto name = r.ReadNulTerminatedString("auth plugin name");
        hs.auth_plugin_name = name.ok() ? *name : r.ReadRest();
    }
    return hs;
}

bool IsSslRequest(std::string_view payload) {
    if (payload.size() != kSslRequestLength) return false;
    WireReader r(payload);
    auto caps = r.ReadU32("capability flags");
    return caps.ok() && (*caps & kClientSsl) != 0;
}

StatusOr<HandshakeResponse> ParseHandshakeResponse(std::string_view payload) {
    if (IsSslRequest(payload)) {
        return Status::NotSupported(
            "SSL connection requested, but this server does not support SSL; connect with SSL "
            "disabled (e.g. --ssl-mode=DISABLED)",
            ErrorCode::kHandshakeError);
    }
    WireReader r(payload, ErrorCode::kHandshakeError);
    HandshakeResponse response;
    // A pre-4.1 response starts with a 2-byte capability field; the 4.1 flag sits in its lower
    // half, so two bytes are enough to tell them apart.
    if (payload.size() >= 2 && (static_cast<uint8_t>(payload[1]) & (kClientProtocol41 >> 8)) == 0) {
        return Status::NotSupported(
            "client does not support the MySQL 4.1 protocol (CLIENT_PROTOCOL_41); please upgrade "
            "the client",
            ErrorCode::kHandshakeError);
    }
    ASSIGN_OR_RETURN(response.capabilities, r.ReadU32("capability flags"));
    ASSIGN_OR_RETURN(response.max_packet_size, r.ReadU32("max packet size"));
    ASSIGN_OR_RETURN(response.charset, r.ReadU8("character set"));
    RETURN_IF_ERROR(r.Skip(kResponseFillerLength, "filler"));
    ASSIGN_OR_RETURN(std::string_view user, r.ReadNulTerminatedString("user name"));
    response.user = user;

    const uint32_t caps = response.capabilities;
    if (caps & kClientPluginAuthLenencClientData) {
        ASSIGN_OR_RETURN(std::string_view auth, r.ReadLengthEncodedString("auth response"));
        response.auth_response = auth;
    } else if (caps & kClientSecureConnection) {
        ASSIGN_OR_RETURN(uint8_t length, r.ReadU8("auth response length"));
        ASSIGN_OR_RETURN(std::string_view auth, r.ReadFixedString(length, "auth response"));
        response.auth_response = auth;
    } else {
        ASSIGN_OR_RETURN(std::string_view auth, r.ReadNulTerminatedString("auth response"));
        response.auth_response = auth;
    }

    if ((caps & kClientConnectWithDb) && !r.AtEnd()) {
        ASSIGN_OR_RETURN(std::string_view database, r.ReadNulTerminatedString("database"));
        response.database = database;
    }
    if ((caps & kClientPluginAuth) && !r.AtEnd()) {
        ASSIGN_OR_RETURN(std::string_view plugin, r.ReadNulTerminatedString("auth plugin name"));
        response.auth_plugin = plugin;
    }
    if ((caps & kClientConnectAttrs) && !r.AtEnd()) {
        ASSIGN_OR_RETURN(uint64_t length, r.ReadLengthEncodedInt("connect attributes length"));
        if (length > r.remaining()) {
            return HandshakeError(fmt::format(
                "malformed packet: connect attributes length {} exceeds the {} byte(s) left",
                length, r.remaining()));
        }
        ASSIGN_OR_RETURN(std::string_view block,
                         r.ReadFixedString(static_cast<size_t>(length), "connect attributes"));
        WireReader attrs(block, ErrorCode::kHandshakeError);
        while (!attrs.AtEnd()) {
            ASSIGN_OR_RETURN(std::string_view key,
                             attrs.ReadLengthEncodedString("connect attribute name"));
            ASSIGN_OR_RETURN(std::string_view value,
                             attrs.ReadLengthEncodedString("connect attribute value"));
            response.connect_attrs.emplace_back(std::string(key), std::string(value));
        }
    }
    // Anything after this (the zstd level of CLIENT_ZSTD_COMPRESSION_ALGORITHM, which is never
    // advertised) is ignored.
    return response;
}

std::string BuildHandshakeResponse(const HandshakeResponse& response) {
    const uint32_t caps = response.capabilities;
    std::string payload;
    WireWriter w(&payload);
    w.U32(caps);
    w.U32(response.max_packet_size);
    w.U8(response.charset);
    w.Zeros(kResponseFillerLength);
    w.NulTerminatedString(response.user);
    if (caps & kClientPluginAuthLenencClientData) {
        w.LengthEncodedString(response.auth_response);
    } else if (caps & kClientSecureConnection) {
        TRIBUTARY_CHECK(response.auth_response.size() <= 255,
                        "a 1-byte-length auth response holds at most 255 bytes");
        w.U8(static_cast<uint8_t>(response.auth_response.size()));
        w.Bytes(response.auth_response);
    } else {
        w.NulTerminatedString(response.auth_response);
    }
    if (caps & kClientConnectWithDb) w.NulTerminatedString(response.database);
    if (caps & kClientPluginAuth) w.NulTerminatedString(response.auth_plugin);
    if (caps & kClientConnectAttrs) {
        std::string attrs;
        WireWriter aw(&attrs);
        for (const auto& [key, value] : response.connect_attrs) {
            aw.LengthEncodedString(key);
            aw.LengthEncodedString(value);
        }
        w.LengthEncodedString(attrs);
    }
    return payload;
}

}  // namespace tributary::mysql
