// What executing one statement produces, before any wire encoding.
//
// A statement either returns rows (a ResultSet: typed columns and text values, NULL as nullopt)
// or an OK with an affected-row count. The MySQL session encodes these as text-protocol packets;
// nothing here knows the protocol.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "types/type_desc.h"

namespace tributary {

struct ResultColumn {
    std::string name;
    TypeDesc type = TypeDesc::Varchar(256);
    bool nullable = true;
};

using ResultRow = std::vector<std::optional<std::string>>;

struct ResultSet {
    std::vector<ResultColumn> columns;
    std::vector<ResultRow> rows;

    // Adds a VARCHAR column; returns *this so headers read as a list.
    ResultSet& AddColumn(std::string name, TypeDesc type = TypeDesc::Varchar(256),
                         bool nullable = true) {
        columns.push_back(ResultColumn{std::move(name), type, nullable});
        return *this;
    }
};

struct StatementResult {
    std::optional<ResultSet> result_set;  // set for statements that return rows
    uint64_t affected_rows = 0;
    uint16_t warnings = 0;
    std::string info;  // the OK packet's human-readable info (e.g. "Records: 3")

    static StatementResult Ok(uint64_t affected = 0) {
        StatementResult r;
        r.affected_rows = affected;
        return r;
    }
    static StatementResult Rows(ResultSet rs) {
        StatementResult r;
        r.result_set = std::move(rs);
        return r;
    }
};

}  // namespace tributary
