#include "base/status.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

Status FailsWithNotFound() { return Status::NotFound("table t", ErrorCode::kUnknownTable); }

Status PropagatesError() {
    RETURN_IF_ERROR(FailsWithNotFound());
    return Status::OK();
}

StatusOr<int> MakeValue(bool ok) {
    if (!ok) return Status::InvalidArgument("no value");
    return 42;
}

StatusOr<int> AddOne(bool ok) {
    ASSIGN_OR_RETURN(int v, MakeValue(ok));
    return v + 1;
}

TEST(StatusTest, DefaultIsOkAndCarriesNoErrorCode) {
    Status st;
    EXPECT_TRUE(st.ok());
    EXPECT_EQ(st.error_code(), ErrorCode::kNone);
    EXPECT_EQ(st.ToString(), "OK");
}

TEST(StatusTest, ErrorKeepsCodeErrnoAndMessage) {
    Status st = FailsWithNotFound();
    EXPECT_TRUE(st.IsNotFound());
    EXPECT_EQ(st.error_code(), ErrorCode::kUnknownTable);
    EXPECT_EQ(st.message(), "table t");
}

TEST(StatusTest, ReturnIfErrorAddsFramesToLogTextButNotToMessage) {
    Status st = PropagatesError();
    EXPECT_EQ(st.message(), "table t");
    EXPECT_NE(st.ToString().find("status_test.cc:"), std::string::npos) << st.ToString();
}

TEST(StatusTest, CopyIsDeep) {
    Status a = Status::Internal("x");
    Status b = a;
    Status c = b.Prefixed("ctx");
    EXPECT_EQ(a.message(), "x");
    EXPECT_EQ(c.message(), "ctx: x");
}

TEST(StatusOrTest, AssignOrReturnPassesValueAndError) {
    EXPECT_EQ(*AddOne(true), 43);
    StatusOr<int> bad = AddOne(false);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().message(), "no value");
}

TEST(StatusOrTest, OkStatusWithoutValueBecomesInternalError) {
    StatusOr<int> v(Status::OK());
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.status().code(), Status::Code::kInternal);
}

TEST(ErrorCodeTest, SqlStatesMatchMysql) {
    EXPECT_EQ(SqlStateOf(ErrorCode::kParseError), "42000");
    EXPECT_EQ(SqlStateOf(ErrorCode::kUnknownTable), "42S02");
    EXPECT_EQ(SqlStateOf(ErrorCode::kAccessDenied), "28000");
    EXPECT_EQ(SqlStateOf(ErrorCode::kTableExists), "42S01");
    EXPECT_EQ(SqlStateOf(ErrorCode::kNoDbSelected), "3D000");
}

}  // namespace
}  // namespace tributary
