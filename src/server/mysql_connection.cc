#include "server/mysql_connection.h"

#include <fmt/format.h>

#include "base/config.h"
#include "base/logging.h"
#include "base/string_util.h"
#include "frontend/frontend.h"
#include "frontend/version.h"
#include "server/mysql/auth.h"
#include "server/mysql/column_definition.h"
#include "server/mysql/command.h"
#include "server/mysql/constants.h"
#include "server/mysql/handshake.h"
#include "server/mysql/response.h"
#include "server/mysql/resultset.h"

namespace tributary {

namespace {

constexpr size_t kReadChunk = 64 * 1024;

Status AccessDenied(std::string_view user, std::string_view host, bool used_password) {
    return Status::PermissionDenied(
        fmt::format("Access denied for user '{}'@'{}' (using password: {})", user, host,
                    used_password ? "YES" : "NO"),
        ErrorCode::kAccessDenied);
}

}  // namespace

MySqlConnection::MySqlConnection(Frontend* frontend, const Socket& socket,
                                 uint32_t connection_id, std::string peer_host)
    : frontend_(frontend),
      socket_(socket),
      session_(connection_id, std::move(peer_host)),
      framer_(static_cast<size_t>(config::max_allowed_packet.Get())) {}

void MySqlConnection::RefuseTooManyConnections(const Socket& socket) {
    std::string out;
    uint8_t seq = 0;
    mysql::AppendPacket(&out, seq,
                        mysql::BuildErrPacket(Status::Aborted("Too many connections",
                                                              ErrorCode::kTooManyConnections),
                                              mysql::kClientProtocol41));
    IgnoreError(socket.WriteAll(out));  // the client is being turned away either way
}

void MySqlConnection::Run() {
    Status st = Handshake();
    if (!st.ok()) {
        LOG_DEBUG("connection {} from {}: login failed: {}", session_.connection_id(),
                  session_.client_host(), st.ToString());
        return;
    }
    frontend_->RegisterSession(session_);
    while (true) {
        framer_.ExpectSequenceId(0);
        auto packet = ReadPacket();
        if (!packet.ok()) {
            // The stream is out of step (bad header, oversized packet): say why, then close.
            // The reply carries the id that follows the command's (0), as clients expect.
            sequence_id_ = 1;
            IgnoreError(SendError(packet.status()));  // best effort before closing
            socket_.ShutdownWriteAndDrain();
            break;
        }
        if (!packet->has_value()) break;  // client went away
        bool quit = false;
        sequence_id_ = static_cast<uint8_t>((*packet)->sequence_id + 1);
        st = HandleCommand(**packet, &quit);
        if (!st.ok() || quit) break;
    }
    frontend_->UnregisterSession(session_.connection_id());
}

StatusOr<std::optional<mysql::Packet>> MySqlConnection::ReadPacket() {
    char buf[kReadChunk];
    while (true) {
        ASSIGN_OR_RETURN(std::optional<mysql::Packet> packet, framer_.Next());
        if (packet) return packet;
        ASSIGN_OR_RETURN(size_t n, socket_.Read(buf, sizeof(buf)));
        if (n == 0) return std::optional<mysql::Packet>();
        framer_.Append(std::string_view(buf, n));
    }
}

void MySqlConnection::Queue(std::string_view payload) {
    mysql::AppendPacket(&out_, sequence_id_, payload);
}

Status MySqlConnection::Flush() {
    Status st = socket_.WriteAll(out_);
    out_.clear();
    return st;
}

Status MySqlConnection::SendError(const Status& status) {
    Queue(mysql::BuildErrPacket(status, capabilities_ | mysql::kClientProtocol41));
    return Flush();
}

Status MySqlConnection::Handshake() {
    std::string scramble = mysql::GenerateScramble();
    mysql::InitialHandshake hello;
    hello.server_version = kMysqlServerVersion;
    hello.connection_id = session_.connection_id();
    hello.scramble = scramble;
    sequence_id_ = 0;
    Queue(mysql::BuildInitialHandshake(hello));
    RETURN_IF_ERROR(Flush());

    framer_.ExpectSequenceId(sequence_id_);
    ASSIGN_OR_RETURN(auto packet, ReadPacket());
    if (!packet) return Status::Aborted("client closed the connection during the handshake");
    sequence_id_ = static_cast<uint8_t>(packet->sequence_id + 1);
    if (mysql::IsSslRequest(packet->payload)) {
        Status st = Status::NotSupported(
            "SSL is not supported by this server; connect without TLS (e.g. --ssl-mode=DISABLED)",
            ErrorCode::kHandshakeError);
        IgnoreError(SendError(st));  // closing anyway
        return st;
    }
    auto response = mysql::ParseHandshakeResponse(packet->payload);
    if (!response.ok()) {
        IgnoreError(SendError(response.status()));  // closing anyway
        return response.status();
    }
    capabilities_ = response->capabilities & hello.capabilities;

    // Clients that default to another plugin are switched to mysql_native_password.
    std::string token = response->auth_response;
    if ((response->capabilities & mysql::kClientPluginAuth) && !response->auth_plugin.empty() &&
        response->auth_plugin != mysql::kNativePasswordPlugin) {
        Queue(mysql::BuildAuthSwitchRequest(mysql::kNativePasswordPlugin, scramble));
        RETURN_IF_ERROR(Flush());
        framer_.ExpectSequenceId(sequence_id_);
        ASSIGN_OR_RETURN(auto switched, ReadPacket());
        if (!switched) return Status::Aborted("client closed the connection during auth switch");
        sequence_id_ = static_cast<uint8_t>(switched->sequence_id + 1);
        token = switched->payload;
    }

    auto candidate = frontend_->FindUserForLogin(response->user, session_.client_host());
    if (!candidate.ok() ||
        !mysql::VerifyNativePassword(scramble, token, candidate->password_hash)) {
        Status denied = AccessDenied(response->user, session_.client_host(), !token.empty());
        IgnoreError(SendError(denied));  // closing anyway
        return denied;
    }
    session_.set_user(candidate->user);
    if (!response->database.empty()) {
        Status st = frontend_->UseDatabase(session_, response->database);
        if (!st.ok()) {
            IgnoreError(SendError(st));  // closing anyway
            return st;
        }
    }
    mysql::OkPacket ok;
    ok.status_flags = mysql::kServerStatusAutocommit;
    Queue(mysql::BuildOkPacket(ok, capabilities_));
    return Flush();
}

void MySqlConnection::QueueQueryOutcome(const QueryOutcome& outcome) {
    for (size_t i = 0; i < outcome.results.size(); ++i) {
        const StatementResult& result = outcome.results[i];
        bool more = i + 1 < outcome.results.size() || !outcome.error.ok();
        uint16_t status = mysql::kServerStatusAutocommit | (more ? mysql::kServerMoreResultsExists : 0);
        if (result.result_set) {
            std::vector<mysql::ColumnDefinition> columns;
            for (const ResultColumn& c : result.result_set->columns) {
                columns.push_back(mysql::ColumnDefinitionFor(c.name, c.type, c.nullable));
            }
            mysql::AppendResultSet(&out_, sequence_id_, columns, result.result_set->rows,
                                   capabilities_, status, result.warnings);
        } else {
            mysql::OkPacket ok;
            ok.affected_rows = result.affected_rows;
            ok.status_flags = status;
            ok.warnings = result.warnings;
            ok.info = result.info;
            Queue(mysql::BuildOkPacket(ok, capabilities_));
        }
    }
    if (!outcome.error.ok()) {
        Queue(mysql::BuildErrPacket(outcome.error, capabilities_));
    }
}

Status MySqlConnection::HandleCommand(const mysql::Packet& packet, bool* quit) {
    auto command = mysql::ParseCommand(packet.payload);
    if (!command.ok()) {
        return SendError(command.status());
    }
    switch (command->type) {
        case mysql::CommandType::kQuit:
            *quit = true;
            return Status::OK();
        case mysql::CommandType::kPing:
        case mysql::CommandType::kResetConnection: {
            mysql::OkPacket ok;
            ok.status_flags = mysql::kServerStatusAutocommit;
            Queue(mysql::BuildOkPacket(ok, capabilities_));
            return Flush();
        }
        case mysql::CommandType::kInitDb: {
            Status st = frontend_->UseDatabase(session_, command->text);
            if (!st.ok()) return SendError(st);
            mysql::OkPacket ok;
            ok.status_flags = mysql::kServerStatusAutocommit;
            Queue(mysql::BuildOkPacket(ok, capabilities_));
            return Flush();
        }
        case mysql::CommandType::kQuery: {
            bool multi = capabilities_ & mysql::kClientMultiStatements;
            QueryOutcome outcome = frontend_->ExecuteQuery(session_, command->text, multi);
            QueueQueryOutcome(outcome);
            return Flush();
        }
        case mysql::CommandType::kFieldList: {
            auto columns = frontend_->FieldList(session_, command->text, command->wildcard);
            if (!columns.ok()) return SendError(columns.status());
            std::vector<mysql::ColumnDefinition> defs;
            for (const ResultColumn& c : *columns) {
                mysql::ColumnDefinition def = mysql::ColumnDefinitionFor(c.name, c.type, c.nullable);
                def.table = def.org_table = command->text;
                def.schema = session_.current_db();
                defs.push_back(std::move(def));
            }
            mysql::AppendFieldListResponse(&out_, sequence_id_, defs, {}, capabilities_,
                                           mysql::kServerStatusAutocommit);
            return Flush();
        }
        case mysql::CommandType::kSetOption: {
            if (command->option == mysql::kMySqlOptionMultiStatementsOn) {
                capabilities_ |= mysql::kClientMultiStatements;
            } else {
                capabilities_ &= ~mysql::kClientMultiStatements;
            }
            mysql::EofPacket eof;
            eof.status_flags = mysql::kServerStatusAutocommit;
            Queue(mysql::BuildEofPacket(eof, capabilities_));
            return Flush();
        }
        default:
            return SendError(Status::NotSupported(
                fmt::format("{} is not supported", mysql::CommandName(command->type)),
                ErrorCode::kUnknownCommand));
    }
}

}  // namespace tributary
