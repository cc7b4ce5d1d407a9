// LoadPipeline: source rows in, table rows out - the part of DESIGN §6 between a format reader
// and the TableSink, shared by Stream Load and Routine Load tasks.
//
//   SourceBatch (text fields) -> typed source columns -> COLUMNS mapping -> WHERE
//     -> NOT NULL check -> partition routing -> TableSink (one transaction at Commit)
//
// COLUMNS mapping (StarRocks' rules). The load description's COLUMNS list names the source
// fields in order: `COLUMNS (order_id, pay_dt, customer_name, nationality, temp_gender, price)`
// says field 0 is order_id, ... A plain name that is a table column loads that column; one that
// is not (temp_gender) is a placeholder: read, usable in expressions, never stored. `name =
// expr` derives table column `name` from an expression over the source fields, evaluated by the
// same engine as SELECT (`pay_dt = from_unixtime(pay_time, '%Y%m%d')`). Without COLUMNS, the
// fields are the table's columns in order. A table column given neither way takes its default
// (NULL when nullable); a NOT NULL column without a default makes the description invalid.
//
// Types. A source field that is also a table column is converted to that column's type first
// (field_conversion.h), so expressions see `pay_time` as the BIGINT the table declares; other
// fields are VARCHAR. Expression results are cast to their column's type (CAST rules: a value
// that does not fit becomes NULL).
//
// Error rows, each counted with a reason in the error log (load_error_log.h):
//   - rows the reader rejected (field count, malformed JSON);
//   - with strict_mode, a field that does not convert ('abc' into INT);
//   - in every mode, a string too long for its column, not valid UTF-8, or invalid JSON;
//   - NULL into a NOT NULL column (including a failed conversion without strict mode);
//   - a row that belongs to no partition, or to one outside the load's PARTITION (...) list,
//     or (a TEMPORARY PARTITION (...) load) to none of the named temporary partitions.
// Rows for which WHERE is not TRUE are "unselected": counted, not errors. Order: conversion
// errors first, then WHERE on the remaining rows, then routing.
//
// Thread safety: one pipeline per load, used by one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/table_info.h"
#include "expr/expr_node.h"
#include "load/load_error_log.h"
#include "load/source_batch.h"
#include "load/table_sink.h"
#include "sql/ast_routine_load.h"

namespace tributary {

// How source rows become table rows (the load properties of Stream Load headers or a Routine
// Load job). Borrowed by LoadPipeline::Create, which binds it.
struct LoadDescription {
    const std::vector<LoadColumn>* columns = nullptr;  // COLUMNS; nullptr or empty: none
    const Expr* where = nullptr;                       // WHERE; nullptr: none
    std::vector<std::string> partitions;               // PARTITION (...); empty: all
    bool temporary_partitions = false;  // the list names TEMPORARY PARTITIONs (rows go there)
    bool strict_mode = false;
    // PRIMARY KEY tables (docs/primary_key.md): only the columns the load gives change.
    bool partial_update = false;
    // PRIMARY KEY tables: an UPSERT applies only when this column's new value is >= the
    // stored one. Empty: none.
    std::string merge_condition;
};

struct LoadCounters {
    uint64_t total_rows = 0;       // every row read, including rows the reader rejected
    uint64_t filtered_rows = 0;    // error rows
    uint64_t unselected_rows = 0;  // rows WHERE did not select
    uint64_t input_bytes = 0;

    uint64_t loaded_rows() const { return total_rows - filtered_rows - unselected_rows; }
};

class LoadPipeline {
public:
    // Binds `description` against `table`. Errors (InvalidArgument, with MySQL numbers where
    // one fits) name the problem: an unknown column on the left of `=`, a name listed twice, an
    // expression that does not bind, a NOT NULL column the load does not give, an unknown
    // partition.
    static StatusOr<std::unique_ptr<LoadPipeline>> Create(LoadServices services,
                                                          std::shared_ptr<const TableInfo> table,
                                                          const LoadDescription& description,
                                                          EvalContext eval);
    ~LoadPipeline();

    // The source fields a reader must produce, in order (their names, which JSON's simple mode
    // looks up as keys).
    const std::vector<std::string>& source_fields() const { return source_names_; }

    // Runs `batch` through the pipeline into the sink; error rows go to the error log. Fails
    // only for what must stop the load (an internal error), never for bad data.
    Status Consume(const SourceBatch& batch);

    const LoadCounters& counters() const { return counters_; }
    const LoadErrorLog& error_log() const { return error_log_; }

    // OK when error rows are at most `max_filter_ratio` of the rows WHERE selected or that
    // failed (StarRocks' ratio: filtered / (total - unselected)); else InvalidArgument
    // "too many filtered rows: ...", naming the counts and the first error.
    Status CheckFilterRatio(double max_filter_ratio) const;

    // The transaction: begun up front (optional; TableSink::Begin), committed with every
    // loaded row (TableSink::Commit), or aborted (nothing becomes visible).
    StatusOr<BeginResult> Begin(const SinkCommitOptions& options) { return sink_.Begin(options); }
    StatusOr<SinkCommitResult> Commit(const SinkCommitOptions& options);
    void Abort(std::string_view reason) { sink_.Abort(reason); }

    const TableInfo& table() const { return *table_; }

private:
    struct Plan;
    LoadPipeline(std::shared_ptr<const TableInfo> table, std::unique_ptr<Plan> plan,
                 LoadServices services, TabletRouter router, std::vector<int64_t> partition_ids,
                 EvalContext eval);

    std::shared_ptr<const TableInfo> table_;
    std::unique_ptr<Plan> plan_;
    std::vector<std::string> source_names_;
    EvalContext eval_;
    TableSink sink_;
    LoadCounters counters_;
    LoadErrorLog error_log_;
};

}  // namespace tributary
