// Helpers shared by the transaction manager's tests (test-only; not part of tributary_txn).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "meta/meta_store.h"
#include "txn/transaction_manager.h"

namespace tributary::testing {

inline constexpr int64_t kDb = 10000;
inline constexpr int64_t kTable = 10001;
inline constexpr int64_t kPartition = 10002;

// The key under which RowsetCommit stores a partition's rowset record of `version`.
inline std::string RowsetKey(int64_t partition_id, int64_t version) {
    return "rowset/" + std::to_string(partition_id) + "/" + std::to_string(version);
}

// A Routine Load begin of table kTable in `db_id`.
inline BeginRequest Request(std::string label, int64_t timeout_seconds = 60, int64_t db_id = kDb) {
    BeginRequest request;
    request.db_id = db_id;
    request.table_id = kTable;
    request.label = std::move(label);
    request.timeout_seconds = timeout_seconds;
    request.source = TransactionSource::kRoutineLoad;
    request.coordinator = "FE: 127.0.0.1";
    return request;
}

// A commit of `partition_id` whose rowset record is "rowset/<partition>/<version>" ->
// "rows of txn <id>".
inline PartitionCommit RowsetCommit(int64_t txn_id, int64_t partition_id = kPartition) {
    PartitionCommit p;
    p.partition_id = partition_id;
    p.add_rowsets = [txn_id, partition_id](int64_t version, MetaWriteBatch* batch) {
        batch->Put(RowsetKey(partition_id, version), "rows of txn " + std::to_string(txn_id));
        return Status::OK();
    };
    return p;
}

// A fixture owning a MetaStore directory and a TransactionManager on it, with a fake clock the
// test moves by hand, a retention of one hour and no maintenance thread.
class TxnFixture : public ::testing::Test {
protected:
    static constexpr int64_t kStartMs = 1'700'000'000'000;
    static constexpr int64_t kKeepSeconds = 3600;

    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = std::filesystem::temp_directory_path() /
               ("txn_test_" + std::to_string(::getpid()) + "_" + info->test_suite_name() + "_" +
                info->name());
        std::filesystem::remove_all(dir_);
        Reopen();
    }

    void TearDown() override {
        txns_.reset();
        store_.reset();
        std::filesystem::remove_all(dir_);
    }

    TransactionManagerOptions Options() {
        TransactionManagerOptions options;
        options.clock_ms = [this] { return now_ms_.load(); };
        options.label_keep_max_second = [] { return kKeepSeconds; };
        options.maintenance_interval_ms = 0;
        return options;
    }

    // Destroys the manager and the store and opens both again from the same directory.
    void Reopen(std::optional<TransactionManagerOptions> options = std::nullopt) {
        txns_.reset();
        store_.reset();
        auto store = MetaStore::Open(dir_.string());
        ASSERT_TRUE(store.ok()) << store.status().ToString();
        store_ = std::move(store).value();
        auto txns = TransactionManager::Open(store_.get(), options ? *options : Options());
        ASSERT_TRUE(txns.ok()) << txns.status().ToString();
        txns_ = std::move(txns).value();
    }

    void AdvanceSeconds(int64_t seconds) { now_ms_ += seconds * 1000; }

    int64_t MustBegin(std::string label, int64_t timeout_seconds = 60, int64_t db_id = kDb) {
        auto result = txns_->Begin(Request(std::move(label), timeout_seconds, db_id));
        EXPECT_TRUE(result.ok()) << result.status().ToString();
        return result.ok() ? result->txn_id : -1;
    }

    // Every key and value in the store, for "exactly this was written" checks.
    std::map<std::string, std::string> DumpStore() {
        std::map<std::string, std::string> out;
        EXPECT_TRUE(store_
                        ->Scan("",
                               [&](std::string_view k, std::string_view v) {
                                   out.emplace(std::string(k), std::string(v));
                                   return true;
                               })
                        .ok());
        return out;
    }

    std::filesystem::path dir_;
    std::atomic<int64_t> now_ms_{kStartMs};
    std::unique_ptr<MetaStore> store_;
    std::unique_ptr<TransactionManager> txns_;
};

}  // namespace tributary::testing
