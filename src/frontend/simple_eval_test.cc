#include "frontend/simple_eval.h"

#include <gtest/gtest.h>

#include "frontend/session.h"
#include "sql/parser.h"

namespace tributary {
namespace {

class SimpleEvalTest : public ::testing::Test {
protected:
    SimpleEvalTest() : session_(42, "10.0.0.1") {
        session_.set_user(SessionUser{"alice", "%"});
        session_.set_current_db("shop");
    }

    StatusOr<SimpleValue> Eval(std::string_view text, ColumnResolver columns = nullptr) {
        auto expr = ParseExpression(text);
        if (!expr.ok()) return expr.status();
        return EvaluateSimple(**expr, session_, columns);
    }

    Session session_;
};

TEST_F(SimpleEvalTest, AnswersTheFunctionsClientsCallOnConnect) {
    EXPECT_EQ(Eval("DATABASE()")->text, "shop");
    EXPECT_EQ(Eval("connection_id()")->int_value, 42);
    EXPECT_EQ(Eval("USER()")->text, "alice@10.0.0.1");
    EXPECT_EQ(Eval("CURRENT_USER()")->text, "'alice'@'%'");
    EXPECT_NE(Eval("@@version_comment")->text.find("Tributary"), std::string::npos);
    EXPECT_EQ(Eval("@@session.auto_increment_increment")->int_value, 1);
}

TEST_F(SimpleEvalTest, ArithmeticAndComparisonFollowMysql) {
    EXPECT_EQ(Eval("1 + 2 * 3")->int_value, 7);
    EXPECT_TRUE(Eval("1 / 0")->is_null());
    EXPECT_EQ(Eval("-5")->int_value, -5);
    EXPECT_TRUE(Eval("'ABC' = 'abc'")->Truthy());
    EXPECT_TRUE(Eval("NULL = 1")->is_null());
    EXPECT_TRUE(Eval("NULL <=> NULL")->Truthy());
}

TEST_F(SimpleEvalTest, FiltersRowsByColumnName) {
    ColumnResolver row = [](const std::string& name) -> StatusOr<SimpleValue> {
        if (name == "Variable_name") return SimpleValue::String("wait_timeout");
        return Status::NotFound("no column " + name, ErrorCode::kBadFieldError);
    };
    EXPECT_TRUE(Eval("Variable_name = 'WAIT_TIMEOUT' OR Variable_name = 'x'", row)->Truthy());
    EXPECT_TRUE(Eval("Variable_name IN ('a', 'wait_timeout')", row)->Truthy());
    EXPECT_TRUE(Eval("Variable_name LIKE 'wait%'", row)->Truthy());
    EXPECT_FALSE(Eval("Variable_name NOT LIKE 'wait%'", row)->Truthy());
    EXPECT_EQ(Eval("Value = 1", row).status().error_code(), ErrorCode::kBadFieldError);
}

TEST_F(SimpleEvalTest, UnsupportedExpressionSaysWhatAndWhere) {
    auto v = Eval("md5('x')");
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.status().code(), Status::Code::kNotSupported);
    EXPECT_NE(v.status().message().find("md5"), std::string::npos);
}

}  // namespace
}  // namespace tributary
