// Specification of one Routine Load task against a real Kafka-protocol cluster (librdkafka's
// mock, in process), real storage and the real transaction manager: messages become rows, and
// the rows and the job's progress commit in one write - or neither does (a fenced-off task, too
// many filtered rows). Also: no new data begins nothing, logical offsets resolve against the
// partition's watermarks, an offset past the end is refused.
#include "load/routine/routine_load_task.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "load/routine/mock_kafka_test_util.h"
#include "meta/meta_store.h"
#include "storage/storage_engine.h"
#include "txn/transaction_manager.h"

namespace tributary {
namespace {

namespace fs = std::filesystem;

constexpr char kProgressKey[] = "test/progress";

class RoutineLoadTaskTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("routine_load_task_test_" + std::to_string(::getpid()) + "_" + info->name());
        fs::remove_all(dir_);
        store_ = MetaStore::Open((dir_ / "meta").string()).value();
        TransactionManagerOptions txn_options;
        txn_options.maintenance_interval_ms = 0;
        txns_ = TransactionManager::Open(store_.get(), txn_options).value();
        engine_ = StorageEngine::Open(dir_.string(), store_.get(), {}).value();
        kafka_.CreateTopic("orders", 2);

        // orders(id BIGINT NOT NULL, name VARCHAR(16)), DUPLICATE KEY(id), one partition.
        auto table = std::make_shared<TableInfo>();
        table->id = 10;
        table->db_id = 1;
        table->name = "orders";
        ColumnInfo id;
        id.name = "id";
        id.type = TypeDesc::Of(LogicalType::kBigInt);
        id.nullable = false;
        id.is_key = true;
        ColumnInfo name;
        name.name = "name";
        name.type = TypeDesc::Varchar(16);
        table->columns = {id, name};
        PartitionInfo p;
        p.id = 11;
        p.name = "orders";
        p.bucket_count = 1;
        p.tablet_ids = {12};
        table->partitions.push_back(p);
        table->distribution.kind = DistributionInfo::Kind::kHash;
        table->distribution.columns = {"id"};
        table->distribution.buckets = 1;
        table_ = table;

        job_.id = 7;
        job_.name = "orders_job";
        job_.column_separator = ",";
        properties_.max_batch_interval_s = 5;
    }

    void TearDown() override {
        engine_.reset();
        txns_.reset();
        store_.reset();
        fs::remove_all(dir_);
    }

    RoutineLoadTaskOutcome Run(std::map<int32_t, int64_t> start, bool fence_ok = true) {
        auto consumer = KafkaConsumer::Open(KafkaEndpoint{kafka_.bootstraps(), "orders", {}});
        EXPECT_TRUE(consumer.ok()) << consumer.status().ToString();
        RoutineLoadTaskInput input;
        input.job = &job_;
        input.properties = properties_;
        input.properties.time_zone = "UTC";
        input.table = table_;
        input.task_id = "task-" + std::to_string(++task_serial_);
        input.start_offsets = std::move(start);
        input.limits.max_millis = 10000;
        input.error_log_host = "127.0.0.1:8030";
        RoutineLoadTaskHooks hooks;
        hooks.fence = [fence_ok] {
            return fence_ok ? Status::OK() : Status::Aborted("task has been aborted");
        };
        hooks.add_progress = [](const RoutineLoadTaskOutcome& outcome, MetaWriteBatch* batch) {
            std::string progress;
            for (const auto& [p, next] : outcome.partitions) {
                progress += std::to_string(p) + ":" + std::to_string(next.next_offset) + " ";
            }
            batch->Put(kProgressKey, progress);
            return Status::OK();
        };
        return RunRoutineLoadTask(input, LoadServices{engine_.get(), txns_.get(), nullptr},
                                  consumer->get(), hooks);
    }

    std::optional<std::string> StoredProgress() {
        auto value = store_->Get(kProgressKey);
        if (!value.ok()) return std::nullopt;
        return *value;
    }

    TransactionState TxnState(int64_t txn_id) { return txns_->GetTransaction(txn_id)->state; }

    fs::path dir_;
    std::unique_ptr<MetaStore> store_;
    std::unique_ptr<TransactionManager> txns_;
    std::unique_ptr<StorageEngine> engine_;
    MockKafka kafka_;
    std::shared_ptr<const TableInfo> table_;
    RoutineLoadJob job_;
    RoutineLoadJobProperties properties_;
    int task_serial_ = 0;
};

TEST_F(RoutineLoadTaskTest, CsvMessagesCommitWithTheProgressInTheSameWrite) {
    kafka_.Produce("orders", 0, "1,ann");
    kafka_.Produce("orders", 0, "2,bob\n3,cid\n");  // a message may hold several rows
    kafka_.Produce("orders", 1, "4,dan");
    kafka_.Flush();

    RoutineLoadTaskOutcome outcome = Run({{0, kKafkaOffsetBeginning}, {1, 0}});

    ASSERT_EQ(outcome.end, RoutineLoadTaskEnd::kCommitted) << outcome.status.ToString();
    EXPECT_EQ(outcome.label, "orders_job-7-task-1");
    EXPECT_EQ(outcome.counters.total_rows, 4u);
    EXPECT_EQ(outcome.counters.loaded_rows(), 4u);
    EXPECT_EQ(outcome.partitions.at(0).next_offset, 2);
    EXPECT_EQ(outcome.partitions.at(1).next_offset, 1);
    EXPECT_TRUE(outcome.caught_up);
    EXPECT_EQ(outcome.latest_offsets.at(0), 2);
    EXPECT_TRUE(outcome.stalled_partitions.empty());
    EXPECT_EQ(TxnState(outcome.txn_id), TransactionState::kVisible);
    EXPECT_EQ(StoredProgress(), "0:2 1:1 ");
    EXPECT_EQ(txns_->VisibleVersion(11), 2);
}

TEST_F(RoutineLoadTaskTest, AFencedOffTaskCommitsNeitherRowsNorProgress) {
    kafka_.Produce("orders", 0, "1,ann");
    kafka_.Flush();

    RoutineLoadTaskOutcome outcome = Run({{0, 0}}, /*fence_ok=*/false);

    EXPECT_EQ(outcome.end, RoutineLoadTaskEnd::kAborted);
    EXPECT_EQ(outcome.status.code(), Status::Code::kAborted);
    EXPECT_EQ(TxnState(outcome.txn_id), TransactionState::kAborted);
    EXPECT_EQ(StoredProgress(), std::nullopt);
    EXPECT_EQ(txns_->VisibleVersion(11), 1);
}

TEST_F(RoutineLoadTaskTest, NoNewDataBeginsNothingAndResolvesLogicalOffsets) {
    kafka_.Produce("orders", 0, "1,ann");
    kafka_.Flush();

    RoutineLoadTaskOutcome outcome = Run({{0, kKafkaOffsetEnd}, {1, kKafkaOffsetBeginning}});

    EXPECT_EQ(outcome.end, RoutineLoadTaskEnd::kNoData);
    EXPECT_EQ(outcome.txn_id, -1);
    EXPECT_TRUE(outcome.caught_up);
    // OFFSET_END is where the partition ended when the task looked; the job pins it there.
    EXPECT_EQ(outcome.partitions.at(0).next_offset, 1);
    EXPECT_EQ(outcome.partitions.at(1).next_offset, 0);
    EXPECT_TRUE(txns_->ListTransactions(1).empty());
}

TEST_F(RoutineLoadTaskTest, TooManyFilteredRowsAbortsTheBatch) {
    kafka_.Produce("orders", 0, "1,ann");
    kafka_.Produce("orders", 0, "x,bad");  // id is a BIGINT NOT NULL
    kafka_.Flush();
    properties_.max_filter_ratio = 0.1;

    RoutineLoadTaskOutcome outcome = Run({{0, 0}});

    EXPECT_EQ(outcome.end, RoutineLoadTaskEnd::kAborted);
    EXPECT_NE(outcome.status.message().find("too many filtered rows"), std::string::npos)
        << outcome.status.ToString();
    EXPECT_EQ(outcome.txn_id, -1);  // decided before any transaction began
    EXPECT_EQ(StoredProgress(), std::nullopt);
    EXPECT_EQ(txns_->VisibleVersion(11), 1);
}

TEST_F(RoutineLoadTaskTest, ErrorRowsWithinTheRatioCommitTheRestAndAreCounted) {
    kafka_.Produce("orders", 0, "1,ann");
    kafka_.Produce("orders", 0, "x,bad");
    kafka_.Flush();

    RoutineLoadTaskOutcome outcome = Run({{0, 0}});

    ASSERT_EQ(outcome.end, RoutineLoadTaskEnd::kCommitted) << outcome.status.ToString();
    EXPECT_EQ(outcome.counters.total_rows, 2u);
    EXPECT_EQ(outcome.counters.filtered_rows, 1u);
    EXPECT_NE(outcome.first_error.find("id"), std::string::npos) << outcome.first_error;
}

TEST_F(RoutineLoadTaskTest, JsonMessagesAreDocumentsOrArraysWithStripOuterArray) {
    properties_.format = "json";
    properties_.strip_outer_array = true;
    kafka_.Produce("orders", 0, R"([{"id": 1, "name": "ann"}, {"id": 2, "name": "bob"}])");
    kafka_.Produce("orders", 0, R"([{"id": 3, "name": "cid"}])");
    kafka_.Produce("orders", 0, R"({"id": oops})");
    kafka_.Flush();

    RoutineLoadTaskOutcome outcome = Run({{0, 0}});

    ASSERT_EQ(outcome.end, RoutineLoadTaskEnd::kCommitted) << outcome.status.ToString();
    EXPECT_EQ(outcome.counters.loaded_rows(), 3u);
    EXPECT_EQ(outcome.counters.filtered_rows, 1u);
    EXPECT_EQ(outcome.partitions.at(0).next_offset, 3);
}

TEST_F(RoutineLoadTaskTest, AStartOffsetPastTheEndIsRefusedWithThePartitionsEnd) {
    kafka_.Produce("orders", 0, "1,ann");
    kafka_.Flush();

    RoutineLoadTaskOutcome outcome = Run({{0, 1000}});

    EXPECT_EQ(outcome.end, RoutineLoadTaskEnd::kFailed);
    EXPECT_EQ(outcome.status.code(), Status::Code::kOutOfRange);
    EXPECT_NE(outcome.status.message().find(
                  "Consume offset: 1000 is greater than the latest offset: 1 in kafka partition: 0"),
              std::string::npos)
        << outcome.status.ToString();
    EXPECT_EQ(outcome.txn_id, -1);
}

}  // namespace
}  // namespace tributary
