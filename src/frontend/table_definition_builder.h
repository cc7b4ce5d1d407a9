// Turns parsed CREATE TABLE / ADD PARTITION clauses into the catalog's TableDefinition structs.
//
// Checks what only the statement can know (type names and arguments, the aggregate function
// names, ENGINE, literal-only defaults) and reports errors at the column they concern; the
// catalog validates the table as a whole (key order, models, partitions, distribution).
#pragma once

#include "base/status.h"
#include "catalog/table_definition.h"
#include "sql/ast.h"

namespace tributary {

StatusOr<TableDefinition> BuildTableDefinition(const CreateTableStmt& stmt);

StatusOr<PartitionDefinition> BuildPartitionDefinition(const PartitionDef& def,
                                                       const std::optional<DistributionDesc>& dist);

}  // namespace tributary
