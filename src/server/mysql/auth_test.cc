#include "server/mysql/auth.h"

#include <gtest/gtest.h>

#include "server/mysql/constants.h"
#include "server/mysql/test_util.h"

namespace tributary::mysql {
namespace {

using testing::FromHex;
using testing::ToHex;

// What MySQL's PASSWORD('secret') prints.
constexpr std::string_view kSecretHashHex = "*14E65567ABDB5135D0CFD9A70B3032C179A49EE7";
constexpr std::string_view kScramble = "abcdefghijklmnopqrst";
// SHA1("secret") XOR SHA1(kScramble + SHA1(SHA1("secret"))), computed independently.
constexpr std::string_view kSecretToken =
    "88 17 c5 0f a7 79 da ef 01 0e e7 57 78 25 b0 84 7d f9 84 2e";

TEST(NativePasswordTest, HashMatchesMySqlPasswordFunction) {
    const std::string hash = NativePasswordHash("secret");
    EXPECT_EQ(hash.size(), 20u);
    EXPECT_EQ(NativePasswordHashHex(hash), kSecretHashHex);
}

TEST(NativePasswordTest, EmptyPasswordHasEmptyHash) {
    EXPECT_EQ(NativePasswordHash(""), "");
    EXPECT_EQ(NativePasswordHashHex(""), "");
}

TEST(NativePasswordTest, ParsesHexHashOfEitherCase) {
    auto upper = ParseNativePasswordHashHex(kSecretHashHex);
    ASSERT_TRUE(upper.ok());
    EXPECT_EQ(*upper, NativePasswordHash("secret"));
    auto lower = ParseNativePasswordHashHex("*14e65567abdb5135d0cfd9a70b3032c179a49ee7");
    ASSERT_TRUE(lower.ok());
    EXPECT_EQ(*lower, *upper);
    EXPECT_EQ(*ParseNativePasswordHashHex(""), "");
}

TEST(NativePasswordTest, RejectsMalformedHexHash) {
    EXPECT_FALSE(ParseNativePasswordHashHex("14E65567ABDB5135D0CFD9A70B3032C179A49EE7").ok());
    EXPECT_FALSE(ParseNativePasswordHashHex("*14E65567ABDB5135D0CFD9A70B3032C179A49EE").ok());
    EXPECT_FALSE(ParseNativePasswordHashHex("*14E65567ABDB5135D0CFD9A70B3032C179A49EEG").ok());
    EXPECT_FALSE(ParseNativePasswordHashHex("*").ok());
}

TEST(NativePasswordTest, ClientTokenMatchesKnownVector) {
    EXPECT_EQ(ToHex(ComputeNativeToken(kScramble, "secret")), kSecretToken);
}

TEST(NativePasswordTest, VerifiesKnownTokenAgainstStoredHash) {
    const std::string stored = *ParseNativePasswordHashHex(kSecretHashHex);
    EXPECT_TRUE(VerifyNativePassword(kScramble, FromHex(kSecretToken), stored));
}

TEST(NativePasswordTest, AcceptsScrambleWithTrailingNul) {
    const std::string stored = NativePasswordHash("secret");
    const std::string scramble_with_nul = std::string(kScramble) + '\0';
    EXPECT_TRUE(VerifyNativePassword(scramble_with_nul, FromHex(kSecretToken), stored));
}

TEST(NativePasswordTest, RejectsWrongPassword) {
    const std::string stored = NativePasswordHash("secret");
    EXPECT_FALSE(VerifyNativePassword(kScramble, ComputeNativeToken(kScramble, "Secret"), stored));
    EXPECT_FALSE(VerifyNativePassword(kScramble, "", stored));
}

TEST(NativePasswordTest, RejectsTokenComputedForAnotherScramble) {
    const std::string stored = NativePasswordHash("secret");
    const std::string token = ComputeNativeToken("ABCDEFGHIJKLMNOPQRST", "secret");
    EXPECT_FALSE(VerifyNativePassword(kScramble, token, stored));
}

TEST(NativePasswordTest, RejectsTokenOfWrongLength) {
    const std::string stored = NativePasswordHash("secret");
    std::string token = FromHex(kSecretToken);
    EXPECT_FALSE(VerifyNativePassword(kScramble, token.substr(0, 19), stored));
    EXPECT_FALSE(VerifyNativePassword(kScramble, token + "x", stored));
}

TEST(NativePasswordTest, EmptyPasswordAcceptsOnlyEmptyToken) {
    EXPECT_TRUE(VerifyNativePassword(kScramble, "", ""));
    EXPECT_EQ(ComputeNativeToken(kScramble, ""), "");
    EXPECT_FALSE(VerifyNativePassword(kScramble, FromHex(kSecretToken), ""));
}

TEST(NativePasswordTest, RoundTripsThroughGeneratedScramble) {
    const std::string scramble = GenerateScramble();
    const std::string stored = NativePasswordHash("p@ss wörd");
    EXPECT_TRUE(VerifyNativePassword(scramble, ComputeNativeToken(scramble, "p@ss wörd"), stored));
}

TEST(ScrambleTest, HasTwentyBytesWithoutNulOrDollar) {
    for (int i = 0; i < 1000; ++i) {
        const std::string scramble = GenerateScramble();
        ASSERT_EQ(scramble.size(), kScrambleLength);
        for (char c : scramble) {
            ASSERT_NE(c, '\0');
            ASSERT_NE(c, '$');
            ASSERT_LT(static_cast<unsigned char>(c), 0x80);
        }
    }
}

TEST(ScrambleTest, DiffersBetweenCalls) { EXPECT_NE(GenerateScramble(), GenerateScramble()); }

TEST(AuthSwitchTest, BuildsRequestWithPluginAndNulTerminatedData) {
    const std::string payload = BuildAuthSwitchRequest(kNativePasswordPlugin, kScramble);
    EXPECT_EQ(payload,
              FromHex("fe") + std::string("mysql_native_password\0abcdefghijklmnopqrst\0", 43));
}

TEST(AuthSwitchTest, ParsesRequestItBuilt) {
    auto request = ParseAuthSwitchRequest(BuildAuthSwitchRequest(kNativePasswordPlugin, kScramble));
    ASSERT_TRUE(request.ok()) << request.status().ToString();
    EXPECT_EQ(request->plugin, kNativePasswordPlugin);
    EXPECT_EQ(request->data, kScramble);
}

TEST(AuthSwitchTest, RejectsMalformedRequest) {
    EXPECT_FALSE(ParseAuthSwitchRequest("").ok());
    EXPECT_FALSE(ParseAuthSwitchRequest(std::string("\x00mysql\0", 7)).ok());
    EXPECT_FALSE(ParseAuthSwitchRequest("\xfemysql_native_password").ok());
}

}  // namespace
}  // namespace tributary::mysql
