#include "server/mysql/command.h"

#include <fmt/format.h>

#include "server/mysql/wire.h"

namespace tributary::mysql {

std::string_view CommandName(CommandType type) {
    switch (type) {
        case CommandType::kSleep:
            return "COM_SLEEP";
        case CommandType::kQuit:
            return "COM_QUIT";
        case CommandType::kInitDb:
            return "COM_INIT_DB";
        case CommandType::kQuery:
            return "COM_QUERY";
        case CommandType::kFieldList:
            return "COM_FIELD_LIST";
        case CommandType::kCreateDb:
            return "COM_CREATE_DB";
        case CommandType::kDropDb:
            return "COM_DROP_DB";
        case CommandType::kRefresh:
            return "COM_REFRESH";
        case CommandType::kShutdown:
            return "COM_SHUTDOWN";
        case CommandType::kStatistics:
            return "COM_STATISTICS";
        case CommandType::kProcessInfo:
            return "COM_PROCESS_INFO";
        case CommandType::kConnect:
            return "COM_CONNECT";
        case CommandType::kProcessKill:
            return "COM_PROCESS_KILL";
        case CommandType::kDebug:
            return "COM_DEBUG";
        case CommandType::kPing:
            return "COM_PING";
        case CommandType::kTime:
            return "COM_TIME";
        case CommandType::kDelayedInsert:
            return "COM_DELAYED_INSERT";
        case CommandType::kChangeUser:
            return "COM_CHANGE_USER";
        case CommandType::kBinlogDump:
            return "COM_BINLOG_DUMP";
        case CommandType::kTableDump:
            return "COM_TABLE_DUMP";
        case CommandType::kConnectOut:
            return "COM_CONNECT_OUT";
        case CommandType::kRegisterSlave:
            return "COM_REGISTER_SLAVE";
        case CommandType::kStmtPrepare:
            return "COM_STMT_PREPARE";
        case CommandType::kStmtExecute:
            return "COM_STMT_EXECUTE";
        case CommandType::kStmtSendLongData:
            return "COM_STMT_SEND_LONG_DATA";
        case CommandType::kStmtClose:
            return "COM_STMT_CLOSE";
        case CommandType::kStmtReset:
            return "COM_STMT_RESET";
        case CommandType::kSetOption:
            return "COM_SET_OPTION";
        case CommandType::kStmtFetch:
            return "COM_STMT_FETCH";
        case CommandType::kDaemon:
            return "COM_DAEMON";
        case CommandType::kBinlogDumpGtid:
            return "COM_BINLOG_DUMP_GTID";
        case CommandType::kResetConnection:
            return "COM_RESET_CONNECTION";
    }
    return "COM_UNKNOWN";
}

StatusOr<Command> ParseCommand(std::string_view payload) {
    WireReader r(payload, ErrorCode::kMalformedPacket);
    if (r.AtEnd()) {
        return Status::InvalidArgument("malformed packet: empty command packet",
                                       ErrorCode::kMalformedPacket);
    }
    ASSIGN_OR_RETURN(uint8_t byte, r.ReadU8("command"));
    if (byte > kMaxCommandByte) {
        return Status::NotSupported(fmt::format("Unknown command 0x{:02X}", byte),
                                    ErrorCode::kUnknownCommand);
    }
    Command command;
    command.type = static_cast<CommandType>(byte);
    switch (command.type) {
        case CommandType::kQuery:
        case CommandType::kStmtPrepare:
        case CommandType::kInitDb:
        case CommandType::kCreateDb:
        case CommandType::kDropDb:
            command.text = r.ReadRest();
            break;
        case CommandType::kFieldList: {
            ASSIGN_OR_RETURN(std::string_view table,
                             r.ReadNulTerminatedString("COM_FIELD_LIST table"));
            command.text = table;
            command.wildcard = r.ReadRest();
            break;
        }
        case CommandType::kProcessKill: {
            ASSIGN_OR_RETURN(command.id, r.ReadU32("COM_PROCESS_KILL connection id"));
            break;
        }
        case CommandType::kStmtClose:
        case CommandType::kStmtReset: {
            ASSIGN_OR_RETURN(command.id, r.ReadU32("statement id"));
            break;
        }
        case CommandType::kSetOption: {
            ASSIGN_OR_RETURN(command.option, r.ReadU16("COM_SET_OPTION option"));
            break;
        }
        default:
            break;  // no argument decoded here
    }
    return command;
}

std::string BuildCommand(const Command& command) {
    std::string payload;
    WireWriter w(&payload);
    w.U8(static_cast<uint8_t>(command.type));
    switch (command.type) {
        case CommandType::kQuery:
        case CommandType::kStmtPrepare:
        case CommandType::kInitDb:
        case CommandType::kCreateDb:
        case CommandType::kDropDb:
            w.Bytes(command.text);
            break;
        case CommandType::kFieldList:
            w.NulTerminatedString(command.text);
            w.Bytes(command.wildcard);
            break;
        case CommandType::kProcessKill:
        case CommandType::kStmtClose:
        case CommandType::kStmtReset:
            w.U32(command.id);
            break;
        case CommandType::kSetOption:
            w.U16(command.option);
            break;
        default:
            break;
    }
    return payload;
}

}  // namespace tributary::mysql
