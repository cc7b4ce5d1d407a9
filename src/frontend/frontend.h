// Frontend: executes SQL statements for sessions (the frontend role of docs/architecture.md).
//
// The protocol layer hands it a session and the text of a COM_QUERY; it parses, checks
// privileges, runs each statement against the catalog (and later the query engine and the
// Routine Load manager) and returns results with no knowledge of the wire format.
//
// Thread safety: every method may be called concurrently for different sessions; a single
// Session is used by one thread at a time. The Catalog must outlive the Frontend.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "frontend/result_set.h"
#include "frontend/session.h"
#include "load/table_sink.h"

namespace tributary {

class Catalog;
class RoutineLoadManager;

// What COM_QUERY produced: one result per statement executed, then `error` if a statement
// failed (execution stops at the first failure, as MySQL's multi-statement protocol does).
struct QueryOutcome {
    std::vector<StatementResult> results;
    Status error;
};

// A user entry for the login handshake: the matched identity and its stored
// mysql_native_password hash (SHA1(SHA1(password)), empty for an empty password).
struct LoginCandidate {
    SessionUser user;
    std::string password_hash;
};

// One row of SHOW PROCESSLIST.
struct ProcessInfo {
    uint32_t id = 0;
    std::string user;
    std::string host;
    std::string db;
    std::string command = "Sleep";
    int64_t command_start_ms = 0;
    std::string info;
};

class Frontend {
public:
    // How passwords are stored: the protocol layer owns that format (mysql_native_password's
    // SHA1(SHA1(pw))) and supplies it. `hash` turns a plain-text password into the stored
    // form; `parse_printed` reads the form PASSWORD() prints ('*' + 40 hex digits), as written
    // in `IDENTIFIED BY PASSWORD '*...'`.
    struct PasswordFormat {
        std::function<std::string(std::string_view password)> hash;
        std::function<StatusOr<std::string>(std::string_view printed)> parse_printed;
    };

    // `routine_loads` may be null (the Routine Load statements then fail with a clear error).
    Frontend(Catalog* catalog, LoadServices load_services, PasswordFormat password_format,
             RoutineLoadManager* routine_loads = nullptr);

    // Storage and transactions, for the statements that load data.
    const LoadServices& load_services() const { return load_services_; }
    RoutineLoadManager* routine_loads() const { return routine_loads_; }

    // Executes every ';'-separated statement of `sql` in order. Without `allow_multi` (the
    // client did not ask for CLIENT_MULTI_STATEMENTS) more than one statement is a syntax error.
    QueryOutcome ExecuteQuery(Session& session, std::string_view sql, bool allow_multi = true);

    // COM_INIT_DB: like USE.
    Status UseDatabase(Session& session, std::string_view db);

    // COM_FIELD_LIST: the columns of `table` in the current database whose names match the LIKE
    // `wildcard` (all when empty).
    StatusOr<std::vector<ResultColumn>> FieldList(Session& session, std::string_view table,
                                                  std::string_view wildcard);

    // The catalog user `name` logging in from `client_host` would be, with its password hash;
    // NotFound when no user matches.
    StatusOr<LoginCandidate> FindUserForLogin(std::string_view name,
                                              std::string_view client_host) const;

    const PasswordFormat& password_format() const { return password_format_; }

    // Connections, for SHOW PROCESSLIST and KILL. The protocol layer registers each session after
    // login and removes it when the connection ends.
    void RegisterSession(const Session& session);
    void UnregisterSession(uint32_t connection_id);
    std::vector<ProcessInfo> Processes() const;

    // Seconds since this frontend started (SHOW STATUS 'Uptime').
    int64_t UptimeSeconds() const;

private:
    StatusOr<StatementResult> ExecuteStatement(Session& session, const struct Statement& stmt);
    void SetCommand(uint32_t id, std::string_view command, std::string_view info,
                    std::string_view db);

    const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    Catalog* catalog_;
    LoadServices load_services_;
    PasswordFormat password_format_;
    RoutineLoadManager* routine_loads_;
    mutable std::mutex processes_mu_;
    std::map<uint32_t, ProcessInfo> processes_;
};

}  // namespace tributary
