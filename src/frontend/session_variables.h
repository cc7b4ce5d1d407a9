// System variables of a session: what `SELECT @@x`, `SET x = v` and `SHOW VARIABLES` see.
//
// The table of known variables (MySQL's usual ones that drivers read on connect, plus StarRocks'
// own such as query_timeout) lives in session_variables.cc with defaults and value kinds. Each
// session starts from the defaults; SET SESSION changes the session's copy; SET GLOBAL changes the
// default for sessions opened later (not persisted, as in StarRocks). Unknown names are refused
// with 1193 "Unknown system variable 'x'", as StarRocks does.
//
// Thread safety: a SessionVariables object belongs to one session (one thread); the global
// defaults are guarded internally.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tributary {

enum class VariableKind { kInt, kBool, kString };

struct VariableValue {
    VariableKind kind = VariableKind::kString;
    std::string text;    // for kString; NULL-able strings use `is_null`
    int64_t number = 0;  // for kInt and kBool
    bool is_null = false;

    // How SHOW VARIABLES prints it (booleans as ON / OFF, as MySQL).
    std::string ShowText() const;
    // How SELECT @@x returns it (booleans as 1 / 0); nullopt for NULL.
    std::optional<std::string> SelectText() const;
};

class SessionVariables {
public:
    SessionVariables();  // the current global defaults

    // The value of `name` (case-insensitive); NotFound (1193) when unknown.
    StatusOr<VariableValue> Get(std::string_view name) const;

    // Sets `name` from a SQL value: `text` is the value's text, `is_number` when it came from a
    // numeric literal, `is_null` for NULL, `is_default` for DEFAULT. Validates the kind (ON/OFF,
    // 1/0, TRUE/FALSE for booleans; integers for ints; a time zone for time_zone ...).
    Status Set(std::string_view name, const std::string& text, bool is_number, bool is_null,
               bool is_default);
    // As Set, but changes the global default (later sessions start from it).
    static Status SetGlobal(std::string_view name, const std::string& text, bool is_number,
                            bool is_null, bool is_default);

    // Every variable as (name, SHOW text), sorted by name.
    std::vector<std::pair<std::string, std::string>> All() const;

private:
    std::map<std::string, VariableValue> values_;  // lower-case name -> value
};

}  // namespace tributary
