// Command packets: what a client sends once authenticated (the command phase).
//
// The first payload byte names the command (CommandType in constants.h); the rest is its
// argument. ParseCommand decodes the arguments of the commands a session handles:
//   COM_QUERY, COM_STMT_PREPARE   SQL text (string<EOF>; CLIENT_QUERY_ATTRIBUTES is never
//                                 advertised, so no attribute block precedes it)
//   COM_INIT_DB, COM_CREATE_DB,
//   COM_DROP_DB                   schema name (string<EOF>)
//   COM_FIELD_LIST                table (string<NUL>) and wildcard (string<EOF>)
//   COM_PROCESS_KILL              connection id (int<4>)
//   COM_STMT_CLOSE, COM_STMT_RESET statement id (int<4>)
//   COM_SET_OPTION                option (int<2>)
// Other known commands (COM_PING, COM_QUIT, COM_STMT_EXECUTE, COM_CHANGE_USER, ...) are returned
// with their type only; the session decides whether it supports them.
//
// Thread safety: plain values and stateless functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "server/mysql/constants.h"

namespace tributary::mysql {

struct Command {
    CommandType type = CommandType::kSleep;
    // COM_QUERY / COM_STMT_PREPARE: the SQL; COM_INIT_DB / COM_CREATE_DB / COM_DROP_DB: the
    // schema; COM_FIELD_LIST: the table.
    std::string text;
    std::string wildcard;  // COM_FIELD_LIST
    uint32_t id = 0;       // COM_PROCESS_KILL: connection id; COM_STMT_CLOSE/RESET: statement id
    uint16_t option = 0;   // COM_SET_OPTION
};

// Decodes a command packet. Fails with:
//   NotSupported + ER_UNKNOWN_COM_ERROR (1047) for a byte that names no command, so that the
//     session can send it as an ERR and carry on;
//   InvalidArgument + ER_NET_READ_ERROR for an empty payload or a malformed argument.
StatusOr<Command> ParseCommand(std::string_view payload);

// Encodes a command (client side, for tests and test clients): the type byte and the argument
// fields that ParseCommand reads for that type.
std::string BuildCommand(const Command& command);

}  // namespace tributary::mysql
