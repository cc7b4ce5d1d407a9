#include "sql/ast_statement.h"

#include "sql/ast_ddl.h"

namespace tributary {

Statement::~Statement() = default;

std::string_view StatementKindName(StatementKind kind) {
    switch (kind) {
        case StatementKind::kSelect:
            return "SELECT";
        case StatementKind::kSet:
            return "SET";
        case StatementKind::kSetPassword:
            return "SET PASSWORD";
        case StatementKind::kUse:
            return "USE";
        case StatementKind::kShowVariables:
            return "SHOW VARIABLES";
        case StatementKind::kShowStatus:
            return "SHOW STATUS";
        case StatementKind::kShowWarnings:
            return "SHOW WARNINGS";
        case StatementKind::kShowErrors:
            return "SHOW ERRORS";
        case StatementKind::kShowEngines:
            return "SHOW ENGINES";
        case StatementKind::kShowCharset:
            return "SHOW CHARSET";
        case StatementKind::kShowCollation:
            return "SHOW COLLATION";
        case StatementKind::kShowProcesslist:
            return "SHOW PROCESSLIST";
        case StatementKind::kCreateDatabase:
            return "CREATE DATABASE";
        case StatementKind::kDropDatabase:
            return "DROP DATABASE";
        case StatementKind::kShowDatabases:
            return "SHOW DATABASES";
        case StatementKind::kShowTables:
            return "SHOW TABLES";
        case StatementKind::kShowTablet:
            return "SHOW TABLET";
        case StatementKind::kShowPartitions:
            return "SHOW PARTITIONS";
        case StatementKind::kCreateTable:
            return "CREATE TABLE";
        case StatementKind::kDropTable:
            return "DROP TABLE";
        case StatementKind::kTruncateTable:
            return "TRUNCATE TABLE";
        case StatementKind::kShowCreateTable:
            return "SHOW CREATE TABLE";
        case StatementKind::kDescribe:
            return "DESCRIBE";
        case StatementKind::kShowColumns:
            return "SHOW COLUMNS";
        case StatementKind::kAlterTable:
            return "ALTER TABLE";
        case StatementKind::kAdminSetFrontendConfig:
            return "ADMIN SET FRONTEND CONFIG";
        case StatementKind::kAdminShowFrontendConfig:
            return "ADMIN SHOW FRONTEND CONFIG";
        case StatementKind::kInsert:
            return "INSERT";
        case StatementKind::kDelete:
            return "DELETE";
        case StatementKind::kCreateUser:
            return "CREATE USER";
        case StatementKind::kDropUser:
            return "DROP USER";
        case StatementKind::kGrant:
            return "GRANT";
        case StatementKind::kRevoke:
            return "REVOKE";
        case StatementKind::kShowGrants:
            return "SHOW GRANTS";
        case StatementKind::kCreateRoutineLoad:
            return "CREATE ROUTINE LOAD";
        case StatementKind::kAlterRoutineLoad:
            return "ALTER ROUTINE LOAD";
        case StatementKind::kPauseRoutineLoad:
            return "PAUSE ROUTINE LOAD";
        case StatementKind::kResumeRoutineLoad:
            return "RESUME ROUTINE LOAD";
        case StatementKind::kStopRoutineLoad:
            return "STOP ROUTINE LOAD";
        case StatementKind::kShowRoutineLoad:
            return "SHOW ROUTINE LOAD";
        case StatementKind::kShowRoutineLoadTask:
            return "SHOW ROUTINE LOAD TASK";
        case StatementKind::kShowCreateRoutineLoad:
            return "SHOW CREATE ROUTINE LOAD";
    }
    return "?";
}

std::string_view KeysTypeName(KeysType t) {
    switch (t) {
        case KeysType::kNone:
            return "";
        case KeysType::kDuplicate:
            return "DUPLICATE KEY";
        case KeysType::kAggregate:
            return "AGGREGATE KEY";
        case KeysType::kUnique:
            return "UNIQUE KEY";
        case KeysType::kPrimary:
            return "PRIMARY KEY";
    }
    return "";
}

}  // namespace tributary
