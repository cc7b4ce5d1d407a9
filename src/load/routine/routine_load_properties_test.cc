// Specification of CREATE ROUTINE LOAD's PROPERTIES and FROM KAFKA (...) validation: the seed's
// statements verbatim (broker list filled in), defaults, StarRocks' error messages, offsets,
// custom librdkafka properties and secret masking.
#include "load/routine/routine_load_properties.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/string_util.h"
#include "sql/parser.h"

namespace tributary {
namespace {

PropertyList Props(std::vector<std::pair<std::string, std::string>> kv) {
    PropertyList list;
    for (auto& [k, v] : kv) list.push_back(Property{k, v, {}});
    return list;
}

StatusOr<RoutineLoadJobProperties> Job(std::vector<std::pair<std::string, std::string>> kv) {
    return ParseRoutineLoadJobProperties(Props(std::move(kv)), RoutineLoadDefaults{});
}

StatusOr<KafkaSourceProperties> Kafka(std::vector<std::pair<std::string, std::string>> kv) {
    return ParseKafkaSourceProperties(Props(std::move(kv)));
}

std::string ErrorOf(const Status& s) { return std::string(s.message()); }

// The seed's CREATE ROUTINE LOAD statement from src/sql/testdata, with a real broker list.
std::unique_ptr<CreateRoutineLoadStmt> SeedStatement(const std::string& file) {
    std::ifstream in(std::string(TRIBUTARY_SQL_TESTDATA_DIR) + "/seed_000/" + file);
    std::stringstream text;
    text << in.rdbuf();
    std::string sql = text.str();
    const std::string placeholder =
        "<kafka_broker1_ip>:<kafka_broker1_port>,<kafka_broker2_ip>:<kafka_broker2_port>";
    sql.replace(sql.find(placeholder), placeholder.size(), "127.0.0.1:9092,127.0.0.1:9093");
    auto stmt = ParseStatement(sql);
    EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
    return std::unique_ptr<CreateRoutineLoadStmt>(
        static_cast<CreateRoutineLoadStmt*>(stmt->release()));
}

TEST(RoutineLoadPropertiesTest, SeedCsvStatement) {
    auto stmt = SeedStatement("02_create_routine_load_csv.sql");
    auto job = ParseRoutineLoadJobProperties(stmt->properties, RoutineLoadDefaults{});
    ASSERT_TRUE(job.ok()) << job.status().ToString();
    EXPECT_EQ(job->desired_concurrent_number, 5);
    EXPECT_EQ(job->format, "csv");
    auto kafka = ParseKafkaSourceProperties(stmt->data_source_properties);
    ASSERT_TRUE(kafka.ok()) << kafka.status().ToString();
    EXPECT_EQ(kafka->broker_list, "127.0.0.1:9092,127.0.0.1:9093");
    EXPECT_EQ(kafka->topic, "ordertest1");
    ASSERT_EQ(kafka->partitions.size(), 5u);
    for (int32_t p = 0; p < 5; ++p) {
        EXPECT_EQ(kafka->partitions[p], (KafkaPartitionOffset{p, kKafkaOffsetBeginning}));
    }
    EXPECT_EQ(kafka->default_offset, kKafkaOffsetBeginning);
}

TEST(RoutineLoadPropertiesTest, SeedJsonStatement) {
    auto stmt = SeedStatement("04_create_routine_load_json.sql");
    auto job = ParseRoutineLoadJobProperties(stmt->properties, RoutineLoadDefaults{});
    ASSERT_TRUE(job.ok()) << job.status().ToString();
    EXPECT_EQ(job->format, "json");
    EXPECT_EQ(job->jsonpaths, (std::vector<std::string>{"$.commodity_id", "$.customer_name",
                                                        "$.country", "$.pay_time", "$.price"}));
    EXPECT_EQ(job->jsonpaths_text,
              "[\"$.commodity_id\",\"$.customer_name\",\"$.country\",\"$.pay_time\",\"$.price\"]");
}

TEST(RoutineLoadPropertiesTest, DefaultsComeFromTheConfigAndTheSession) {
    RoutineLoadDefaults defaults;
    defaults.desired_concurrent_number = 7;
    defaults.task_consume_second = 3;
    defaults.task_timeout_second = 12;
    defaults.time_zone = "UTC";
    auto job = ParseRoutineLoadJobProperties({}, defaults);
    ASSERT_TRUE(job.ok());
    EXPECT_EQ(job->desired_concurrent_number, 7);
    EXPECT_EQ(job->task_consume_second, 3);
    EXPECT_EQ(job->task_timeout_second, 12);
    EXPECT_EQ(job->time_zone, "UTC");
    EXPECT_EQ(job->max_batch_interval_s, 10);
    EXPECT_EQ(job->max_batch_rows, 200000);
    EXPECT_EQ(job->max_error_number, 0);
    EXPECT_EQ(job->max_filter_ratio, 1.0);
    EXPECT_FALSE(job->strict_mode);
}

TEST(RoutineLoadPropertiesTest, OneTaskTimeDerivesTheOther) {
    EXPECT_EQ(Job({{"task_consume_second", "5"}})->task_timeout_second, 20);
    EXPECT_EQ(Job({{"task_timeout_second", "40"}})->task_consume_second, 10);
    EXPECT_EQ(ErrorOf(Job({{"task_consume_second", "10"}, {"task_timeout_second", "10"}}).status()),
              "task_timeout_second (10) must be greater than task_consume_second (10)");
}

TEST(RoutineLoadPropertiesTest, StarRocksMessagesForBadValues) {
    EXPECT_EQ(ErrorOf(Job({{"nope", "1"}}).status()), "nope is invalid property");
    EXPECT_EQ(ErrorOf(Job({{"desired_concurrent_number", "0"}}).status()),
              "desired_concurrent_number should > 0");
    EXPECT_EQ(ErrorOf(Job({{"max_batch_interval", "4"}}).status()),
              "max_batch_interval should >= 5");
    EXPECT_EQ(ErrorOf(Job({{"max_batch_rows", "1000"}}).status()),
              "max_batch_rows should >= 200000");
    EXPECT_EQ(ErrorOf(Job({{"max_error_number", "-1"}}).status()),
              "max_error_number should >= 0");
    EXPECT_EQ(ErrorOf(Job({{"max_filter_ratio", "1.5"}}).status()),
              "max_filter_ratio must between 0.0 and 1.0.");
    EXPECT_EQ(ErrorOf(Job({{"max_filter_ratio", "lots"}}).status()),
              "Incorrect format of max_filter_ratio");
    EXPECT_EQ(ErrorOf(Job({{"log_rejected_record_num", "-2"}}).status()),
              "log_rejected_record_num should >= -1");
    EXPECT_EQ(ErrorOf(Job({{"strict_mode", "yes"}}).status()), "strict_mode should be a boolean");
    EXPECT_EQ(ErrorOf(Job({{"format", "xml"}}).status()), "Format type is invalid. format=`xml`");
    EXPECT_EQ(ErrorOf(Job({{"max_error_number", "ten"}}).status()),
              "max_error_number must be an integer, not 'ten'");
    EXPECT_NE(ErrorOf(Job({{"timezone", "Mars/Base"}}).status()).find("unknown time zone"),
              std::string::npos);
}

TEST(RoutineLoadPropertiesTest, OptionsOfTheOtherFormatAreErrorsNotSilentlyIgnored) {
    EXPECT_EQ(ErrorOf(Job({{"jsonpaths", "[\"$.a\"]"}}).status()),
              "property jsonpaths does not apply to format csv");
    EXPECT_EQ(ErrorOf(Job({{"format", "json"}, {"enclose", "\""}}).status()),
              "property enclose does not apply to format json");
    EXPECT_EQ(ErrorOf(Job({{"enclose", "ab"}}).status()),
              "enclose must be a single byte, not 'ab'");
    EXPECT_EQ(ErrorOf(Job({{"format", "avro"}, {"strip_outer_array", "true"}}).status()),
              "property strip_outer_array does not apply to format avro");
    auto avro = Job({{"format", "AVRO"}, {"jsonpaths", "[\"$.a.b\"]"}});
    ASSERT_TRUE(avro.ok()) << avro.status().ToString();
    EXPECT_EQ(avro->format, "avro");
    EXPECT_EQ(avro->jsonpaths, (std::vector<std::string>{"$.a.b"}));
    auto csv = Job({{"enclose", "\""}, {"escape", "\\"}, {"trim_space", "TRUE"}});
    ASSERT_TRUE(csv.ok());
    EXPECT_EQ(csv->enclose, '"');
    EXPECT_EQ(csv->escape, '\\');
    EXPECT_TRUE(csv->trim_space);
}

TEST(RoutineLoadPropertiesTest, PrimaryKeyOptionsAreParsedAndColumnModeIsNotSupported) {
    auto partial = Job({{"partial_update", "true"}, {"partial_update_mode", "row"}});
    ASSERT_TRUE(partial.ok()) << partial.status().ToString();
    EXPECT_TRUE(partial->partial_update);
    auto condition = Job({{"merge_condition", "v"}});
    ASSERT_TRUE(condition.ok()) << condition.status().ToString();
    EXPECT_EQ(condition->merge_condition, "v");
    EXPECT_EQ(Job({{"partial_update_mode", "column"}}).status().error_code(),
              ErrorCode::kNotSupportedYet);
    EXPECT_FALSE(Job({{"partial_update", "maybe"}}).ok());
}

TEST(RoutineLoadPropertiesTest, KafkaRequiredPropertiesAndBrokerList) {
    EXPECT_EQ(ErrorOf(Kafka({{"kafka_topic", "t"}}).status()),
              "kafka_broker_list is a required property");
    EXPECT_EQ(ErrorOf(Kafka({{"kafka_broker_list", "h:9092"}}).status()),
              "kafka_topic is a required property");
    EXPECT_EQ(ErrorOf(Kafka({{"kafka_broker_list", "h:9092"}, {"kafka_topic", "t"},
                             {"kafka_group", "g"}})
                          .status()),
              "kafka_group is invalid kafka custom property");
    EXPECT_NE(ErrorOf(Kafka({{"kafka_broker_list", "<ip>:9092"}, {"kafka_topic", "t"}}).status())
                  .find("kafka_broker_list:<ip>:9092 not match pattern"),
              std::string::npos);
    auto k = Kafka({{"kafka_broker_list", " a:1, b:2 "}, {"kafka_topic", " t "}});
    ASSERT_TRUE(k.ok());
    EXPECT_EQ(k->broker_list, "a:1,b:2");
    EXPECT_EQ(k->topic, "t");
    EXPECT_TRUE(k->partitions.empty());  // every partition, new ones discovered
}

TEST(RoutineLoadPropertiesTest, PartitionsAndOffsets) {
    auto k = Kafka({{"kafka_broker_list", "h:1"}, {"kafka_topic", "t"},
                    {"kafka_partitions", "0, 1, 2"},
                    {"kafka_offsets", "10, OFFSET_BEGINNING, offset_end"}});
    ASSERT_TRUE(k.ok()) << k.status().ToString();
    EXPECT_EQ(k->partitions, (std::vector<KafkaPartitionOffset>{
                                 {0, 10}, {1, kKafkaOffsetBeginning}, {2, kKafkaOffsetEnd}}));
    const auto base = std::vector<std::pair<std::string, std::string>>{
        {"kafka_broker_list", "h:1"}, {"kafka_topic", "t"}};
    auto with = [&](std::vector<std::pair<std::string, std::string>> more) {
        auto all = base;
        all.insert(all.end(), more.begin(), more.end());
        return ErrorOf(Kafka(all).status());
    };
    EXPECT_EQ(with({{"kafka_partitions", "0,1"}, {"kafka_offsets", "1"}}),
              "Partitions number should be equals to offsets number");
    EXPECT_EQ(with({{"kafka_partitions", "0,x"}}),
              "kafka_partitions must be a number string with comma-separated");
    EXPECT_EQ(with({{"kafka_partitions", ""}}), "kafka_partitions could not be a empty string");
    EXPECT_EQ(with({{"kafka_partitions", "0"}, {"kafka_offsets", "-5"}}),
              "Can not specify offset smaller than 0");
    EXPECT_EQ(with({{"property.kafka_default_offsets", "later"}}),
              "kafka offset 'later' is not a number, OFFSET_BEGINNING or OFFSET_END");
}

TEST(RoutineLoadPropertiesTest, CustomPropertiesGoToLibrdkafkaAndSecretsAreMasked) {
    auto k = Kafka({{"kafka_broker_list", "h:1"}, {"kafka_topic", "t"},
                    {"property.group.id", "g1"}, {"property.client.id", "c1"},
                    {"property.security.protocol", "SASL_PLAINTEXT"},
                    {"property.sasl.password", "hunter2"}});
    ASSERT_TRUE(k.ok());
    EXPECT_EQ(k->custom, (std::vector<std::pair<std::string, std::string>>{
                             {"group.id", "g1"},
                             {"client.id", "c1"},
                             {"security.protocol", "SASL_PLAINTEXT"},
                             {"sasl.password", "hunter2"}}));
    EXPECT_EQ(MaskedPropertyValue("sasl.password", "hunter2"), "******");
    EXPECT_EQ(MaskedPropertyValue("ssl.key.password", "x"), "******");
    EXPECT_EQ(MaskedPropertyValue("sasl.oauthbearer.client.secret", "x"), "******");
    EXPECT_EQ(MaskedPropertyValue("group.id", "g1"), "g1");
    EXPECT_EQ(MaskedPropertyValue("confluent.schema.registry.url", "https://key:s3cret@sr.io:8081"),
              "https://******@sr.io:8081");
    EXPECT_EQ(MaskedPropertyValue("confluent.schema.registry.url", "http://10.0.0.1:8081"),
              "http://10.0.0.1:8081");
}

}  // namespace
}  // namespace tributary
