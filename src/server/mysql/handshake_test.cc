#include "server/mysql/handshake.h"

#include <gtest/gtest.h>

#include "server/mysql/constants.h"
#include "server/mysql/test_util.h"

namespace tributary::mysql {
namespace {

using testing::FromHex;
using testing::ToHex;

constexpr std::string_view kScramble = "abcdefghijklmnopqrst";
constexpr std::string_view kToken = "88 17 c5 0f a7 79 da ef 01 0e e7 57 78 25 b0 84 7d f9 84 2e";

InitialHandshake SampleHandshake() {
    InitialHandshake hs;
    hs.server_version = "5.1.0";
    hs.connection_id = 7;
    hs.scramble = kScramble;
    hs.capabilities = 0x013FB71F;
    hs.charset = kCharsetUtf8mb4GeneralCi;
    hs.status_flags = kServerStatusAutocommit;
    return hs;
}

// HandshakeResponse41 from the protocol documentation's layout: capabilities PROTOCOL_41,
// SECURE_CONNECTION, CONNECT_WITH_DB, PLUGIN_AUTH, PLUGIN_AUTH_LENENC_CLIENT_DATA, CONNECT_ATTRS,
// LONG_PASSWORD and TRANSACTIONS; user root, database shop, attribute _os=Linux.
std::string GoldenResponse() {
    return FromHex(
               "09 a2 38 00"  // capability flags 0x0038A209
               "00 00 00 01"  // max packet size 16 MiB
               "2d"           // utf8mb4_general_ci
               "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"  // filler
               "72 6f 6f 74 00"                                                        // "root"
               "14") +  // auth response length, then the token
           FromHex(kToken) +
           FromHex(
               "73 68 6f 70 00"                                                     // "shop"
               "6d 79 73 71 6c 5f 6e 61 74 69 76 65 5f 70 61 73 73 77 6f 72 64 00"  // plugin
               "0a 03 5f 6f 73 05 4c 69 6e 75 78");  // attributes: _os=Linux
}

// Offset in GoldenResponse() just past the auth response.
constexpr size_t kGoldenAuthEnd = 4 + 4 + 1 + 23 + 5 + 1 + 20;

TEST(InitialHandshakeTest, MatchesGoldenBytes) {
    const std::string expected = FromHex(
        "0a"                                      // protocol version 10
        "35 2e 31 2e 30 00"                       // "5.1.0"
        "07 00 00 00"                             // connection id
        "61 62 63 64 65 66 67 68"                 // scramble part 1
        "00"                                      // filler
        "1f b7"                                   // capabilities, lower half
        "2d"                                      // utf8mb4_general_ci
        "02 00"                                   // SERVER_STATUS_AUTOCOMMIT
        "3f 01"                                   // capabilities, upper half
        "15"                                      // auth-plugin-data length 21
        "00 00 00 00 00 00 00 00 00 00"           // reserved
        "69 6a 6b 6c 6d 6e 6f 70 71 72 73 74 00"  // scramble part 2 + NUL
        "6d 79 73 71 6c 5f 6e 61 74 69 76 65 5f 70 61 73 73 77 6f 72 64 00");
    EXPECT_EQ(ToHex(BuildInitialHandshake(SampleHandshake())), ToHex(expected));
}

TEST(InitialHandshakeTest, DefaultCapabilitiesDoNotOfferSsl) {
    InitialHandshake hs;
    EXPECT_EQ(hs.capabilities & kClientSsl, 0u);
    EXPECT_NE(hs.capabilities & kClientProtocol41, 0u);
    EXPECT_NE(hs.capabilities & kClientPluginAuth, 0u);
    EXPECT_EQ(hs.auth_plugin_name, kNativePasswordPlugin);
}

TEST(InitialHandshakeTest, RoundTrips) {
    auto parsed = ParseInitialHandshake(BuildInitialHandshake(SampleHandshake()));
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(parsed->server_version, "5.1.0");
    EXPECT_EQ(parsed->connection_id, 7u);
    EXPECT_EQ(parsed->scramble, kScramble);
    EXPECT_EQ(parsed->capabilities, 0x013FB71Fu);
    EXPECT_EQ(parsed->charset, kCharsetUtf8mb4GeneralCi);
    EXPECT_EQ(parsed->status_flags, kServerStatusAutocommit);
    EXPECT_EQ(parsed->auth_plugin_name, kNativePasswordPlugin);
}

TEST(InitialHandshakeTest, RejectsEveryTruncation) {
    const std::string payload = BuildInitialHandshake(SampleHandshake());
    // The plugin name may lack its NUL (some servers omit it), so stop before it starts.
    const size_t plugin_start = payload.size() - kNativePasswordPlugin.size() - 1;
    for (size_t n = 0; n < plugin_start; ++n) {
        EXPECT_FALSE(ParseInitialHandshake(payload.substr(0, n)).ok()) << n;
    }
}

TEST(InitialHandshakeTest, RejectsOtherProtocolVersion) {
    std::string payload = BuildInitialHandshake(SampleHandshake());
    payload[0] = 9;
    auto parsed = ParseInitialHandshake(payload);
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.status().message().find("protocol version"), std::string::npos);
}

TEST(HandshakeResponseTest, ParsesGoldenResponse41) {
    auto r = ParseHandshakeResponse(GoldenResponse());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->capabilities, 0x0038A209u);
    EXPECT_EQ(r->max_packet_size, 16777216u);
    EXPECT_EQ(r->charset, kCharsetUtf8mb4GeneralCi);
    EXPECT_EQ(r->user, "root");
    EXPECT_EQ(ToHex(r->auth_response), kToken);
    EXPECT_EQ(r->database, "shop");
    EXPECT_EQ(r->auth_plugin, kNativePasswordPlugin);
    ASSERT_EQ(r->connect_attrs.size(), 1u);
    EXPECT_EQ(r->connect_attrs[0].first, "_os");
    EXPECT_EQ(r->connect_attrs[0].second, "Linux");
}

// Sent by the mariadb command-line client (libmariadb 3.3.20) for
// `mariadb -uroot -psecret -D shop` to BuildInitialHandshake(SampleHandshake()).
TEST(HandshakeResponseTest, ParsesResponseCapturedFromMariaDbClient) {
    const std::string payload = FromHex(
        "8d a2 bf 00 00 00 10 00 21 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
        "00 00 00 00 00 00 00 00 72 6f 6f 74 00 14 88 17 c5 0f a7 79 da ef 01 0e "
        "e7 57 78 25 b0 84 7d f9 84 2e 73 68 6f 70 00 6d 79 73 71 6c 5f 6e 61 74 "
        "69 76 65 5f 70 61 73 73 77 6f 72 64 00 7e 03 5f 6f 73 05 4c 69 6e 75 78 "
        "0c 5f 63 6c 69 65 6e 74 5f 6e 61 6d 65 0a 6c 69 62 6d 61 72 69 61 64 62 "
        "04 5f 70 69 64 04 38 38 36 38 0f 5f 63 6c 69 65 6e 74 5f 76 65 72 73 69 "
        "6f 6e 06 33 2e 33 2e 32 30 09 5f 70 6c 61 74 66 6f 72 6d 06 78 38 36 5f "
        "36 34 0c 70 72 6f 67 72 61 6d 5f 6e 61 6d 65 05 6d 79 73 71 6c 0c 5f 73 "
        "65 72 76 65 72 5f 68 6f 73 74 09 31 32 37 2e 30 2e 30 2e 31 ");
    auto r = ParseHandshakeResponse(payload);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->capabilities, 0x00BFA28Du);
    EXPECT_EQ(r->max_packet_size, 1u << 20);
    EXPECT_EQ(r->charset, kCharsetUtf8GeneralCi);
    EXPECT_EQ(r->user, "root");
    EXPECT_EQ(ToHex(r->auth_response), kToken);  // the client agrees with our token for "secret"
    EXPECT_EQ(r->database, "shop");
    EXPECT_EQ(r->auth_plugin, kNativePasswordPlugin);
    ASSERT_EQ(r->connect_attrs.size(), 7u);
    EXPECT_EQ(r->connect_attrs[1],
              std::make_pair(std::string("_client_name"), std::string("libmariadb")));
    EXPECT_EQ(r->connect_attrs[5],
              std::make_pair(std::string("program_name"), std::string("mysql")));
}

TEST(HandshakeResponseTest, ParsesOneByteLengthAuthResponse) {
    HandshakeResponse in;
    in.capabilities = kClientProtocol41 | kClientSecureConnection;
    in.user = "bob";
    in.auth_response = FromHex(kToken);
    const std::string payload = BuildHandshakeResponse(in);
    EXPECT_EQ(static_cast<uint8_t>(payload[32 + 4]), 20);  // the length byte after "bob\0"
    auto r = ParseHandshakeResponse(payload);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->user, "bob");
    EXPECT_EQ(r->auth_response, in.auth_response);
    EXPECT_EQ(r->database, "");
    EXPECT_EQ(r->auth_plugin, "");
}

TEST(HandshakeResponseTest, ParsesNulTerminatedAuthResponse) {
    HandshakeResponse in;
    in.capabilities = kClientProtocol41 | kClientConnectWithDb;
    in.user = "bob";
    in.auth_response = "token";
    in.database = "db1";
    auto r = ParseHandshakeResponse(BuildHandshakeResponse(in));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->auth_response, "token");
    EXPECT_EQ(r->database, "db1");
}

TEST(HandshakeResponseTest, RoundTripsEveryField) {
    HandshakeResponse in;
    in.capabilities = kClientProtocol41 | kClientSecureConnection | kClientPluginAuth |
                      kClientPluginAuthLenencClientData | kClientConnectWithDb |
                      kClientConnectAttrs | kClientDeprecateEof;
    in.max_packet_size = 1 << 30;
    in.charset = kCharsetUtf8GeneralCi;
    in.user = "analyst";
    in.auth_response = std::string(300, 'a');  // longer than a 1-byte length allows
    in.database = "warehouse";
    in.auth_plugin = "caching_sha2_password";
    in.connect_attrs = {{"_client_name", "libmariadb"}, {"program_name", "mysql"}, {"", ""}};
    auto r = ParseHandshakeResponse(BuildHandshakeResponse(in));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->capabilities, in.capabilities);
    EXPECT_EQ(r->max_packet_size, in.max_packet_size);
    EXPECT_EQ(r->charset, in.charset);
    EXPECT_EQ(r->user, in.user);
    EXPECT_EQ(r->auth_response, in.auth_response);
    EXPECT_EQ(r->database, in.database);
    EXPECT_EQ(r->auth_plugin, in.auth_plugin);
    EXPECT_EQ(r->connect_attrs, in.connect_attrs);
}

TEST(HandshakeResponseTest, TreatsFlaggedFieldsAsAbsentWhenPacketEnds) {
    auto r = ParseHandshakeResponse(GoldenResponse().substr(0, kGoldenAuthEnd));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->database, "");
    EXPECT_EQ(r->auth_plugin, "");
    EXPECT_TRUE(r->connect_attrs.empty());
}

TEST(HandshakeResponseTest, RejectsTruncationBeforeAuthResponseEnds) {
    const std::string payload = GoldenResponse();
    for (size_t n = 0; n < kGoldenAuthEnd; ++n) {
        auto r = ParseHandshakeResponse(payload.substr(0, n));
        ASSERT_FALSE(r.ok()) << n;
        EXPECT_EQ(r.status().error_code(), ErrorCode::kHandshakeError) << n;
    }
}

TEST(HandshakeResponseTest, RejectsFieldCutShort) {
    const std::string payload = GoldenResponse();
    for (size_t n = kGoldenAuthEnd + 1; n < payload.size(); ++n) {
        // Cuts that end exactly between fields leave the later ones absent; others fail.
        const bool between_fields = n == kGoldenAuthEnd + 5 || n == kGoldenAuthEnd + 5 + 22;
        EXPECT_EQ(ParseHandshakeResponse(payload.substr(0, n)).ok(), between_fields) << n;
    }
}

TEST(HandshakeResponseTest, RejectsUserNameWithoutNul) {
    std::string payload = GoldenResponse().substr(0, 32) + "root";
    auto r = ParseHandshakeResponse(payload);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("user name"), std::string::npos);
}

TEST(HandshakeResponseTest, RejectsAttributeBlockLongerThanPacket) {
    std::string payload = GoldenResponse();
    payload[payload.size() - 11] = 0x0b;  // the block claims one byte more than is left
    auto r = ParseHandshakeResponse(payload);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("connect attributes"), std::string::npos);
}

TEST(HandshakeResponseTest, RejectsAttributePairCutShort) {
    std::string payload = GoldenResponse();
    payload[payload.size() - 11] = 0x09;  // the block now ends inside "Linux"
    payload.pop_back();
    EXPECT_FALSE(ParseHandshakeResponse(payload).ok());
}

TEST(HandshakeResponseTest, DetectsAndRefusesSslRequest) {
    const std::string ssl_request = GoldenResponse().substr(0, 32);
    EXPECT_FALSE(IsSslRequest(ssl_request));  // CLIENT_SSL not set
    std::string with_ssl = ssl_request;
    with_ssl[1] = static_cast<char>(with_ssl[1] | (kClientSsl >> 8));
    EXPECT_TRUE(IsSslRequest(with_ssl));
    auto r = ParseHandshakeResponse(with_ssl);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kNotSupported);
    EXPECT_EQ(r.status().error_code(), ErrorCode::kHandshakeError);
    EXPECT_NE(r.status().message().find("SSL"), std::string::npos);
}

TEST(HandshakeResponseTest, RejectsPre41Client) {
    // HandshakeResponse320: capabilities int<2> without CLIENT_PROTOCOL_41, max packet int<3>,
    // user, auth response.
    const std::string old = FromHex("05 a0 00 00 01 72 6f 6f 74 00 61 62 63 00");
    auto r = ParseHandshakeResponse(old);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kNotSupported);
    EXPECT_NE(r.status().message().find("4.1"), std::string::npos);
}

}  // namespace
}  // namespace tributary::mysql
