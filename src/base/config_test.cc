#include "base/config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace tributary {
namespace {

TEST(ConfigTest, MutableItemChangesAtRunTime) {
    auto& reg = ConfigRegistry::Instance();
    ASSERT_TRUE(reg.SetMutable("max_routine_load_task_concurrent_num", "7").ok());
    EXPECT_EQ(config::max_routine_load_task_concurrent_num.Get(), 7);
    ASSERT_TRUE(reg.SetMutable("MAX_ROUTINE_LOAD_TASK_CONCURRENT_NUM", "5").ok());
    EXPECT_EQ(config::max_routine_load_task_concurrent_num.Get(), 5);
}

TEST(ConfigTest, ImmutableUnknownAndInvalidValuesAreRefusedWithReason) {
    auto& reg = ConfigRegistry::Instance();
    Status immutable = reg.SetMutable("query_port", "1");
    EXPECT_NE(immutable.message().find("not mutable"), std::string::npos);
    Status unknown = reg.SetMutable("no_such_item", "1");
    EXPECT_NE(unknown.message().find("does not exist"), std::string::npos);
    Status bad = reg.SetMutable("label_keep_max_second", "abc");
    EXPECT_NE(bad.message().find("not an integer"), std::string::npos);
    Status range = reg.SetMutable("label_keep_max_second", "0");
    EXPECT_NE(range.message().find("between"), std::string::npos);
}

TEST(ConfigTest, ListFiltersWithLikePattern) {
    auto entries = ConfigRegistry::Instance().List("routine_load_task%");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].name, "routine_load_task_consume_second");
    EXPECT_EQ(entries[0].type, "long");
}

TEST(ConfigTest, FileErrorsNameTheLine) {
    std::string path = ::testing::TempDir() + "/cfg_test.conf";
    {
        std::ofstream out(path);
        out << "# comment\nhttp_port = 8031\n\nbogus line\n";
    }
    Status st = ConfigRegistry::Instance().LoadFile(path);
    EXPECT_NE(st.message().find(":4:"), std::string::npos) << st.message();
    EXPECT_EQ(config::http_port.Get(), 8031);
    std::remove(path.c_str());
}

}  // namespace
}  // namespace tributary
