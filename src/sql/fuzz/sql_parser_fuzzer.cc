// libFuzzer target for the SQL parser: any byte string must yield OK or a syntax error, never a
// crash, a hang or unbounded recursion. Also checks that a parsed expression prints to SQL that
// parses again to an equal tree.
//
// Build: cmake -DTRIBUTARY_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ ...; ninja sql_parser_fuzzer
// Run:   ./sql_parser_fuzzer -max_len=4096 src/sql/testdata
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sql/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view sql(reinterpret_cast<const char*>(data), size);
    auto statements = tributary::ParseStatements(sql);
    (void)statements.ok();

    auto expr = tributary::ParseExpression(sql);
    if (expr.ok()) {
        auto again = tributary::ParseExpression((*expr)->ToSql());
        if (!again.ok() || !tributary::ExprEquals(**expr, **again)) std::abort();
    }
    return 0;
}
