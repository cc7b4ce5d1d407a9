// Session: the state of one client connection as the frontend sees it.
//
// Created by the protocol layer after a successful login and passed to every Frontend call for
// that connection. Holds the logged-in identity, the current database, system variables and the
// warnings of the last statement.
//
// Thread safety: a Session is used by its connection's thread only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "frontend/session_variables.h"

namespace tributary {

// A user as the catalog knows it: name and host pattern (the `'u'@'%'` of GRANT).
struct SessionUser {
    std::string name;
    std::string host = "%";
};

struct Warning {
    std::string level;  // "Note", "Warning", "Error"
    uint16_t code = 0;
    std::string message;
};

class Session {
public:
    Session(uint32_t connection_id, std::string client_host)
        : connection_id_(connection_id), client_host_(std::move(client_host)) {}

    uint32_t connection_id() const { return connection_id_; }
    const std::string& client_host() const { return client_host_; }

    // The identity the user logged in as (the matched catalog entry, e.g. 'u'@'%').
    const SessionUser& user() const { return user_; }
    void set_user(SessionUser user) { user_ = std::move(user); }
    // USER(): the name the client gave and the host it connected from.
    std::string login_string() const { return user_.name + "@" + client_host_; }
    // CURRENT_USER(): the matched identity.
    std::string current_user_string() const { return "'" + user_.name + "'@'" + user_.host + "'"; }

    const std::string& current_db() const { return current_db_; }
    void set_current_db(std::string db) { current_db_ = std::move(db); }

    SessionVariables& variables() { return variables_; }
    const SessionVariables& variables() const { return variables_; }

    std::vector<Warning>& warnings() { return warnings_; }

private:
    uint32_t connection_id_;
    std::string client_host_;
    SessionUser user_;
    std::string current_db_;
    SessionVariables variables_;
    std::vector<Warning> warnings_;
};

}  // namespace tributary
