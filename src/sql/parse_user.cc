// Users and privileges: CREATE / DROP USER, GRANT, REVOKE, SHOW GRANTS.
#include "base/string_util.h"
#include "sql/parser_impl.h"

namespace tributary {

StatusOr<std::unique_ptr<Statement>> Parser::ParseCreateUser(SourcePos pos) {
    auto stmt = std::make_unique<CreateUserStmt>(pos);
    stmt->if_not_exists = AcceptKeywords({"IF", "NOT", "EXISTS"});
    ASSIGN_OR_RETURN(stmt->user, ParseUserIdentity());
    if (AcceptKeyword("IDENTIFIED")) {
        stmt->has_password = true;
        if (AcceptKeyword("BY")) {
            stmt->is_hashed = AcceptKeyword("PASSWORD");
            ASSIGN_OR_RETURN(stmt->password, ParseStringLiteral());
        } else if (AcceptKeyword("WITH")) {
            ASSIGN_OR_RETURN(stmt->auth_plugin, ParseIdentifierOrString());
            if (AcceptKeyword("BY")) {
                ASSIGN_OR_RETURN(stmt->password, ParseStringLiteral());
            } else if (AcceptKeyword("AS")) {
                stmt->is_hashed = true;
                ASSIGN_OR_RETURN(stmt->password, ParseStringLiteral());
            } else {
                stmt->has_password = false;
            }
        } else {
            return Unexpected();
        }
    }
    return Done(std::move(stmt));
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseDropUser(SourcePos pos) {
    auto stmt = std::make_unique<DropUserStmt>(pos);
    stmt->if_exists = AcceptKeywords({"IF", "EXISTS"});
    ASSIGN_OR_RETURN(stmt->user, ParseUserIdentity());
    return Done(std::move(stmt));
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseGrantOrRevoke(bool grant) {
    SourcePos pos = Current().pos;
    RETURN_IF_ERROR(ExpectKeyword(grant ? "GRANT" : "REVOKE"));
    ASSIGN_OR_RETURN(std::vector<std::string> privileges, ParsePrivilegeList());
    RETURN_IF_ERROR(ExpectKeyword("ON"));
    ASSIGN_OR_RETURN(GrantOnClause target, ParseGrantTarget());
    RETURN_IF_ERROR(ExpectKeyword(grant ? "TO" : "FROM"));
    AcceptKeyword("USER");
    ASSIGN_OR_RETURN(UserSpec user, ParseUserIdentity());
    if (grant) {
        auto stmt = std::make_unique<GrantStmt>(pos);
        stmt->privileges = std::move(privileges);
        stmt->target = std::move(target);
        stmt->user = std::move(user);
        return Done(std::move(stmt));
    }
    auto stmt = std::make_unique<RevokeStmt>(pos);
    stmt->privileges = std::move(privileges);
    stmt->target = std::move(target);
    stmt->user = std::move(user);
    return Done(std::move(stmt));
}

// A comma list of privileges; each is one or more words ("SELECT", "CREATE TABLE").
StatusOr<std::vector<std::string>> Parser::ParsePrivilegeList() {
    std::vector<std::string> privileges;
    do {
        if (AcceptKeyword("ALL")) {
            AcceptKeyword("PRIVILEGES");
            privileges.emplace_back("ALL");
            continue;
        }
        std::string privilege;
        while (Current().kind == TokenKind::kIdentifier && !PeekKeyword("ON")) {
            if (!privilege.empty()) privilege += ' ';
            privilege += ToUpper(Advance().text);
        }
        if (privilege.empty()) {
            NoteExpected("privilege");
            return Unexpected();
        }
        privileges.push_back(std::move(privilege));
    } while (AcceptOp(","));
    return privileges;
}

StatusOr<GrantOnClause> Parser::ParseGrantTarget() {
    GrantOnClause target;
    target.pos = Current().pos;
    auto names_object = [this](size_t ahead) {
        return !PeekKeyword("TO", ahead) && !PeekKeyword("FROM", ahead) && !PeekOp(".", ahead);
    };
    if (AcceptOp("*")) {
        RETURN_IF_ERROR(ExpectOp("."));
        RETURN_IF_ERROR(ExpectOp("*"));
        target.level = PrivilegeLevel::kGlobal;
        return target;
    }
    if (AcceptKeyword("ALL")) {
        if (AcceptKeyword("DATABASES")) {
            target.level = PrivilegeLevel::kGlobal;
            return target;
        }
        RETURN_IF_ERROR(ExpectKeyword("TABLES"));
        RETURN_IF_ERROR(ExpectKeyword("IN"));
        if (AcceptKeyword("ALL")) {
            RETURN_IF_ERROR(ExpectKeyword("DATABASES"));
            target.level = PrivilegeLevel::kGlobal;
            return target;
        }
        RETURN_IF_ERROR(ExpectKeyword("DATABASE"));
        target.level = PrivilegeLevel::kDatabase;
        ASSIGN_OR_RETURN(target.db, ParseIdentifier());
        return target;
    }
    if (PeekKeyword("DATABASE") && names_object(1)) {
        Advance();
        target.level = PrivilegeLevel::kDatabase;
        ASSIGN_OR_RETURN(target.db, ParseIdentifier());
        return target;
    }
    if (PeekKeyword("TABLE") && names_object(1)) {
        Advance();
        target.level = PrivilegeLevel::kTable;
        ASSIGN_OR_RETURN(QualifiedName name, ParseQualifiedName());
        target.db = std::move(name.db);
        target.table = std::move(name.name);
        return target;
    }
    ASSIGN_OR_RETURN(std::string first, ParseIdentifier());
    if (AcceptOp(".")) {
        target.db = std::move(first);
        if (AcceptOp("*")) {
            target.level = PrivilegeLevel::kDatabase;
            return target;
        }
        target.level = PrivilegeLevel::kTable;
        ASSIGN_OR_RETURN(target.table, ParseAnyIdentifier());
        return target;
    }
    target.level = PrivilegeLevel::kTable;
    target.table = std::move(first);
    return target;
}

StatusOr<std::unique_ptr<Statement>> Parser::ParseShowGrants(SourcePos pos, bool all) {
    auto stmt = std::make_unique<ShowGrantsStmt>(pos);
    stmt->all = all;
    if (!all && AcceptKeyword("FOR")) {
        ASSIGN_OR_RETURN(UserSpec user, ParseUserIdentity());
        stmt->user = std::move(user);
    }
    return Done(std::move(stmt));
}

}  // namespace tributary
