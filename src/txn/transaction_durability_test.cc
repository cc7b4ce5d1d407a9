// Restart, crash and concurrency behaviour of the transaction manager.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <set>
#include <thread>

#include "txn/transaction_manager.h"
#include "txn/txn_codec.h"
#include "txn/txn_test_util.h"

namespace tributary {
namespace {

using ::testing::ElementsAre;
using namespace tributary::testing;

class TransactionDurabilityTest : public TxnFixture {};

TEST_F(TransactionDurabilityTest, RestartAbortsTransactionsThatWereStillRunning) {
    int64_t running = MustBegin("running");
    Reopen();
    auto record = txns_->GetTransaction(running);
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->state, TransactionState::kAborted);
    EXPECT_EQ(record->reason, "aborted at restart: the writer did not finish");
    EXPECT_EQ(txns_->RunningTransactionCount(kDb), 0);
    // Durably: the stored record says so too, and the label is free again.
    auto stored = DecodeTransactionRecord(DumpStore().at(TxnRecordKey(kDb, running)));
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->state, TransactionState::kAborted);
    MustBegin("running");
}

TEST_F(TransactionDurabilityTest, RestartKeepsVisibleTransactionsWithAttachmentAndVersions) {
    int64_t first = MustBegin("first");
    ASSERT_TRUE(txns_->Commit(first, {.partitions = {RowsetCommit(first)}}).ok());
    int64_t second = MustBegin("second");
    auto versions = txns_->Commit(
        second, {.partitions = {RowsetCommit(second), RowsetCommit(second, kPartition + 1)},
                 .attachment = R"({"0": 100})"});
    ASSERT_TRUE(versions.ok());
    Reopen();
    auto record = txns_->GetTransaction(second);
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->state, TransactionState::kVisible);
    EXPECT_EQ(record->attachment, R"({"0": 100})");
    EXPECT_THAT(record->versions,
                ElementsAre(PartitionVersion{kPartition, 3}, PartitionVersion{kPartition + 1, 2}));
    EXPECT_EQ(txns_->VisibleVersion(kPartition), 3);
    EXPECT_EQ(txns_->VisibleVersion(kPartition + 1), 2);
    EXPECT_EQ(txns_->Begin(Request("second")).status().error_code(),
              ErrorCode::kLabelAlreadyExists);
    int64_t third = MustBegin("third");
    auto next = txns_->Commit(third, {.partitions = {RowsetCommit(third)}});
    ASSERT_TRUE(next.ok());
    EXPECT_THAT(*next, ElementsAre(PartitionVersion{kPartition, 4}));
}

TEST_F(TransactionDurabilityTest, TransactionIdsAreNeverReusedAfterRestartOrPurge) {
    int64_t first = MustBegin("a");
    ASSERT_TRUE(txns_->Commit(first, {}).ok());
    AdvanceSeconds(kKeepSeconds);
    ASSERT_EQ(*txns_->PurgeExpiredLabels(), 1);
    Reopen();
    EXPECT_GT(MustBegin("b"), first);
}

TEST_F(TransactionDurabilityTest, ReopenFailsOnACorruptRecord) {
    MetaWriteBatch batch;
    batch.Put(TxnRecordKey(kDb, 5), "{not json");
    ASSERT_TRUE(store_->Write(batch).ok());
    txns_.reset();
    auto reopened = TransactionManager::Open(store_.get(), Options());
    EXPECT_EQ(reopened.status().code(), Status::Code::kCorruption);
    EXPECT_THAT(std::string(reopened.status().message()),
                ::testing::HasSubstr(TxnRecordKey(kDb, 5)));
}

TEST_F(TransactionDurabilityTest, ConcurrentCommitsToOnePartitionGetEachVersionExactlyOnce) {
    constexpr int kThreads = 8;
    constexpr int kCommitsPerThread = 5;
    std::vector<std::vector<int64_t>> seen(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kCommitsPerThread; ++i) {
                auto begun = txns_->Begin(Request(""));
                if (!begun.ok()) continue;
                auto versions =
                    txns_->Commit(begun->txn_id, {.partitions = {RowsetCommit(begun->txn_id)}});
                if (versions.ok()) seen[t].push_back(versions->at(0).version);
            }
        });
    }
    for (std::thread& t : threads) t.join();

    std::multiset<int64_t> versions;
    for (const auto& list : seen) versions.insert(list.begin(), list.end());
    constexpr int64_t kTotal = kThreads * kCommitsPerThread;
    ASSERT_EQ(versions.size(), static_cast<size_t>(kTotal));
    int64_t expected = 2;
    for (int64_t v : versions) EXPECT_EQ(v, expected++);
    EXPECT_EQ(txns_->VisibleVersion(kPartition), kTotal + 1);
    // Every version's rowset record was written, by the transaction the record says.
    auto stored = DumpStore();
    for (int64_t v = 2; v <= kTotal + 1; ++v) {
        EXPECT_TRUE(stored.contains(RowsetKey(kPartition, v))) << v;
    }
    for (const TransactionRecord& r : txns_->ListTransactions(kDb)) {
        ASSERT_EQ(r.versions.size(), 1u);
        EXPECT_EQ(stored.at(RowsetKey(kPartition, r.versions[0].version)),
                  "rows of txn " + std::to_string(r.txn_id));
    }
}

TEST_F(TransactionDurabilityTest, MaintenanceThreadAbortsExpiredTransactions) {
    TransactionManagerOptions options = Options();
    options.maintenance_interval_ms = 5;
    Reopen(options);
    int64_t id = MustBegin("l1", 10);
    AdvanceSeconds(11);
    // Bounded wait for the thread's next round (real time; the decision uses the fake clock).
    for (int i = 0; i < 400 && txns_->GetTransaction(id)->state == TransactionState::kPrepare;
         ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(txns_->GetTransaction(id)->state, TransactionState::kAborted);
    EXPECT_EQ(txns_->GetTransaction(id)->reason, "timeout by txn manager");
}

// An acknowledged commit survives the process being killed: a child process begins and commits
// and SIGKILLs itself the moment Commit returns; the parent then opens the same directory.
TEST(TransactionCrashTest, AcknowledgedCommitSurvivesKill9) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    // A fixed name: under the "threadsafe" style the child re-runs this test from the start in a
    // new process, so a name with the pid in it would differ between parent and child.
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "txn_test_crash_kill9";
    std::filesystem::remove_all(dir);
    EXPECT_EXIT(
        {
            auto store = MetaStore::Open(dir.string());
            if (!store.ok()) std::_Exit(1);
            auto txns = TransactionManager::Open(store->get());
            if (!txns.ok()) std::_Exit(2);
            auto begun = (*txns)->Begin(Request("kafka-task-1"));
            if (!begun.ok()) std::_Exit(3);
            auto versions = (*txns)->Commit(
                begun->txn_id,
                {.partitions = {RowsetCommit(begun->txn_id)}, .attachment = R"({"0": 4242})"});
            if (!versions.ok()) std::_Exit(4);
            std::raise(SIGKILL);
        },
        ::testing::KilledBySignal(SIGKILL), "");
    {
        auto store = MetaStore::Open(dir.string());
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        auto txns = TransactionManager::Open(store->get());
        ASSERT_TRUE(txns.ok()) << txns.status().ToString();
        auto record = (*txns)->FindByLabel(kDb, "kafka-task-1");
        ASSERT_TRUE(record.ok()) << record.status().ToString();
        EXPECT_EQ(record->state, TransactionState::kVisible);
        EXPECT_EQ(record->attachment, R"({"0": 4242})");
        EXPECT_EQ((*txns)->VisibleVersion(kPartition), 2);
        auto rowset = (*store)->Get(RowsetKey(kPartition, 2));
        ASSERT_TRUE(rowset.ok());
        EXPECT_TRUE(rowset->has_value());
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tributary
