// TableDefinition: what a CREATE TABLE / ADD PARTITION statement asks for, before validation.
//
// The catalog does not depend on the SQL parser. The executor converts the parsed statement into
// these plain structs, keeping what the user wrote and what they left out (so that defaults can
// be applied the way StarRocks applies them), and hands them to Catalog::CreateTable or
// Catalog::AddPartition, which validate them (table_validator.h) and build a TableInfo.
//
// Conventions the executor follows when filling them:
//   - Names are passed as written (case kept). Column names are matched case-insensitively.
//   - A column's `nullable` is nullopt when neither NULL nor NOT NULL was written.
//   - `DEFAULT CURRENT_TIMESTAMP` (or `DEFAULT now()`) becomes ColumnDefault::CurrentTimestamp();
//     `DEFAULT "x"` / `DEFAULT 12` becomes ColumnDefault::Literal("x" / "12"). `DEFAULT NULL` is
//     the same as no default.
//   - No key clause: model_stated = false and key_columns empty (DUPLICATE KEY is then chosen).
//   - `PARTITION p VALUES LESS THAN MAXVALUE` is kind kLessThan with an empty `upper`;
//     `LESS THAN ("10", MAXVALUE)` is upper {"10", nullopt}. Values are the literal texts.
//   - No DISTRIBUTED BY clause: `distribution` is nullopt (allowed for DUPLICATE KEY tables only,
//     which then use RANDOM distribution, as StarRocks does).
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "types/key_model.h"
#include "types/type_desc.h"

namespace tributary {

struct ColumnDefault {
    bool is_current_timestamp = false;
    std::string literal;  // the value as written when !is_current_timestamp

    static ColumnDefault Literal(std::string text) { return ColumnDefault{false, std::move(text)}; }
    static ColumnDefault CurrentTimestamp() { return ColumnDefault{true, {}}; }
    bool operator==(const ColumnDefault&) const = default;
};

struct ColumnDefinition {
    std::string name;
    TypeDesc type;
    AggregateFunction aggregate = AggregateFunction::kNone;  // as written
    std::optional<bool> nullable;                            // nullopt: not stated
    std::optional<ColumnDefault> default_value;
    std::string comment;
    bool auto_increment = false;
};

// A partition bound: one value per partition column (a prefix may be given; the rest is MIN).
// nullopt stands for MAXVALUE.
using PartitionValues = std::vector<std::optional<std::string>>;

struct PartitionDefinition {
    enum class Kind : uint8_t {
        kLessThan,    // VALUES LESS THAN (upper) / LESS THAN MAXVALUE (empty upper)
        kFixedRange,  // VALUES [(lower), (upper))
    };
    std::string name;
    Kind kind = Kind::kLessThan;
    PartitionValues lower;  // kFixedRange only
    PartitionValues upper;
    std::optional<int> buckets;  // BUCKETS override for this partition
};

struct RangePartitionDefinition {
    std::vector<std::string> columns;
    std::vector<PartitionDefinition> partitions;
};

struct DistributionDefinition {
    enum class Kind : uint8_t { kHash, kRandom };
    Kind kind = Kind::kHash;
    std::vector<std::string> columns;  // kHash only
    std::optional<int> buckets;        // nullopt: chosen automatically
};

struct TableDefinition {
    std::string name;
    std::vector<ColumnDefinition> columns;
    KeyModel model = KeyModel::kDuplicate;
    bool model_stated = false;
    std::vector<std::string> key_columns;
    std::string comment;
    std::optional<RangePartitionDefinition> partitioning;
    std::optional<DistributionDefinition> distribution;
    std::vector<std::pair<std::string, std::string>> properties;  // in statement order
};

}  // namespace tributary
