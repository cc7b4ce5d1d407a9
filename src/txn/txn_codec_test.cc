#include "txn/txn_codec.h"

#include <gtest/gtest.h>

namespace tributary {
namespace {

TransactionRecord SampleRecord() {
    TransactionRecord r;
    r.txn_id = 1004;
    r.db_id = 10000;
    r.table_id = 10001;
    r.label = "job-1";
    r.source = TransactionSource::kStreamLoad;
    r.coordinator = "FE: 127.0.0.1";
    r.state = TransactionState::kVisible;
    r.timeout_seconds = 60;
    r.prepare_time_ms = 1;
    r.commit_time_ms = 2;
    r.finish_time_ms = 3;
    r.versions = {{10002, 3}, {10005, 9}};
    r.attachment = R"({"progress": {"0": 42}})";
    return r;
}

void ExpectSameRecord(const TransactionRecord& a, const TransactionRecord& b) {
    EXPECT_EQ(a.txn_id, b.txn_id);
    EXPECT_EQ(a.db_id, b.db_id);
    EXPECT_EQ(a.table_id, b.table_id);
    EXPECT_EQ(a.label, b.label);
    EXPECT_EQ(a.source, b.source);
    EXPECT_EQ(a.coordinator, b.coordinator);
    EXPECT_EQ(a.state, b.state);
    EXPECT_EQ(a.reason, b.reason);
    EXPECT_EQ(a.timeout_seconds, b.timeout_seconds);
    EXPECT_EQ(a.prepare_time_ms, b.prepare_time_ms);
    EXPECT_EQ(a.commit_time_ms, b.commit_time_ms);
    EXPECT_EQ(a.finish_time_ms, b.finish_time_ms);
    EXPECT_EQ(a.versions, b.versions);
    EXPECT_EQ(a.attachment, b.attachment);
}

TEST(TxnCodecTest, RecordRoundTripsWithTextAttachmentStoredReadably) {
    TransactionRecord r = SampleRecord();
    std::string encoded = EncodeTransactionRecord(r);
    EXPECT_NE(encoded.find(R"("attachment":"{\"progress\")"), std::string::npos) << encoded;
    auto decoded = DecodeTransactionRecord(encoded);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    ExpectSameRecord(*decoded, r);
}

TEST(TxnCodecTest, BinaryAttachmentRoundTripsExactlyAsHex) {
    TransactionRecord r = SampleRecord();
    r.attachment = std::string("\x00\xff\xc3(\x01", 5);
    std::string encoded = EncodeTransactionRecord(r);
    EXPECT_NE(encoded.find(R"("attachment_hex":"00ffc32801")"), std::string::npos) << encoded;
    auto decoded = DecodeTransactionRecord(encoded);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(decoded->attachment, r.attachment);
}

TEST(TxnCodecTest, KeysSortByZeroPaddedIds) {
    EXPECT_EQ(TxnRecordKey(7, 12), "txn/record/00000000000000000007/00000000000000000012");
    EXPECT_EQ(PartitionVersionKey(10002), "txn/partition_version/00000000000000010002");
    EXPECT_LT(TxnRecordKey(7, 9), TxnRecordKey(7, 10));
    auto id = ParsePartitionVersionKey(PartitionVersionKey(10002));
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(*id, 10002);
}

TEST(TxnCodecTest, MalformedValuesAreCorruption) {
    EXPECT_EQ(DecodeTransactionRecord("{").status().code(), Status::Code::kCorruption);
    EXPECT_EQ(DecodeTransactionRecord(R"({"txn_id": 1})").status().code(),
              Status::Code::kCorruption);
    std::string bad_state = EncodeTransactionRecord(SampleRecord());
    bad_state.replace(bad_state.find("VISIBLE"), 7, "PUBLISH");
    auto decoded = DecodeTransactionRecord(bad_state);
    EXPECT_EQ(decoded.status().code(), Status::Code::kCorruption);
    EXPECT_NE(decoded.status().message().find("unknown state 'PUBLISH'"), std::string::npos);
    EXPECT_EQ(DecodePartitionVersion(R"({"version": 0})").status().code(),
              Status::Code::kCorruption);
    EXPECT_EQ(ParsePartitionVersionKey("txn/partition_version/x").status().code(),
              Status::Code::kCorruption);
}

}  // namespace
}  // namespace tributary
