// Randomised robustness: mutated seed statements and random bytes must parse or fail with a
// syntax error, never crash or hang; any expression that parses must print to SQL that parses
// back to an equal tree. Deterministic (fixed seeds) and bounded to a few seconds.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "sql/lexer.h"
#include "sql/parser_test_util.h"

namespace tributary {
namespace {

std::vector<std::string> Corpus() {
    std::vector<std::string> corpus = {
        "SELECT @@version_comment LIMIT 1",
        "SELECT a, count(DISTINCT b) AS n FROM db.t x LEFT JOIN u ON x.id = u.id "
        "WHERE a BETWEEN 1 AND 10 AND b NOT IN (1, 2) OR c LIKE 'x%' GROUP BY a HAVING n > 1 "
        "ORDER BY n DESC LIMIT 5, 10",
        "SELECT CASE WHEN a > 0 THEN CAST(a AS DECIMAL(10,2)) ELSE -1 END FROM (SELECT 1 a) t "
        "UNION ALL SELECT date_add(now(), INTERVAL 1 DAY)",
        "SET NAMES utf8mb4 COLLATE utf8mb4_general_ci, @@session.autocommit = 1, @u := 'x'",
        "SET PASSWORD FOR 'u'@'%' = PASSWORD('pw')",
        "SHOW FULL COLUMNS FROM t FROM db LIKE 'a%'",
        "CREATE TABLE t (a INT KEY NOT NULL DEFAULT \"1\" COMMENT 'x', b BIGINT SUM, "
        "INDEX i (a) USING BITMAP) ENGINE=OLAP AGGREGATE KEY(a) PARTITION BY RANGE(a) "
        "(PARTITION p1 VALUES LESS THAN (\"10\"), PARTITION p2 VALUES [(\"10\"), (\"20\")), "
        "START (\"1\") END (\"5\") EVERY (1)) DISTRIBUTED BY HASH(a) BUCKETS 3 "
        "PROPERTIES (\"replication_num\" = \"1\")",
        "ALTER TABLE t ADD PARTITION p3 VALUES LESS THAN MAXVALUE, DROP PARTITION p1 FORCE",
        "INSERT INTO t WITH LABEL l (a, b) VALUES (1, 'x'), (2, DEFAULT)",
        "GRANT SELECT, INSERT ON ALL TABLES IN DATABASE db TO USER 'u'@'%'",
        "CREATE USER IF NOT EXISTS 'u'@'%' IDENTIFIED WITH mysql_native_password BY 'pw'",
        "ADMIN SET FRONTEND CONFIG (\"a\" = \"b\")",
        "/*!40101 SET character_set_client = utf8 */; # comment\n-- another\nUSE `db`",
        // Expressions, so that mutations also exercise the ToSql round trip.
        "a.b.c + @@session.x - @u * -1.5e3 DIV 2 MOD 3 % 4 ^ 5 | 6 & 7 << 8 >> 9",
        "NOT a IS NOT NULL AND b IS TRUE XOR c <=> d OR e != f && g || h",
        "CASE a WHEN 1 THEN 'x' WHEN 2 THEN \"y\" ELSE NULL END",
        "CAST(x AS varchar(10)) NOT LIKE 'a\\%b' ESCAPE '!' AND y REGEXP '^z'",
        "a NOT IN (1, 2, (SELECT 3)) AND EXISTS (SELECT * FROM t WHERE t.a = 1)",
        "if(a BETWEEN 1 AND 2, left(s, 2), date_sub(DATE '2020-01-01', INTERVAL 1 DAY))",
        "count(*) + count(DISTINCT a, b) + 0x1F + 18446744073709551616 + TIMESTAMP '2020-01-01'",
        "~a + !b - -c + +d",
        "NOT .5 + !.25e1 - `t`.`c`",
    };
    for (const char* dir : {"seed_000", "alter_routine_load_002"}) {
        std::string path = std::string(TRIBUTARY_SQL_TESTDATA_DIR) + "/" + dir;
        for (const auto& entry : std::filesystem::directory_iterator(path)) {
            std::ifstream in(entry.path(), std::ios::binary);
            std::stringstream buffer;
            buffer << in.rdbuf();
            corpus.push_back(buffer.str());
        }
    }
    return corpus;
}

// Pieces of SQL to splice into statements: every token of the corpus, as written.
std::vector<std::string> TokenPool(const std::vector<std::string>& corpus) {
    std::vector<std::string> pool = {"(",   ")",  "'",   "\"",     "`",      "/*", "*/",
                                     "/*!", "--", "#",   "@",      "@@",     ";",  ",",
                                     "\\",  "\n", "NOT", "SELECT", "(SELECT"};
    for (const std::string& sql : corpus) {
        auto tokens = Tokenize(sql);
        if (!tokens.ok()) continue;
        for (const Token& token : *tokens) {
            if (token.end > token.begin)
                pool.push_back(sql.substr(token.begin, token.end - token.begin));
        }
    }
    return pool;
}

// Parses `sql` every way the public API allows and checks the round-trip property.
void Exercise(const std::string& sql) {
    auto statements = ParseStatements(sql);
    if (!statements.ok()) {
        EXPECT_EQ(statements.status().error_code(), ErrorCode::kParseError) << sql;
    }
    auto one = ParseStatement(sql);
    (void)one.ok();
    auto expr = ParseExpression(sql);
    if (expr.ok()) {
        std::string printed = (*expr)->ToSql();
        auto again = ParseExpression(printed);
        ASSERT_TRUE(again.ok()) << sql << "\n -> " << printed << "\n" << again.status().ToString();
        EXPECT_TRUE(ExprEquals(**expr, **again)) << sql << "\n -> " << printed;
    }
}

TEST(ParserRobustness, ByteFlipsAndTruncationsOfSeedStatements) {
    std::vector<std::string> corpus = Corpus();
    std::mt19937 rng(20240601);
    for (int round = 0; round < 3000; ++round) {
        std::string sql = corpus[rng() % corpus.size()];
        int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits && !sql.empty(); ++e) {
            size_t at = rng() % sql.size();
            switch (rng() % 4) {
                case 0:
                    sql[at] = static_cast<char>(rng() % 256);
                    break;
                case 1:
                    sql[at] ^= static_cast<char>(1u << (rng() % 8));
                    break;
                case 2:
                    sql.erase(at, 1 + rng() % 8);
                    break;
                case 3:
                    sql.resize(at);
                    break;
            }
        }
        Exercise(sql);
        if (HasFatalFailure()) return;
    }
}

TEST(ParserRobustness, RandomTokenSplicing) {
    std::vector<std::string> corpus = Corpus();
    std::vector<std::string> pool = TokenPool(corpus);
    std::mt19937 rng(7);
    for (int round = 0; round < 3000; ++round) {
        std::string sql;
        if (rng() % 3 == 0) {
            int n = 1 + static_cast<int>(rng() % 30);
            for (int i = 0; i < n; ++i) sql += pool[rng() % pool.size()] + " ";
        } else {
            sql = corpus[rng() % corpus.size()];
            int splices = 1 + static_cast<int>(rng() % 3);
            for (int i = 0; i < splices; ++i) {
                size_t at = sql.empty() ? 0 : rng() % sql.size();
                sql.insert(at, " " + pool[rng() % pool.size()] + " ");
            }
        }
        Exercise(sql);
        if (HasFatalFailure()) return;
    }
}

TEST(ParserRobustness, RandomByteStrings) {
    std::mt19937 rng(99);
    const std::string alphabet = "()'\"`@.,;*-+/%=<>!~^&|[]?:#\\ \n\tSELECTFROMWHERE0123456789xyz";
    for (int round = 0; round < 3000; ++round) {
        size_t length = rng() % 64;
        std::string sql;
        bool printable = rng() % 2 == 0;
        for (size_t i = 0; i < length; ++i) {
            sql += printable ? alphabet[rng() % alphabet.size()] : static_cast<char>(rng() % 256);
        }
        Exercise(sql);
        if (HasFatalFailure()) return;
    }
}

TEST(ParserRobustness, DeepNestingOfEveryKind) {
    for (const char* open : {"(", "-", "NOT ", "~", "!", "f(", "CASE WHEN ", "(SELECT ", "a IN (",
                             "a BETWEEN b AND ", "SELECT * FROM ("}) {
        std::string sql;
        for (int i = 0; i < 5000; ++i) sql += open;
        sql += "1";
        Exercise(sql);
    }
}

}  // namespace
}  // namespace tributary
