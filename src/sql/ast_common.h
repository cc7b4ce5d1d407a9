// Small value types shared by every AST node: source positions, type names, property lists,
// qualified object names and user identities.
//
// All of these are plain values with no ownership beyond their members. Identifiers keep the
// spelling the user wrote (case preserved); keywords have already been matched case-insensitively
// by the parser. Thread safety: plain values; distinct objects may be used from distinct threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tributary {

// A 1-based line and column in the SQL text (columns count bytes). {0, 0} means "unknown", e.g.
// for nodes built by code rather than parsed.
struct SourcePos {
    int line = 0;
    int column = 0;

    bool operator==(const SourcePos&) const = default;
};

// A column type as written: `bigint(20)` is {"bigint", {20}}, `DECIMAL(10,2)` is
// {"DECIMAL", {10, 2}}, `STRING` is {"STRING", {}}. The executor validates it with
// TypeDesc::FromSql(name, args).
struct TypeName {
    std::string name;
    std::vector<int64_t> args;
    SourcePos pos;

    // "bigint(20)", "decimal(10,2)", "STRING": the name as written and its arguments.
    std::string ToSql() const;
    bool operator==(const TypeName& o) const { return name == o.name && args == o.args; }
};

// One `"key" = "value"` of a PROPERTIES / FROM KAFKA / ADMIN SET ... CONFIG list. Keys and values
// are the unquoted string contents (an unquoted key or a numeric value is kept as written).
struct Property {
    std::string key;
    std::string value;
    SourcePos pos;  // of the key
};

// In the order written; duplicates are kept (rejecting them is the executor's business).
using PropertyList = std::vector<Property>;

// `[db.]name` of a table or a routine load job. `db` is empty when not written.
struct QualifiedName {
    std::string db;
    std::string name;
    SourcePos pos;

    // "`db`.`name`" or "`name`".
    std::string ToSql() const;
    bool operator==(const QualifiedName& o) const { return db == o.db && name == o.name; }
};

// `'user'@'host'`; the host is "%" when not written.
struct UserSpec {
    std::string user;
    std::string host = "%";
    bool host_written = false;
    SourcePos pos;

    // "'user'@'host'" as MySQL prints it.
    std::string ToSql() const;
};

}  // namespace tributary
