// Specification of the job record: it persists and comes back equal, refuses damaged values
// clearly, and shows progress as StarRocks does.
#include "load/routine/routine_load_job.h"

#include <gtest/gtest.h>

#include "load/routine/routine_load_properties.h"

namespace tributary {
namespace {

RoutineLoadJob SeedJob() {
    RoutineLoadJob job;
    job.id = 10204;
    job.name = "example_tbl1_ordertest1";
    job.db_id = 3;
    job.db_name = "example_db";
    job.table_id = 7;
    job.table_name = "example_tbl1";
    job.user = "'root'@'%'";
    job.state = RoutineLoadState::kPaused;
    job.state_reason = "ErrorReason{errCode = 100, msg='User root pauses routine load job'}";
    job.column_separator = ",";
    job.columns = {"order_id", "pay_dt", "customer_name", "nationality", "temp_gender", "price"};
    job.where_sql = "price > 0";
    job.partitions = {"p1"};
    job.job_properties = {{"desired_concurrent_number", "5"}};
    job.data_source_properties = {{"kafka_broker_list", "127.0.0.1:9092"},
                                  {"kafka_topic", "ordertest1"},
                                  {"property.kafka_default_offsets", "OFFSET_BEGINNING"}};
    job.progress = {{0, 42}, {1, kKafkaOffsetBeginning}};
    job.timestamp_progress = {{0, 1686143856061}};
    job.statistics.total_rows = 6;
    job.statistics.loaded_rows = 6;
    job.statistics.committed_tasks = 1;
    job.error_log_urls = {"http://127.0.0.1:8030/api/_load_error_log?file=error_log_00ff"};
    job.create_time_ms = 1686143800000;
    job.pause_time_ms = 1686143900000;
    return job;
}

TEST(RoutineLoadJobTest, EncodeDecodeRoundTrip) {
    const RoutineLoadJob job = SeedJob();
    auto decoded = DecodeRoutineLoadJob(EncodeRoutineLoadJob(job));
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(*decoded, job);

    RoutineLoadJob bare;  // optional parts absent
    bare.name = "j";
    auto back = DecodeRoutineLoadJob(EncodeRoutineLoadJob(bare));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, bare);
    EXPECT_FALSE(back->column_separator.has_value());
}

TEST(RoutineLoadJobTest, DamagedRecordsAreCorruptionNotCrashes) {
    EXPECT_EQ(DecodeRoutineLoadJob("not json").status().code(), Status::Code::kCorruption);
    EXPECT_EQ(DecodeRoutineLoadJob("{\"version\":1}").status().code(), Status::Code::kCorruption);
    std::string text = EncodeRoutineLoadJob(SeedJob());
    text.replace(text.find("\"PAUSED\""), 8, "\"DOZING\"");
    const Status bad_state = DecodeRoutineLoadJob(text).status();
    EXPECT_EQ(bad_state.code(), Status::Code::kCorruption);
    EXPECT_NE(bad_state.message().find("unknown state 'DOZING'"), std::string::npos);
    std::string future = EncodeRoutineLoadJob(SeedJob());
    future.replace(future.find("\"version\":1"), 11, "\"version\":9");
    EXPECT_EQ(DecodeRoutineLoadJob(future).status().code(), Status::Code::kCorruption);
}

TEST(RoutineLoadJobTest, ProgressShowsTheLastConsumedOffset) {
    EXPECT_EQ(ProgressJson({{0, 6}, {1, kKafkaOffsetBeginning}, {2, kKafkaOffsetEnd}, {3, 0},
                            {10, 100}}),
              R"({"0":"5","1":"OFFSET_BEGINNING","2":"OFFSET_END","3":"OFFSET_ZERO","10":"99"})");
    EXPECT_EQ(ProgressJson({}), "{}");
}

}  // namespace
}  // namespace tributary
