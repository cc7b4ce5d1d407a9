#include "txn/transaction_manager.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "txn/txn_codec.h"
#include "txn/txn_test_util.h"

namespace tributary {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace tributary::testing;

class TransactionManagerTest : public TxnFixture {};

// --- Begin and labels ----------------------------------------------------------------------

TEST_F(TransactionManagerTest, BeginRecordsAPrepareTransactionDurably) {
    int64_t id = MustBegin("l1", 30);
    auto record = txns_->GetTransaction(id);
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->state, TransactionState::kPrepare);
    EXPECT_EQ(record->label, "l1");
    EXPECT_EQ(record->db_id, kDb);
    EXPECT_EQ(record->table_id, kTable);
    EXPECT_EQ(record->source, TransactionSource::kRoutineLoad);
    EXPECT_EQ(record->coordinator, "FE: 127.0.0.1");
    EXPECT_EQ(record->timeout_seconds, 30);
    EXPECT_EQ(record->prepare_time_ms, kStartMs);
    EXPECT_EQ(record->commit_time_ms, -1);
    auto stored = DumpStore();
    EXPECT_TRUE(stored.contains(TxnRecordKey(kDb, id)));
    EXPECT_EQ(stored.at(std::string(kTxnNextIdKey)), EncodeTxnNextId(id + 1));
    EXPECT_EQ(txns_->RunningTransactionCount(kDb), 1);
}

TEST_F(TransactionManagerTest, BeginHandsOutIncreasingIds) {
    int64_t a = MustBegin("a");
    int64_t b = MustBegin("b");
    EXPECT_GT(a, 0);
    EXPECT_EQ(b, a + 1);
}

TEST_F(TransactionManagerTest, BeginMakesAnInsertLabelWhenNoneIsGiven) {
    auto result = txns_->Begin(Request(""));
    ASSERT_TRUE(result.ok());
    EXPECT_THAT(result->label, ::testing::StartsWith("insert_"));
    auto found = txns_->FindByLabel(kDb, result->label);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->txn_id, result->txn_id);
}

TEST_F(TransactionManagerTest, BeginRejectsMalformedLabel) {
    auto result = txns_->Begin(Request("bad label"));
    EXPECT_EQ(result.status().code(), Status::Code::kInvalidArgument);
    EXPECT_THAT(std::string(result.status().message()), HasSubstr("Label format error"));
    EXPECT_EQ(txns_->RunningTransactionCount(kDb), 0);
}

TEST_F(TransactionManagerTest, BeginRejectsNonPositiveTimeout) {
    auto result = txns_->Begin(Request("l1", 0));
    EXPECT_EQ(result.status().code(), Status::Code::kInvalidArgument);
    EXPECT_THAT(std::string(result.status().message()), HasSubstr("timeout must be positive"));
}

TEST_F(TransactionManagerTest, RefusesLabelOfVisibleTransaction) {
    int64_t id = MustBegin("l1");
    ASSERT_TRUE(txns_->Commit(id, {}).ok());
    auto again = txns_->Begin(Request("l1"));
    EXPECT_EQ(again.status().code(), Status::Code::kAlreadyExists);
    EXPECT_EQ(again.status().error_code(), ErrorCode::kLabelAlreadyExists);
    EXPECT_EQ(again.status().message(),
              "Label [l1] has already been used, relate to txn [" + std::to_string(id) + "]");
}

TEST_F(TransactionManagerTest, RefusesLabelOfRunningTransaction) {
    int64_t id = MustBegin("l1");
    auto again = txns_->Begin(Request("l1"));
    EXPECT_EQ(again.status().error_code(), ErrorCode::kLabelAlreadyExists);
    EXPECT_THAT(std::string(again.status().message()),
                HasSubstr("relate to txn [" + std::to_string(id) + "]"));
}

TEST_F(TransactionManagerTest, AllowsLabelOfAbortedTransaction) {
    int64_t first = MustBegin("l1");
    ASSERT_TRUE(txns_->Abort(first, "user cancelled").ok());
    int64_t second = MustBegin("l1");
    EXPECT_NE(second, first);
    auto found = txns_->FindByLabel(kDb, "l1");
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->txn_id, second);
}

TEST_F(TransactionManagerTest, AllowsLabelAfterRetentionPurge) {
    int64_t first = MustBegin("l1");
    ASSERT_TRUE(txns_->Commit(first, {}).ok());
    AdvanceSeconds(kKeepSeconds - 1);
    ASSERT_EQ(*txns_->PurgeExpiredLabels(), 0);
    EXPECT_EQ(txns_->Begin(Request("l1")).status().error_code(), ErrorCode::kLabelAlreadyExists);
    AdvanceSeconds(1);
    ASSERT_EQ(*txns_->PurgeExpiredLabels(), 1);
    EXPECT_EQ(txns_->GetTransaction(first).status().code(), Status::Code::kNotFound);
    EXPECT_FALSE(DumpStore().contains(TxnRecordKey(kDb, first)));
    MustBegin("l1");
}

TEST_F(TransactionManagerTest, LabelsAreUniquePerDatabaseOnly) {
    MustBegin("l1", 60, kDb);
    MustBegin("l1", 60, kDb + 1);
    EXPECT_EQ(txns_->RunningTransactionCount(kDb), 1);
    EXPECT_EQ(txns_->RunningTransactionCount(kDb + 1), 1);
}

TEST_F(TransactionManagerTest, BeginTakesTheLabelOfATimedOutRunningTransaction) {
    int64_t stale = MustBegin("l1", 10);
    AdvanceSeconds(11);
    MustBegin("l1");
    auto record = txns_->GetTransaction(stale);
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->state, TransactionState::kAborted);
    EXPECT_EQ(record->reason, "timeout by txn manager");
}

TEST_F(TransactionManagerTest, RefusesBeginBeyondTheRunningLimitOfADatabase) {
    TransactionManagerOptions options = Options();
    options.max_running_txn_num_per_db = 2;
    Reopen(options);
    MustBegin("a");
    MustBegin("b");
    auto third = txns_->Begin(Request("c"));
    EXPECT_EQ(third.status().code(), Status::Code::kAborted);
    EXPECT_THAT(std::string(third.status().message()), HasSubstr("larger than limit 2"));
    MustBegin("c", 60, kDb + 1);
}

// --- Commit ----------------------------------------------------------------------------------

TEST_F(TransactionManagerTest, CommitWritesRowsetsVersionsAttachmentAndExtraOpsInOneWrite) {
    int64_t id = MustBegin("l1");
    auto before = DumpStore();
    CommitRequest request;
    request.partitions = {RowsetCommit(id, kPartition), RowsetCommit(id, kPartition + 1)};
    request.attachment = R"({"0": 101, "1": 57})";
    request.add_extra_ops = [](MetaWriteBatch* batch) {
        batch->Put("job/progress/1", "offsets");
        return Status::OK();
    };
    auto versions = txns_->Commit(id, request);
    ASSERT_TRUE(versions.ok()) << versions.status().ToString();
    EXPECT_THAT(*versions,
                ElementsAre(PartitionVersion{kPartition, 2}, PartitionVersion{kPartition + 1, 2}));

    auto after = DumpStore();
    EXPECT_EQ(after.at(RowsetKey(kPartition, 2)), "rows of txn " + std::to_string(id));
    EXPECT_EQ(after.at(RowsetKey(kPartition + 1, 2)), "rows of txn " + std::to_string(id));
    EXPECT_EQ(after.at(PartitionVersionKey(kPartition)), EncodePartitionVersion(2));
    EXPECT_EQ(after.at(PartitionVersionKey(kPartition + 1)), EncodePartitionVersion(2));
    EXPECT_EQ(after.at("job/progress/1"), "offsets");
    auto stored = DecodeTransactionRecord(after.at(TxnRecordKey(kDb, id)));
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->state, TransactionState::kVisible);
    EXPECT_EQ(stored->attachment, request.attachment);
    EXPECT_EQ(stored->versions, *versions);
    EXPECT_EQ(after.size(),
              before.size() + 5);  // 2 rowsets, 2 versions, progress; record rewritten

    auto record = txns_->GetTransaction(id);
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->state, TransactionState::kVisible);
    EXPECT_EQ(record->commit_time_ms, kStartMs);
    EXPECT_EQ(record->finish_time_ms, kStartMs);
    EXPECT_EQ(txns_->VisibleVersion(kPartition), 2);
    EXPECT_EQ(txns_->RunningTransactionCount(kDb), 0);
}

TEST_F(TransactionManagerTest, CommitGivesEachPartitionItsNextVersion) {
    for (int64_t expected = 2; expected <= 4; ++expected) {
        int64_t id = MustBegin("l" + std::to_string(expected));
        auto versions = txns_->Commit(id, {.partitions = {RowsetCommit(id)}});
        ASSERT_TRUE(versions.ok());
        EXPECT_THAT(*versions, ElementsAre(PartitionVersion{kPartition, expected}));
    }
    int64_t other = MustBegin("other");
    auto versions = txns_->Commit(other, {.partitions = {RowsetCommit(other, kPartition + 7)}});
    ASSERT_TRUE(versions.ok());
    EXPECT_THAT(*versions, ElementsAre(PartitionVersion{kPartition + 7, 2}));
    EXPECT_EQ(txns_->VisibleVersion(kPartition), 4);
}

TEST_F(TransactionManagerTest, CommitWithoutPartitionsStoresTheAttachmentOnly) {
    int64_t id = MustBegin("l1");
    auto versions = txns_->Commit(id, {.attachment = "offsets moved"});
    ASSERT_TRUE(versions.ok());
    EXPECT_TRUE(versions->empty());
    EXPECT_EQ(txns_->GetTransaction(id)->attachment, "offsets moved");
    EXPECT_EQ(txns_->VisibleVersion(kPartition), 1);
}

TEST_F(TransactionManagerTest, FailedFenceWritesNothingButTheAbort) {
    int64_t id = MustBegin("l1");
    auto before = DumpStore();
    CommitRequest request;
    request.partitions = {RowsetCommit(id)};
    request.attachment = "offsets";
    request.add_extra_ops = [](MetaWriteBatch* batch) {
        batch->Put("job/progress/1", "offsets");
        return Status::OK();
    };
    request.fence = [] { return Status::Aborted("task 7 is no longer current: job was paused"); };
    auto result = txns_->Commit(id, request);
    EXPECT_EQ(result.status().code(), Status::Code::kAborted);
    EXPECT_EQ(result.status().message(), "task 7 is no longer current: job was paused");

    auto after = DumpStore();
    ASSERT_EQ(after.size(), before.size());
    for (const auto& [key, value] : before) {
        if (key != TxnRecordKey(kDb, id)) {
            EXPECT_EQ(after.at(key), value) << key;
        }
    }
    auto stored = DecodeTransactionRecord(after.at(TxnRecordKey(kDb, id)));
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->state, TransactionState::kAborted);
    EXPECT_EQ(stored->reason, "task 7 is no longer current: job was paused");
    EXPECT_TRUE(stored->attachment.empty());
    EXPECT_EQ(txns_->VisibleVersion(kPartition), 1);
}

TEST_F(TransactionManagerTest, FenceRunsBeforeTheRowsetCallbacks) {
    int64_t id = MustBegin("l1");
    bool rowsets_called = false;
    PartitionCommit p{kPartition, [&](int64_t, MetaWriteBatch*) {
                          rowsets_called = true;
                          return Status::OK();
                      }};
    auto result =
        txns_->Commit(id, {.partitions = {p}, .fence = [] { return Status::Aborted("stale"); }});
    EXPECT_FALSE(result.ok());
    EXPECT_FALSE(rowsets_called);
}

TEST_F(TransactionManagerTest, FailingRowsetCallbackWritesNothingAndLeavesTheTransactionRunning) {
    int64_t id = MustBegin("l1");
    auto before = DumpStore();
    PartitionCommit broken{kPartition + 1, [](int64_t, MetaWriteBatch*) {
                               return Status::IOError("tablet 5: rowset meta missing");
                           }};
    auto result = txns_->Commit(id, {.partitions = {RowsetCommit(id), broken}});
    EXPECT_EQ(result.status().code(), Status::Code::kIOError);
    EXPECT_THAT(std::string(result.status().message()), HasSubstr("rowset meta missing"));
    EXPECT_EQ(DumpStore(), before);
    EXPECT_EQ(txns_->GetTransaction(id)->state, TransactionState::kPrepare);
    EXPECT_EQ(txns_->VisibleVersion(kPartition), 1);
    ASSERT_TRUE(txns_->Commit(id, {.partitions = {RowsetCommit(id)}}).ok());
}

TEST_F(TransactionManagerTest, RefusesCommitListingAPartitionTwice) {
    int64_t id = MustBegin("l1");
    auto result = txns_->Commit(id, {.partitions = {RowsetCommit(id), RowsetCommit(id)}});
    EXPECT_EQ(result.status().code(), Status::Code::kInvalidArgument);
    EXPECT_THAT(std::string(result.status().message()), HasSubstr("twice"));
}

TEST_F(TransactionManagerTest, RefusesCommitOfUnknownTransaction) {
    auto result = txns_->Commit(424242, {});
    EXPECT_EQ(result.status().code(), Status::Code::kNotFound);
    EXPECT_EQ(result.status().message(), "Transaction [424242] not found");
}

TEST_F(TransactionManagerTest, RefusesCommitOfAbortedTransaction) {
    int64_t id = MustBegin("l1");
    ASSERT_TRUE(txns_->Abort(id, "too many filtered rows").ok());
    auto result = txns_->Commit(id, {.partitions = {RowsetCommit(id)}});
    EXPECT_EQ(result.status().code(), Status::Code::kAborted);
    EXPECT_THAT(std::string(result.status().message()),
                HasSubstr("has been aborted: too many filtered rows"));
    EXPECT_EQ(txns_->VisibleVersion(kPartition), 1);
}

TEST_F(TransactionManagerTest, RefusesASecondCommit) {
    int64_t id = MustBegin("l1");
    ASSERT_TRUE(txns_->Commit(id, {.partitions = {RowsetCommit(id)}}).ok());
    auto again = txns_->Commit(id, {.partitions = {RowsetCommit(id)}});
    EXPECT_EQ(again.status().code(), Status::Code::kInvalidArgument);
    EXPECT_THAT(std::string(again.status().message()), HasSubstr("already VISIBLE"));
    EXPECT_EQ(txns_->VisibleVersion(kPartition), 2);
}

TEST_F(TransactionManagerTest, RefusesCommitAfterTimeoutAndAbortsTheTransaction) {
    int64_t id = MustBegin("l1", 10);
    AdvanceSeconds(11);
    auto result = txns_->Commit(id, {.partitions = {RowsetCommit(id)}});
    EXPECT_EQ(result.status().code(), Status::Code::kTimedOut);
    EXPECT_THAT(std::string(result.status().message()), HasSubstr("timed out after 10 seconds"));
    auto record = txns_->GetTransaction(id);
    EXPECT_EQ(record->state, TransactionState::kAborted);
    EXPECT_EQ(record->reason, "timeout by txn manager");
    EXPECT_FALSE(DumpStore().contains(RowsetKey(kPartition, 2)));
}

TEST_F(TransactionManagerTest, CommitAtExactlyTheDeadlineIsAccepted) {
    int64_t id = MustBegin("l1", 10);
    AdvanceSeconds(10);
    EXPECT_TRUE(txns_->Commit(id, {}).ok());
}

// --- Abort -----------------------------------------------------------------------------------

TEST_F(TransactionManagerTest, AbortIsDurableAndIdempotent) {
    int64_t id = MustBegin("l1");
    ASSERT_TRUE(txns_->Abort(id, "cancelled by user").ok());
    ASSERT_TRUE(txns_->Abort(id, "again").ok());
    auto stored = DecodeTransactionRecord(DumpStore().at(TxnRecordKey(kDb, id)));
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->state, TransactionState::kAborted);
    EXPECT_EQ(stored->reason, "cancelled by user");
    EXPECT_EQ(stored->finish_time_ms, kStartMs);
    EXPECT_EQ(txns_->RunningTransactionCount(kDb), 0);
}

TEST_F(TransactionManagerTest, AbortRefusesAVisibleTransaction) {
    int64_t id = MustBegin("l1");
    ASSERT_TRUE(txns_->Commit(id, {}).ok());
    Status st = txns_->Abort(id, "too late");
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
    EXPECT_THAT(std::string(st.message()), HasSubstr("already VISIBLE"));
    EXPECT_EQ(txns_->GetTransaction(id)->state, TransactionState::kVisible);
}

TEST_F(TransactionManagerTest, AbortOfUnknownTransactionIsNotFound) {
    EXPECT_EQ(txns_->Abort(99, "x").code(), Status::Code::kNotFound);
}

// --- Timeouts and retention ------------------------------------------------------------------

TEST_F(TransactionManagerTest, AbortExpiredAbortsOnlyTransactionsPastTheirTimeout) {
    int64_t short_one = MustBegin("short", 10);
    int64_t long_one = MustBegin("long", 100);
    int64_t done = MustBegin("done", 10);
    ASSERT_TRUE(txns_->Commit(done, {}).ok());
    AdvanceSeconds(11);
    auto aborted = txns_->AbortExpired();
    ASSERT_TRUE(aborted.ok());
    EXPECT_EQ(*aborted, 1);
    EXPECT_EQ(txns_->GetTransaction(short_one)->state, TransactionState::kAborted);
    EXPECT_EQ(txns_->GetTransaction(short_one)->reason, "timeout by txn manager");
    EXPECT_EQ(txns_->GetTransaction(long_one)->state, TransactionState::kPrepare);
    EXPECT_EQ(txns_->GetTransaction(done)->state, TransactionState::kVisible);
    EXPECT_EQ(*txns_->AbortExpired(), 0);
}

TEST_F(TransactionManagerTest, PurgeRemovesOnlyFinishedRecordsPastRetention) {
    int64_t old_visible = MustBegin("old_visible");
    ASSERT_TRUE(txns_->Commit(old_visible, {}).ok());
    int64_t old_aborted = MustBegin("old_aborted");
    ASSERT_TRUE(txns_->Abort(old_aborted, "x").ok());
    int64_t running = MustBegin("running", 10 * kKeepSeconds);
    AdvanceSeconds(kKeepSeconds / 2);
    int64_t recent = MustBegin("recent");
    ASSERT_TRUE(txns_->Commit(recent, {}).ok());
    AdvanceSeconds(kKeepSeconds / 2);
    EXPECT_EQ(*txns_->PurgeExpiredLabels(), 2);
    EXPECT_FALSE(txns_->GetTransaction(old_visible).ok());
    EXPECT_FALSE(txns_->GetTransaction(old_aborted).ok());
    EXPECT_TRUE(txns_->GetTransaction(running).ok());
    EXPECT_TRUE(txns_->GetTransaction(recent).ok());
    EXPECT_EQ(txns_->FindByLabel(kDb, "old_visible").status().code(), Status::Code::kNotFound);
}

TEST_F(TransactionManagerTest, PurgeKeepsAtMostLabelKeepMaxNumFinishedPerDatabase) {
    TransactionManagerOptions options = Options();
    options.label_keep_max_num = 2;
    Reopen(options);
    std::vector<int64_t> ids;
    for (int i = 0; i < 4; ++i) {
        ids.push_back(MustBegin("l" + std::to_string(i)));
        ASSERT_TRUE(txns_->Commit(ids.back(), {}).ok());
        AdvanceSeconds(1);
    }
    EXPECT_EQ(*txns_->PurgeExpiredLabels(), 2);
    std::vector<int64_t> kept;
    for (const TransactionRecord& r : txns_->ListTransactions(kDb)) kept.push_back(r.txn_id);
    EXPECT_THAT(kept, ElementsAre(ids[2], ids[3]));
}

// --- Reads -----------------------------------------------------------------------------------

TEST_F(TransactionManagerTest, SnapshotReadsEveryPartitionAtOneInstant) {
    int64_t id = MustBegin("l1");
    ASSERT_TRUE(txns_->Commit(id, {.partitions = {RowsetCommit(id, 1), RowsetCommit(id, 2)}}).ok());
    auto snapshot = txns_->Snapshot({1, 2, 3});
    EXPECT_EQ(snapshot.at(1), 2);
    EXPECT_EQ(snapshot.at(2), 2);
    EXPECT_EQ(snapshot.at(3), 1);  // never committed to: the empty version
}

TEST_F(TransactionManagerTest, DropPartitionForgetsItsVersionDurably) {
    int64_t id = MustBegin("l1");
    ASSERT_TRUE(txns_->Commit(id, {.partitions = {RowsetCommit(id)}}).ok());
    ASSERT_TRUE(txns_->DropPartition(kPartition).ok());
    ASSERT_TRUE(txns_->DropPartition(kPartition).ok());
    EXPECT_EQ(txns_->VisibleVersion(kPartition), 1);
    EXPECT_FALSE(DumpStore().contains(PartitionVersionKey(kPartition)));
}

TEST_F(TransactionManagerTest, ListTransactionsReturnsTheDatabasesTransactionsById) {
    int64_t a = MustBegin("a", 60, kDb);
    MustBegin("b", 60, kDb + 1);
    int64_t c = MustBegin("c", 60, kDb);
    ASSERT_TRUE(txns_->Commit(c, {}).ok());
    auto list = txns_->ListTransactions(kDb);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].txn_id, a);
    EXPECT_EQ(list[0].state, TransactionState::kPrepare);
    EXPECT_EQ(list[1].txn_id, c);
    EXPECT_EQ(list[1].state, TransactionState::kVisible);
}

}  // namespace
}  // namespace tributary
