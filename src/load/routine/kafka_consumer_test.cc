// Specification of KafkaConsumer against a real Kafka-protocol cluster: librdkafka's mock
// cluster, in process (three brokers on loopback), with messages produced by librdkafka's own
// producer. Partitions, watermarks, consuming from explicit offsets to the end, byte limits, and
// the errors a job must report: unknown topic, offset out of range, unreachable or slow brokers, a bad
// property.
#include "load/routine/kafka_consumer.h"

#include "load/routine/mock_kafka_test_util.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <string>
#include <vector>

namespace tributary {
namespace {

class KafkaConsumerTest : public ::testing::Test {
protected:
    void SetUp() override {
        kafka_.CreateTopic("orders", 4);
        for (int i = 0; i < 10; ++i) kafka_.Produce("orders", 0, "p0-" + std::to_string(i));
        for (int i = 0; i < 3; ++i) kafka_.Produce("orders", 2, "p2-" + std::to_string(i));
        kafka_.Flush();
    }

    std::unique_ptr<KafkaConsumer> Open(std::string topic = "orders") {
        auto consumer = KafkaConsumer::Open(KafkaEndpoint{kafka_.bootstraps(), topic, {}});
        EXPECT_TRUE(consumer.ok()) << consumer.status().ToString();
        return std::move(consumer).value();
    }

    // Every message of `start`'s partitions, as "partition:offset:payload".
    static StatusOr<std::vector<std::string>> ReadAll(KafkaConsumer& consumer,
                                                      const std::map<int32_t, int64_t>& start,
                                                      KafkaConsumeResult* result = nullptr,
                                                      KafkaConsumeLimits limits = {}) {
        std::vector<std::string> seen;
        auto consumed = consumer.Consume(start, limits, [&](const KafkaMessage& m) {
            seen.push_back(std::to_string(m.partition) + ":" + std::to_string(m.offset) + ":" +
                           std::string(m.payload));
            return Status::OK();
        });
        if (!consumed.ok()) return consumed.status();
        if (result != nullptr) *result = *consumed;
        return seen;
    }

    MockKafka kafka_;
};

TEST_F(KafkaConsumerTest, ListsPartitionsAndWatermarks) {
    auto consumer = Open();
    auto partitions = consumer->ListPartitions(300);
    ASSERT_TRUE(partitions.ok()) << partitions.status().ToString();
    EXPECT_EQ(*partitions, (std::vector<int32_t>{0, 1, 2, 3}));
    auto marks = consumer->QueryWatermarks(0, 10000);
    ASSERT_TRUE(marks.ok()) << marks.status().ToString();
    EXPECT_EQ(marks->low, 0);
    EXPECT_EQ(marks->high, 10);
}

TEST_F(KafkaConsumerTest, ConsumesFromExplicitOffsetsToTheEndOfEveryPartition) {
    auto consumer = Open();
    KafkaConsumeResult result;
    auto seen = ReadAll(*consumer, {{0, 7}, {1, 0}, {2, 0}}, &result);
    ASSERT_TRUE(seen.ok()) << seen.status().ToString();
    std::sort(seen->begin(), seen->end());
    EXPECT_EQ(*seen, (std::vector<std::string>{"0:7:p0-7", "0:8:p0-8", "0:9:p0-9", "2:0:p2-0",
                                               "2:1:p2-1", "2:2:p2-2"}));
    EXPECT_EQ(result.messages, 6);
    EXPECT_EQ(result.partitions[0].next_offset, 10);
    EXPECT_EQ(result.partitions[1].next_offset, 0);  // empty partition, at its end
    EXPECT_EQ(result.partitions[2].next_offset, 3);
    for (const auto& [partition, progress] : result.partitions) {
        EXPECT_TRUE(progress.reached_end) << partition;
    }
}

TEST_F(KafkaConsumerTest, MessagesOfAPartitionArriveInOffsetOrder) {
    auto consumer = Open();
    auto seen = ReadAll(*consumer, {{0, 0}});
    ASSERT_TRUE(seen.ok());
    ASSERT_EQ(seen->size(), 10u);
    for (int i = 0; i < 10; ++i) EXPECT_EQ((*seen)[i], "0:" + std::to_string(i) + ":p0-" + std::to_string(i));
}

TEST_F(KafkaConsumerTest, AByteBudgetEndsTheBatchEarlyAndSaysWhereToResume) {
    auto consumer = Open();
    KafkaConsumeResult result;
    KafkaConsumeLimits limits;
    limits.max_bytes = 8;  // two 4-byte messages
    auto seen = ReadAll(*consumer, {{0, 0}}, &result, limits);
    ASSERT_TRUE(seen.ok());
    ASSERT_GE(seen->size(), 2u);
    EXPECT_LT(seen->size(), 10u);
    EXPECT_EQ(result.partitions[0].next_offset, static_cast<int64_t>(seen->size()));
    EXPECT_FALSE(result.partitions[0].reached_end);
    // The next batch continues exactly there.
    auto rest = ReadAll(*consumer, {{0, result.partitions[0].next_offset}});
    ASSERT_TRUE(rest.ok());
    EXPECT_EQ(seen->size() + rest->size(), 10u);
}

TEST_F(KafkaConsumerTest, LogicalStartOffsetsAreResolvedByTheBroker) {
    auto consumer = Open();
    KafkaConsumeResult result;
    KafkaConsumeLimits limits;
    limits.stop_at_first_high_watermark = true;
    auto seen = ReadAll(*consumer, {{0, -2 /*OFFSET_BEGINNING*/}, {2, -1 /*OFFSET_END*/}},
                        &result, limits);
    ASSERT_TRUE(seen.ok()) << seen.status().ToString();
    EXPECT_EQ(seen->size(), 10u);  // all of partition 0, nothing of partition 2
    EXPECT_EQ(result.partitions[0].next_offset, 10);
    EXPECT_EQ(result.partitions[2].next_offset, 3);  // the end, as the broker resolved it
    EXPECT_TRUE(result.partitions[0].reached_end);
    EXPECT_TRUE(result.partitions[2].reached_end);
    EXPECT_EQ(result.partitions[0].high_watermark, 10);
    EXPECT_EQ(result.partitions[2].high_watermark, 3);
}

TEST_F(KafkaConsumerTest, UnknownTopicIsNotFound) {
    kafka_.MakeUnknown("no_such_topic");
    auto consumer = Open("no_such_topic");
    auto partitions = consumer->ListPartitions(10000);
    ASSERT_FALSE(partitions.ok());
    EXPECT_EQ(partitions.status().code(), Status::Code::kNotFound) << partitions.status().ToString();
    EXPECT_NE(partitions.status().message().find("'no_such_topic'"), std::string::npos);
}

TEST_F(KafkaConsumerTest, AnOffsetPastTheEndIsOutOfRangeInStarRocksWords) {
    auto consumer = Open();
    auto seen = ReadAll(*consumer, {{0, 50}});
    ASSERT_FALSE(seen.ok());
    EXPECT_EQ(seen.status().code(), Status::Code::kOutOfRange) << seen.status().ToString();
    EXPECT_NE(seen.status().message().find(
                  "Consume offset: 50 is greater than the latest offset: 10 in kafka partition: 0"),
              std::string::npos)
        << seen.status().message();
}

TEST(KafkaConsumerErrorsTest, UnreachableBrokersAreReportedNotWaitedOnForever) {
    auto consumer = KafkaConsumer::Open(KafkaEndpoint{"127.0.0.1:1", "t", {}});
    ASSERT_TRUE(consumer.ok());
    auto partitions = (*consumer)->ListPartitions(2000);
    ASSERT_FALSE(partitions.ok());
    EXPECT_EQ(partitions.status().code(), Status::Code::kIOError);
    EXPECT_NE(partitions.status().message().find("cannot reach kafka_broker_list '127.0.0.1:1'"),
              std::string::npos)
        << partitions.status().message();
}

TEST_F(KafkaConsumerTest, BrokersSlowerThanTheTimeoutAreSlowNotUnreachable) {
    kafka_.SetRoundTrip(1000);
    auto consumer = Open();
    auto partitions = consumer->ListPartitions(300);
    kafka_.SetRoundTrip(0);
    ASSERT_FALSE(partitions.ok());
    EXPECT_EQ(partitions.status().code(), Status::Code::kTimedOut)
        << partitions.status().ToString();
    EXPECT_NE(partitions.status().message().find("kafka_broker_list '" + kafka_.bootstraps() +
                                                 "' did not answer the metadata request"),
              std::string::npos)
        << partitions.status().message();
}

TEST(KafkaConsumerErrorsTest, APropertyLibrdkafkaRefusesIsNamed) {
    auto consumer = KafkaConsumer::Open(
        KafkaEndpoint{"127.0.0.1:1", "t", {{"security.protocol", "carrier_pigeon"}}});
    ASSERT_FALSE(consumer.ok());
    EXPECT_EQ(consumer.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(consumer.status().message().find("property.security.protocol"), std::string::npos)
        << consumer.status().message();
}

}  // namespace
}  // namespace tributary
