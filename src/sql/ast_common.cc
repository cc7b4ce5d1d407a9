#include "sql/ast_common.h"

#include "base/string_util.h"

namespace tributary {

std::string TypeName::ToSql() const {
    std::string out = name;
    if (!args.empty()) {
        out += '(';
        for (size_t i = 0; i < args.size(); ++i) {
            if (i > 0) out += ',';
            out += std::to_string(args[i]);
        }
        out += ')';
    }
    return out;
}

std::string QualifiedName::ToSql() const {
    if (db.empty()) return QuoteIdentifier(name);
    return QuoteIdentifier(db) + "." + QuoteIdentifier(name);
}

std::string UserSpec::ToSql() const {
    return QuoteString(user, '\'') + "@" + QuoteString(host, '\'');
}

}  // namespace tributary
