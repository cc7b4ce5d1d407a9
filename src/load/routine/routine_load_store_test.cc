// Specification of the job store: jobs and the id counter survive reopening the MetaStore, ids
// are never reused after a purge, and a damaged record is Corruption naming its key.
#include "load/routine/routine_load_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace tributary {
namespace {

namespace fs = std::filesystem;

class RoutineLoadStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("routine_load_store_test_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        Reopen();
    }
    void TearDown() override {
        store_.reset();
        fs::remove_all(dir_);
    }
    void Reopen() {
        store_.reset();
        store_ = MetaStore::Open(dir_.string()).value();
    }

    static RoutineLoadJob Job(int64_t id, std::string name) {
        RoutineLoadJob job;
        job.id = id;
        job.name = std::move(name);
        job.progress = {{0, id * 10}};
        return job;
    }

    fs::path dir_;
    std::unique_ptr<MetaStore> store_;
};

TEST_F(RoutineLoadStoreTest, EmptyStoreStartsAtIdOne) {
    auto stored = RoutineLoadStore::Load(*store_);
    ASSERT_TRUE(stored.ok());
    EXPECT_TRUE(stored->jobs.empty());
    EXPECT_EQ(stored->next_id, 1);
}

TEST_F(RoutineLoadStoreTest, JobsSurviveReopeningInIdOrder) {
    MetaWriteBatch batch;
    RoutineLoadStore::Put(Job(12, "b"), &batch);
    RoutineLoadStore::Put(Job(3, "a"), &batch);
    RoutineLoadStore::PutNextId(13, &batch);
    ASSERT_TRUE(store_->Write(batch).ok());
    Reopen();
    auto stored = RoutineLoadStore::Load(*store_);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    ASSERT_EQ(stored->jobs.size(), 2u);
    EXPECT_EQ(stored->jobs[0], Job(3, "a"));
    EXPECT_EQ(stored->jobs[1], Job(12, "b"));
    EXPECT_EQ(stored->next_id, 13);
}

TEST_F(RoutineLoadStoreTest, IdsAreNotReusedAfterAPurge) {
    MetaWriteBatch create;
    RoutineLoadStore::Put(Job(7, "old"), &create);
    RoutineLoadStore::PutNextId(8, &create);
    ASSERT_TRUE(store_->Write(create).ok());
    MetaWriteBatch purge;
    RoutineLoadStore::Delete(7, &purge);
    ASSERT_TRUE(store_->Write(purge).ok());
    auto stored = RoutineLoadStore::Load(*store_);
    ASSERT_TRUE(stored.ok());
    EXPECT_TRUE(stored->jobs.empty());
    EXPECT_EQ(stored->next_id, 8);
}

TEST_F(RoutineLoadStoreTest, ADamagedRecordIsCorruptionNamingItsKey) {
    MetaWriteBatch batch;
    batch.Put(RoutineLoadStore::JobKey(5), "{oops");
    ASSERT_TRUE(store_->Write(batch).ok());
    const Status st = RoutineLoadStore::Load(*store_).status();
    EXPECT_EQ(st.code(), Status::Code::kCorruption);
    EXPECT_NE(st.message().find("routine_load/job/00000000000000000005"), std::string::npos)
        << st.message();
}

}  // namespace
}  // namespace tributary
