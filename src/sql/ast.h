// The whole SQL AST: include this to see every node type.
//
//   ast_common.h        SourcePos, TypeName, PropertyList, QualifiedName, UserSpec
//   ast_expr.h          Expr and its kinds
//   ast_query.h         Query / SELECT
//   ast_statement.h     Statement, StatementKind
//   ast_session.h       SELECT, SET, USE, client SHOW statements
//   ast_ddl.h           databases, tables, partitions, ADMIN, INSERT
//   ast_user.h          users and privileges
//   ast_routine_load.h  Routine Load
#pragma once

#include "sql/ast_common.h"
#include "sql/ast_ddl.h"
#include "sql/ast_expr.h"
#include "sql/ast_query.h"
#include "sql/ast_routine_load.h"
#include "sql/ast_session.h"
#include "sql/ast_statement.h"
#include "sql/ast_user.h"
