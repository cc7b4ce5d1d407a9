#include "server/mysql/command.h"

#include <gtest/gtest.h>

#include "server/mysql/test_util.h"

namespace tributary::mysql {
namespace {

using testing::FromHex;

TEST(CommandTest, ParsesQueryText) {
    auto c = ParseCommand("\x03select 1");
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ(c->type, CommandType::kQuery);
    EXPECT_EQ(c->text, "select 1");
}

TEST(CommandTest, KeepsQueryBytesVerbatimIncludingNul) {
    const std::string sql("select '\0'", 10);
    auto c = ParseCommand("\x03" + sql);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->text, sql);
}

TEST(CommandTest, ParsesEmptyQuery) {
    auto c = ParseCommand("\x03");
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->text, "");
}

TEST(CommandTest, ParsesInitDbSchema) {
    auto c = ParseCommand("\x02shop");
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->type, CommandType::kInitDb);
    EXPECT_EQ(c->text, "shop");
}

TEST(CommandTest, ParsesFieldListTableAndWildcard) {
    auto c = ParseCommand(std::string("\x04orders\0id%", 11));
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ(c->type, CommandType::kFieldList);
    EXPECT_EQ(c->text, "orders");
    EXPECT_EQ(c->wildcard, "id%");
}

TEST(CommandTest, RejectsFieldListWithoutNul) {
    auto c = ParseCommand("\x04orders");
    ASSERT_FALSE(c.ok());
    EXPECT_NE(c.status().message().find("COM_FIELD_LIST table"), std::string::npos);
}

TEST(CommandTest, ParsesCommandsWithoutArguments) {
    for (auto type : {CommandType::kPing, CommandType::kQuit, CommandType::kStatistics,
                      CommandType::kResetConnection}) {
        auto c = ParseCommand(std::string(1, static_cast<char>(type)));
        ASSERT_TRUE(c.ok()) << CommandName(type);
        EXPECT_EQ(c->type, type);
    }
}

TEST(CommandTest, ParsesNumericArguments) {
    auto kill = ParseCommand(FromHex("0c 2a 00 00 00"));
    ASSERT_TRUE(kill.ok());
    EXPECT_EQ(kill->type, CommandType::kProcessKill);
    EXPECT_EQ(kill->id, 42u);
    auto option = ParseCommand(FromHex("1b 01 00"));
    ASSERT_TRUE(option.ok());
    EXPECT_EQ(option->option, kMySqlOptionMultiStatementsOff);
    auto close = ParseCommand(FromHex("19 07 00 00 00"));
    ASSERT_TRUE(close.ok());
    EXPECT_EQ(close->id, 7u);
}

TEST(CommandTest, RejectsTruncatedNumericArguments) {
    EXPECT_FALSE(ParseCommand(FromHex("0c 2a 00 00")).ok());
    EXPECT_FALSE(ParseCommand(FromHex("1b 01")).ok());
    EXPECT_FALSE(ParseCommand(FromHex("19")).ok());
}

TEST(CommandTest, RejectsEmptyPacket) {
    auto c = ParseCommand("");
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), Status::Code::kInvalidArgument);
}

TEST(CommandTest, IdentifiesUnknownCommandForErUnknownComError) {
    for (uint8_t byte : {uint8_t{0x20}, uint8_t{0x7f}, uint8_t{0xff}}) {
        auto c = ParseCommand(std::string(1, static_cast<char>(byte)) + "junk");
        ASSERT_FALSE(c.ok());
        EXPECT_EQ(c.status().code(), Status::Code::kNotSupported);
        EXPECT_EQ(c.status().error_code(), ErrorCode::kUnknownCommand);
    }
}

TEST(CommandTest, NamesCommandsForLogs) {
    EXPECT_EQ(CommandName(CommandType::kQuery), "COM_QUERY");
    EXPECT_EQ(CommandName(CommandType::kResetConnection), "COM_RESET_CONNECTION");
    EXPECT_EQ(CommandName(static_cast<CommandType>(0x99)), "COM_UNKNOWN");
}

TEST(CommandTest, BuiltCommandsParseBack) {
    Command field_list;
    field_list.type = CommandType::kFieldList;
    field_list.text = "t";
    field_list.wildcard = "%";
    Command kill;
    kill.type = CommandType::kProcessKill;
    kill.id = 0xDEADBEEF;
    Command query;
    query.type = CommandType::kQuery;
    query.text = "show databases";
    for (const Command& in : {field_list, kill, query}) {
        auto out = ParseCommand(BuildCommand(in));
        ASSERT_TRUE(out.ok()) << CommandName(in.type);
        EXPECT_EQ(out->type, in.type);
        EXPECT_EQ(out->text, in.text);
        EXPECT_EQ(out->wildcard, in.wildcard);
        EXPECT_EQ(out->id, in.id);
    }
}

}  // namespace
}  // namespace tributary::mysql
