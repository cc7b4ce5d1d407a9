// CREATE / ALTER / PAUSE / RESUME / STOP ROUTINE LOAD, SHOW [ALL] ROUTINE LOAD, SHOW ROUTINE LOAD
// TASK and SHOW CREATE ROUTINE LOAD: privileges and presentation here, the jobs themselves in
// load/routine/routine_load_manager.h.
//
// Every statement needs the INSERT privilege on the job's table (StarRocks' rule, stated in the
// seed document). SHOW lists only the jobs whose table the user may load.
#include <fmt/format.h>

#include <algorithm>

#include "base/config.h"
#include "base/string_util.h"
#include "catalog/catalog.h"
#include "frontend/frontend.h"
#include "frontend/statement_handlers.h"
#include "load/routine/routine_load_manager.h"
#include "load/routine/routine_load_show.h"

namespace tributary {
namespace {

StatusOr<RoutineLoadManager*> Manager(ExecContext& ctx) {
    if (ctx.frontend.routine_loads() == nullptr) {
        return Status::NotSupported("Routine Load is not running in this server",
                                    ErrorCode::kNotSupportedYet);
    }
    return ctx.frontend.routine_loads();
}

// The job's database (written or current) and INSERT on its table.
StatusOr<std::string> CheckJobPrivilege(ExecContext& ctx, RoutineLoadManager& manager,
                                        const QualifiedName& job, bool include_final) {
    ASSIGN_OR_RETURN(std::string db, ResolveDatabase(ctx, job.db));
    ASSIGN_OR_RETURN(auto target, manager.JobTable(db, job.name, include_final));
    RETURN_IF_ERROR(CheckTablePrivilege(ctx, Privilege::kInsert, target.first, target.second));
    return db;
}

ResultSet ShowResult(const std::vector<std::string>& names) {
    ResultSet rs;
    for (const std::string& name : names) rs.AddColumn(name, TypeDesc::Varchar(1024));
    return rs;
}

// SHOW ROUTINE LOAD's ORDER BY: a column name; Id and CurrentTaskNum compare as numbers.
Status SortRows(const std::vector<OrderByItem>& order_by, ResultSet* rs) {
    std::vector<std::pair<size_t, bool>> keys;  // column, descending
    for (const OrderByItem& item : order_by) {
        const auto* ref = item.expr->TryAs<ColumnRefExpr>();
        size_t column = rs->columns.size();
        for (size_t c = 0; ref != nullptr && c < rs->columns.size(); ++c) {
            if (EqualsIgnoreCase(rs->columns[c].name, ref->column)) column = c;
        }
        if (column == rs->columns.size()) {
            return Status::InvalidArgument(
                fmt::format("Unknown column '{}' in 'order clause'; order by one of the "
                            "columns SHOW ROUTINE LOAD prints (Id, Name, CreateTime, ...)",
                            item.expr->ToSql()),
                ErrorCode::kBadFieldError);
        }
        keys.emplace_back(column, item.descending);
    }
    auto less = [&](const ResultRow& a, const ResultRow& b) {
        for (const auto& [c, descending] : keys) {
            const std::string& x = a[c].value_or("");
            const std::string& y = b[c].value_or("");
            int cmp = 0;
            const std::string& name = rs->columns[c].name;
            if (name == "Id" || name == "CurrentTaskNum") {
                int64_t xi = 0, yi = 0;
                ParseInt64(x, &xi);
                ParseInt64(y, &yi);
                cmp = xi < yi ? -1 : (xi > yi ? 1 : 0);
            } else {
                cmp = x.compare(y);
            }
            if (cmp != 0) return descending ? cmp > 0 : cmp < 0;
        }
        return false;
    };
    std::stable_sort(rs->rows.begin(), rs->rows.end(), less);
    return Status::OK();
}

// SHOW ROUTINE LOAD TASK's WHERE JobName = "name".
StatusOr<std::string> JobNameOf(const Expr* where) {
    const auto* eq = where != nullptr ? where->TryAs<BinaryExpr>() : nullptr;
    if (eq != nullptr && eq->op == BinaryOp::kEq) {
        const auto* ref = eq->left->TryAs<ColumnRefExpr>();
        const auto* lit = eq->right->TryAs<LiteralExpr>();
        if (ref != nullptr && lit != nullptr && EqualsIgnoreCase(ref->column, "JobName") &&
            lit->literal_kind == LiteralKind::kString) {
            return lit->text;
        }
    }
    return Status::InvalidArgument(
        "SHOW ROUTINE LOAD TASK needs WHERE JobName = \"job_name\"",
        ErrorCode::kWrongArguments);
}

std::string Quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

StatusOr<StatementResult> ExecuteCreateRoutineLoad(ExecContext& ctx,
                                                   const CreateRoutineLoadStmt& stmt) {
    RETURN_IF_ERROR(CheckStatementPrivilege(ctx, stmt));
    ASSIGN_OR_RETURN(RoutineLoadManager * manager, Manager(ctx));
    RoutineLoadCreateContext context;
    ASSIGN_OR_RETURN(context.db, ResolveDatabase(ctx, stmt.job.db));
    context.user = ctx.session.current_user_string();
    context.defaults.desired_concurrent_number =
        config::max_routine_load_task_concurrent_num.Get();
    context.defaults.task_consume_second = config::routine_load_task_consume_second.Get();
    context.defaults.task_timeout_second = config::routine_load_task_timeout_second.Get();
    context.defaults.time_zone = MakeQueryEnvironment(ctx).eval.time_zone->name();
    RETURN_IF_ERROR(manager->Create(stmt, context));
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteAlterRoutineLoad(ExecContext& ctx,
                                                  const AlterRoutineLoadStmt& stmt) {
    ASSIGN_OR_RETURN(RoutineLoadManager * manager, Manager(ctx));
    ASSIGN_OR_RETURN(std::string db, CheckJobPrivilege(ctx, *manager, stmt.job, false));
    RETURN_IF_ERROR(manager->Alter(db, stmt));
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteRoutineLoadStateChange(ExecContext& ctx, const Statement& stmt) {
    ASSIGN_OR_RETURN(RoutineLoadManager * manager, Manager(ctx));
    const QualifiedName& job = stmt.kind == StatementKind::kPauseRoutineLoad
                                   ? stmt.As<PauseRoutineLoadStmt>().job
                               : stmt.kind == StatementKind::kResumeRoutineLoad
                                   ? stmt.As<ResumeRoutineLoadStmt>().job
                                   : stmt.As<StopRoutineLoadStmt>().job;
    ASSIGN_OR_RETURN(std::string db, CheckJobPrivilege(ctx, *manager, job, false));
    switch (stmt.kind) {
        case StatementKind::kPauseRoutineLoad:
            RETURN_IF_ERROR(manager->Pause(db, job.name, ctx.session.current_user_string()));
            break;
        case StatementKind::kResumeRoutineLoad:
            RETURN_IF_ERROR(manager->Resume(db, job.name));
            break;
        default:
            RETURN_IF_ERROR(manager->Stop(db, job.name));
            break;
    }
    return StatementResult::Ok();
}

StatusOr<StatementResult> ExecuteShowRoutineLoad(ExecContext& ctx,
                                                 const ShowRoutineLoadStmt& stmt) {
    ASSIGN_OR_RETURN(RoutineLoadManager * manager, Manager(ctx));
    std::string db;
    std::string name;
    if (stmt.job) {
        ASSIGN_OR_RETURN(db, ResolveDatabase(ctx, stmt.job->db));
        name = stmt.job->name;
        // A named job that does not exist is an error, as in StarRocks.
        ASSIGN_OR_RETURN(auto target, manager->JobTable(db, name, true));
        RETURN_IF_ERROR(CheckTablePrivilege(ctx, Privilege::kInsert, target.first, target.second));
    } else {
        ASSIGN_OR_RETURN(db, ResolveDatabase(ctx, stmt.database));
    }
    ResultSet rs = ShowResult(RoutineLoadShowColumns());
    for (const RoutineLoadJobView& view : manager->ShowJobs(db, name, stmt.all)) {
        if (!CheckTablePrivilege(ctx, Privilege::kInsert, view.job.db_name, view.job.table_name)
                 .ok()) {
            continue;
        }
        rs.rows.push_back(RoutineLoadShowRow(view));
    }
    if (stmt.where) RETURN_IF_ERROR(ApplyShowWhere(ctx, *stmt.where, &rs));
    RETURN_IF_ERROR(SortRows(stmt.order_by, &rs));
    if (stmt.limit) {
        const size_t offset = std::min<size_t>(rs.rows.size(), stmt.limit->offset);
        const size_t end = std::min<size_t>(rs.rows.size(), offset + stmt.limit->count);
        rs.rows = std::vector<ResultRow>(rs.rows.begin() + offset, rs.rows.begin() + end);
    }
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteShowRoutineLoadTask(ExecContext& ctx,
                                                     const ShowRoutineLoadTaskStmt& stmt) {
    ASSIGN_OR_RETURN(RoutineLoadManager * manager, Manager(ctx));
    ASSIGN_OR_RETURN(std::string name, JobNameOf(stmt.where.get()));
    QualifiedName job;
    job.db = stmt.database;
    job.name = name;
    ASSIGN_OR_RETURN(std::string db, CheckJobPrivilege(ctx, *manager, job, true));
    ASSIGN_OR_RETURN(auto tasks, manager->ShowTasks(db, name));
    ResultSet rs = ShowResult(RoutineLoadTaskShowColumns());
    for (const RoutineLoadTaskView& task : tasks) rs.rows.push_back(RoutineLoadTaskShowRow(task));
    return StatementResult::Rows(std::move(rs));
}

StatusOr<StatementResult> ExecuteShowCreateRoutineLoad(ExecContext& ctx,
                                                       const ShowCreateRoutineLoadStmt& stmt) {
    ASSIGN_OR_RETURN(RoutineLoadManager * manager, Manager(ctx));
    ASSIGN_OR_RETURN(std::string db, CheckJobPrivilege(ctx, *manager, stmt.job, true));
    auto views = manager->ShowJobs(db, stmt.job.name, true);
    const RoutineLoadJob& job = views.back().job;
    std::vector<std::string> load;
    if (job.column_separator) load.push_back("COLUMNS TERMINATED BY " + Quoted(*job.column_separator));
    if (job.row_delimiter) load.push_back("ROWS TERMINATED BY " + Quoted(*job.row_delimiter));
    if (!job.columns.empty()) load.push_back("COLUMNS(" + Join(job.columns, ", ") + ")");
    if (!job.where_sql.empty()) load.push_back("WHERE " + job.where_sql);
    if (!job.partitions.empty()) {
        load.push_back(std::string(job.temporary_partitions ? "TEMPORARY " : "") + "PARTITION(" +
                       Join(job.partitions, ", ") + ")");
    }
    auto properties = [](const std::vector<std::pair<std::string, std::string>>& pairs) {
        std::vector<std::string> items;
        for (const auto& [key, value] : pairs) {
            items.push_back(fmt::format("{} = {}", Quoted(key),
                                        Quoted(MaskedPropertyValue(key, value))));
        }
        return "(\n" + Join(items, ",\n") + "\n)";
    };
    std::string sql = fmt::format("CREATE ROUTINE LOAD {}.{} ON {}", job.db_name, job.name,
                                  job.table_name);
    if (!load.empty()) sql += "\n" + Join(load, ",\n");
    sql += "\nPROPERTIES " + properties(job.job_properties);
    sql += "\nFROM KAFKA " + properties(job.data_source_properties);
    ResultSet rs = ShowResult({"Job", "Create Job"});
    rs.rows.push_back({job.name, sql});
    return StatementResult::Rows(std::move(rs));
}

}  // namespace tributary
