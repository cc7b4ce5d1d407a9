#include "meta/meta_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace tributary {
namespace {

class MetaStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("meta_store_test_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

TEST_F(MetaStoreTest, BatchIsAppliedAtomicallyAndSurvivesReopen) {
    {
        auto store = MetaStore::Open(dir_.string());
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        MetaWriteBatch batch;
        batch.Put("catalog/db/1", "a");
        batch.Put("catalog/db/2", "b");
        batch.Put("user/root", "r");
        ASSERT_TRUE((*store)->Write(batch).ok());
        MetaWriteBatch del;
        del.Delete("catalog/db/1");
        ASSERT_TRUE((*store)->Write(del).ok());
    }
    auto store = MetaStore::Open(dir_.string());
    ASSERT_TRUE(store.ok());
    auto missing = (*store)->Get("catalog/db/1");
    ASSERT_TRUE(missing.ok());
    EXPECT_FALSE(missing->has_value());
    auto present = (*store)->Get("catalog/db/2");
    ASSERT_TRUE(present.ok());
    EXPECT_EQ(present->value(), "b");
}

TEST_F(MetaStoreTest, ScanVisitsOnlyThePrefixInKeyOrder) {
    auto store = MetaStore::Open(dir_.string());
    ASSERT_TRUE(store.ok());
    MetaWriteBatch batch;
    batch.Put("b/2", "y");
    batch.Put("b/1", "x");
    batch.Put("a/1", "-");
    batch.Put("c/1", "-");
    ASSERT_TRUE((*store)->Write(batch).ok());
    std::vector<std::string> seen;
    ASSERT_TRUE((*store)
                    ->Scan("b/",
                           [&](std::string_view k, std::string_view v) {
                               seen.push_back(std::string(k) + "=" + std::string(v));
                               return true;
                           })
                    .ok());
    EXPECT_EQ(seen, (std::vector<std::string>{"b/1=x", "b/2=y"}));
}

}  // namespace
}  // namespace tributary
