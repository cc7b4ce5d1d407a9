// Zone-map pruning from filters: which `column op constant` parts of a WHERE let a scan skip
// segments and pages.
//
// Recognised conjuncts (after binding, so constants already have the column's type): =, <,
// <=, >, >= between a column and a constant (either side), BETWEEN (bound as two of those) and
// IS NULL / IS NOT NULL. Anything else is left to the filter. On AGGREGATE / UNIQUE tables only
// key columns prune (storage/snapshot_reader.h explains why).
//
// Thread safety: pure function.
#pragma once

#include <vector>

#include "catalog/table_info.h"
#include "exec/scan_operator.h"
#include "expr/expr_node.h"

namespace tributary {

// Adds the prunable parts of `filter` (bound against a scan of `scan_columns` of `table`).
void AddScanPruning(const ExprNode& filter, const TableInfo& table,
                    const std::vector<uint32_t>& scan_columns, std::vector<ScanPredicate>* out);

}  // namespace tributary
