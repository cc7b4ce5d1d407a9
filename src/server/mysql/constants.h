// Numbers of the MySQL client/server protocol: capability flags, server status flags, command
// bytes, column types, column flags and character-set ids.
//
// Values are those of MySQL's include/mysql_com.h, include/field_types.h and the protocol
// documentation (https://dev.mysql.com/doc/dev/mysql-server/latest/PAGE_PROTOCOL.html); MariaDB
// uses the same numbers for everything listed here. Nothing here has behaviour.
//
// Thread safety: constants only.
#pragma once

#include <cstdint>
#include <string_view>

namespace tributary::mysql {

// ---- Capability flags (Protocol::CapabilityFlags), 32 bits split in two halves on the wire.
inline constexpr uint32_t kClientLongPassword = 1u << 0;
inline constexpr uint32_t kClientFoundRows = 1u << 1;
inline constexpr uint32_t kClientLongFlag = 1u << 2;
inline constexpr uint32_t kClientConnectWithDb = 1u << 3;
inline constexpr uint32_t kClientNoSchema = 1u << 4;
inline constexpr uint32_t kClientCompress = 1u << 5;
inline constexpr uint32_t kClientOdbc = 1u << 6;
inline constexpr uint32_t kClientLocalFiles = 1u << 7;
inline constexpr uint32_t kClientIgnoreSpace = 1u << 8;
inline constexpr uint32_t kClientProtocol41 = 1u << 9;
inline constexpr uint32_t kClientInteractive = 1u << 10;
inline constexpr uint32_t kClientSsl = 1u << 11;
inline constexpr uint32_t kClientIgnoreSigpipe = 1u << 12;
inline constexpr uint32_t kClientTransactions = 1u << 13;
inline constexpr uint32_t kClientReserved = 1u << 14;
inline constexpr uint32_t kClientSecureConnection = 1u << 15;
inline constexpr uint32_t kClientMultiStatements = 1u << 16;
inline constexpr uint32_t kClientMultiResults = 1u << 17;
inline constexpr uint32_t kClientPsMultiResults = 1u << 18;
inline constexpr uint32_t kClientPluginAuth = 1u << 19;
inline constexpr uint32_t kClientConnectAttrs = 1u << 20;
inline constexpr uint32_t kClientPluginAuthLenencClientData = 1u << 21;
inline constexpr uint32_t kClientCanHandleExpiredPasswords = 1u << 22;
inline constexpr uint32_t kClientSessionTrack = 1u << 23;
inline constexpr uint32_t kClientDeprecateEof = 1u << 24;
inline constexpr uint32_t kClientOptionalResultsetMetadata = 1u << 25;
inline constexpr uint32_t kClientZstdCompressionAlgorithm = 1u << 26;
inline constexpr uint32_t kClientQueryAttributes = 1u << 27;
inline constexpr uint32_t kClientMultiFactorAuthentication = 1u << 28;
inline constexpr uint32_t kClientSslVerifyServerCert = 1u << 30;
inline constexpr uint32_t kClientRememberOptions = 1u << 31;

// What a Tributary server advertises. Deliberately absent: SSL (not offered; an SSLRequest is
// refused), COMPRESS, LOCAL_FILES (LOAD DATA LOCAL), SESSION_TRACK (no session-state payloads),
// QUERY_ATTRIBUTES and OPTIONAL_RESULTSET_METADATA (they change COM_QUERY and result-set layouts
// that this codec does not implement). The session uses `advertised & client` as negotiated.
inline constexpr uint32_t kDefaultServerCapabilities =
    kClientLongPassword | kClientFoundRows | kClientLongFlag | kClientConnectWithDb |
    kClientNoSchema | kClientIgnoreSpace | kClientProtocol41 | kClientInteractive |
    kClientIgnoreSigpipe | kClientTransactions | kClientSecureConnection | kClientMultiStatements |
    kClientMultiResults | kClientPsMultiResults | kClientPluginAuth | kClientConnectAttrs |
    kClientPluginAuthLenencClientData | kClientDeprecateEof;

// ---- Server status flags (SERVER_STATUS_*), sent in OK and EOF packets and the handshake.
inline constexpr uint16_t kServerStatusInTrans = 0x0001;
inline constexpr uint16_t kServerStatusAutocommit = 0x0002;
inline constexpr uint16_t kServerMoreResultsExists = 0x0008;
inline constexpr uint16_t kServerQueryNoGoodIndexUsed = 0x0010;
inline constexpr uint16_t kServerQueryNoIndexUsed = 0x0020;
inline constexpr uint16_t kServerStatusCursorExists = 0x0040;
inline constexpr uint16_t kServerStatusLastRowSent = 0x0080;
inline constexpr uint16_t kServerStatusDbDropped = 0x0100;
inline constexpr uint16_t kServerStatusNoBackslashEscapes = 0x0200;
inline constexpr uint16_t kServerStatusMetadataChanged = 0x0400;
inline constexpr uint16_t kServerQueryWasSlow = 0x0800;
inline constexpr uint16_t kServerPsOutParams = 0x1000;
inline constexpr uint16_t kServerStatusInTransReadonly = 0x2000;
inline constexpr uint16_t kServerSessionStateChanged = 0x4000;

// ---- Command bytes: the first byte of every packet a client sends after authentication.
enum class CommandType : uint8_t {
    kSleep = 0x00,
    kQuit = 0x01,
    kInitDb = 0x02,
    kQuery = 0x03,
    kFieldList = 0x04,
    kCreateDb = 0x05,
    kDropDb = 0x06,
    kRefresh = 0x07,
    kShutdown = 0x08,
    kStatistics = 0x09,
    kProcessInfo = 0x0a,
    kConnect = 0x0b,
    kProcessKill = 0x0c,
    kDebug = 0x0d,
    kPing = 0x0e,
    kTime = 0x0f,
    kDelayedInsert = 0x10,
    kChangeUser = 0x11,
    kBinlogDump = 0x12,
    kTableDump = 0x13,
    kConnectOut = 0x14,
    kRegisterSlave = 0x15,
    kStmtPrepare = 0x16,
    kStmtExecute = 0x17,
    kStmtSendLongData = 0x18,
    kStmtClose = 0x19,
    kStmtReset = 0x1a,
    kSetOption = 0x1b,
    kStmtFetch = 0x1c,
    kDaemon = 0x1d,
    kBinlogDumpGtid = 0x1e,
    kResetConnection = 0x1f,
};
inline constexpr uint8_t kMaxCommandByte = 0x1f;

// COM_SET_OPTION arguments.
inline constexpr uint16_t kMySqlOptionMultiStatementsOn = 0;
inline constexpr uint16_t kMySqlOptionMultiStatementsOff = 1;

// "COM_QUERY", ...; "COM_UNKNOWN" for a byte past kMaxCommandByte. For logs and messages.
std::string_view CommandName(CommandType type);

// ---- Column types (enum_field_types) of Protocol::ColumnDefinition41.
enum class ColumnType : uint8_t {
    kDecimal = 0,
    kTiny = 1,
    kShort = 2,
    kLong = 3,
    kFloat = 4,
    kDouble = 5,
    kNull = 6,
    kTimestamp = 7,
    kLongLong = 8,
    kInt24 = 9,
    kDate = 10,
    kTime = 11,
    kDateTime = 12,
    kYear = 13,
    kNewDate = 14,
    kVarchar = 15,
    kBit = 16,
    kTimestamp2 = 17,
    kDateTime2 = 18,
    kTime2 = 19,
    kJson = 245,
    kNewDecimal = 246,
    kEnum = 247,
    kSet = 248,
    kTinyBlob = 249,
    kMediumBlob = 250,
    kLongBlob = 251,
    kBlob = 252,
    kVarString = 253,
    kString = 254,
    kGeometry = 255,
};

// ---- Column flags of Protocol::ColumnDefinition41.
inline constexpr uint16_t kNotNullFlag = 1;
inline constexpr uint16_t kPriKeyFlag = 2;
inline constexpr uint16_t kUniqueKeyFlag = 4;
inline constexpr uint16_t kMultipleKeyFlag = 8;
inline constexpr uint16_t kBlobFlag = 16;
inline constexpr uint16_t kUnsignedFlag = 32;
inline constexpr uint16_t kZerofillFlag = 64;
inline constexpr uint16_t kBinaryFlag = 128;
inline constexpr uint16_t kEnumFlag = 256;
inline constexpr uint16_t kAutoIncrementFlag = 512;
inline constexpr uint16_t kTimestampFlag = 1024;
inline constexpr uint16_t kSetFlag = 2048;
inline constexpr uint16_t kNoDefaultValueFlag = 4096;
inline constexpr uint16_t kOnUpdateNowFlag = 8192;
inline constexpr uint16_t kNumFlag = 32768;

// ---- Character-set / collation ids.
inline constexpr uint8_t kCharsetLatin1SwedishCi = 8;
inline constexpr uint8_t kCharsetUtf8GeneralCi = 33;
inline constexpr uint8_t kCharsetUtf8mb4GeneralCi = 45;
inline constexpr uint8_t kCharsetBinary = 63;

// ---- Authentication plugins.
inline constexpr std::string_view kNativePasswordPlugin = "mysql_native_password";
inline constexpr std::string_view kCachingSha2PasswordPlugin = "caching_sha2_password";

// ---- Sizes.
// A physical packet carries at most this many payload bytes; a payload of exactly this length
// says "continued in the next packet".
inline constexpr size_t kMaxPhysicalPayload = 0xFFFFFF;
inline constexpr size_t kPacketHeaderSize = 4;
// Length of the mysql_native_password scramble (auth-plugin-data).
inline constexpr size_t kScrambleLength = 20;

}  // namespace tributary::mysql
