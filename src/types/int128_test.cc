#include "types/int128.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

TEST(Int128Test, FormatsAndParsesExtremes) {
    EXPECT_EQ(Int128ToString(kInt128Max), "170141183460469231731687303715884105727");
    EXPECT_EQ(Int128ToString(kInt128Min), "-170141183460469231731687303715884105728");
    EXPECT_EQ(Int128ToString(0), "0");
    int128_t v = 0;
    ASSERT_TRUE(ParseInt128("-170141183460469231731687303715884105728", &v));
    EXPECT_EQ(v, kInt128Min);
    ASSERT_TRUE(ParseInt128("+170141183460469231731687303715884105727", &v));
    EXPECT_EQ(v, kInt128Max);
}

TEST(Int128Test, RejectsOverflowAndJunk) {
    int128_t v = 0;
    EXPECT_FALSE(ParseInt128("170141183460469231731687303715884105728", &v));
    EXPECT_FALSE(ParseInt128("-170141183460469231731687303715884105729", &v));
    EXPECT_FALSE(ParseInt128("", &v));
    EXPECT_FALSE(ParseInt128("-", &v));
    EXPECT_FALSE(ParseInt128("12a", &v));
    EXPECT_FALSE(ParseInt128(" 1", &v));
}

TEST(Int128Test, PowersOfTenReachThirtyEight) {
    EXPECT_EQ(PowerOfTen(0), 1);
    EXPECT_EQ(Int128ToString(PowerOfTen(38)), "1" + std::string(38, '0'));
}

}  // namespace
}  // namespace tributary
