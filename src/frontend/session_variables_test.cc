#include "frontend/session_variables.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

TEST(SessionVariablesTest, DriversFindTheVariablesTheyReadOnConnect) {
    SessionVariables vars;
    for (const char* name :
         {"auto_increment_increment", "character_set_client", "character_set_connection",
          "character_set_results", "character_set_server", "collation_server",
          "collation_connection", "init_connect", "interactive_timeout", "license",
          "lower_case_table_names", "max_allowed_packet", "net_write_timeout",
          "performance_schema", "query_cache_size", "query_cache_type", "sql_mode",
          "system_time_zone", "time_zone", "transaction_isolation", "tx_isolation",
          "wait_timeout", "version", "version_comment", "autocommit"}) {
        EXPECT_TRUE(vars.Get(name).ok()) << name;
    }
}

TEST(SessionVariablesTest, BooleansShowAsOnOffAndSelectAsNumbers) {
    SessionVariables vars;
    ASSERT_TRUE(vars.Set("autocommit", "0", true, false, false).ok());
    auto v = vars.Get("AUTOCOMMIT");
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->ShowText(), "OFF");
    EXPECT_EQ(v->SelectText(), "0");
    EXPECT_TRUE(vars.Set("autocommit", "ON", false, false, false).ok());
    EXPECT_EQ(vars.Get("autocommit")->SelectText(), "1");
}

TEST(SessionVariablesTest, UnknownVariableIsError1193) {
    SessionVariables vars;
    Status st = vars.Set("no_such_var", "1", true, false, false);
    EXPECT_EQ(st.error_code(), ErrorCode::kUnknownSystemVariable);
    EXPECT_EQ(st.message(), "Unknown system variable 'no_such_var'");
    EXPECT_EQ(vars.Get("nope").status().error_code(), ErrorCode::kUnknownSystemVariable);
}

TEST(SessionVariablesTest, WrongValueIsError1231) {
    SessionVariables vars;
    Status st = vars.Set("autocommit", "maybe", false, false, false);
    EXPECT_EQ(st.error_code(), ErrorCode::kWrongValueForVar);
    st = vars.Set("wait_timeout", "soon", false, false, false);
    EXPECT_EQ(st.error_code(), ErrorCode::kWrongValueForVar);
}

TEST(SessionVariablesTest, CharacterSetResultsAcceptsNullAsConnectorJSends) {
    SessionVariables vars;
    ASSERT_TRUE(vars.Set("character_set_results", "", false, true, false).ok());
    EXPECT_EQ(vars.Get("character_set_results")->SelectText(), std::nullopt);
    ASSERT_TRUE(vars.Set("character_set_results", "", false, false, true).ok());
    EXPECT_EQ(vars.Get("character_set_results")->SelectText(), "utf8mb4");
}

TEST(SessionVariablesTest, SetGlobalChangesLaterSessionsOnly) {
    SessionVariables before;
    ASSERT_TRUE(SessionVariables::SetGlobal("wait_timeout", "100", true, false, false).ok());
    SessionVariables after;
    EXPECT_EQ(before.Get("wait_timeout")->number, 28800);
    EXPECT_EQ(after.Get("wait_timeout")->number, 100);
    ASSERT_TRUE(SessionVariables::SetGlobal("wait_timeout", "", false, false, true).ok());
}

}  // namespace
}  // namespace tributary
