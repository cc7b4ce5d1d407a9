// MockKafka: librdkafka's mock cluster in process (three brokers on loopback) with a producer,
// for the Routine Load unit tests. A real Kafka-protocol cluster; nothing here mocks a feature.
#pragma once

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <string>

namespace tributary {

class MockKafka {
public:
    MockKafka() {
        char errstr[512];
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "log_level", "2", errstr, sizeof(errstr));
        producer_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        cluster_ = rd_kafka_mock_cluster_new(producer_, 3);
        bootstraps_ = rd_kafka_mock_cluster_bootstraps(cluster_);
        rd_kafka_brokers_add(producer_, bootstraps_.c_str());
    }
    ~MockKafka() {
        rd_kafka_flush(producer_, 10000);
        rd_kafka_mock_cluster_destroy(cluster_);
        rd_kafka_destroy(producer_);
    }

    const std::string& bootstraps() const { return bootstraps_; }

    void CreateTopic(const std::string& topic, int partitions) {
        ASSERT_EQ(rd_kafka_mock_topic_create(cluster_, topic.c_str(), partitions, 1),
                  RD_KAFKA_RESP_ERR_NO_ERROR);
    }

    void Produce(const std::string& topic, int32_t partition, const std::string& value) {
        ASSERT_EQ(rd_kafka_producev(producer_, RD_KAFKA_V_TOPIC(topic.c_str()),
                                    RD_KAFKA_V_PARTITION(partition),
                                    RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END),
                  RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    void Flush() { ASSERT_EQ(rd_kafka_flush(producer_, 10000), RD_KAFKA_RESP_ERR_NO_ERROR); }

    // The mock cluster creates unknown topics on request; this makes `topic` answer as a broker
    // without it does.
    void MakeUnknown(const std::string& topic) {
        rd_kafka_mock_topic_set_error(cluster_, topic.c_str(),
                                      RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
    }

    // Every broker answers each request `rtt_ms` late (0 restores them).
    void SetRoundTrip(int rtt_ms) {
        for (int32_t broker = 1; broker <= 3; ++broker) {
            rd_kafka_mock_broker_set_rtt(cluster_, broker, rtt_ms);
        }
    }

private:
    rd_kafka_t* producer_ = nullptr;
    rd_kafka_mock_cluster_t* cluster_ = nullptr;
    std::string bootstraps_;
};

}  // namespace tributary
