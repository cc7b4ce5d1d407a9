// MockKafkaCluster: librdkafka's in-process mock Kafka cluster, behind our own types.
//
// Create(n) starts n brokers (ids 1..n) that listen on 127.0.0.1 ephemeral ports and speak the
// Kafka protocol to any client (librdkafka, kcat, confluent-kafka-python). The brokers run on a
// thread owned by librdkafka; this class only forwards commands to it: topic creation, broker
// down/up, added round-trip time, pushed request errors, partition leadership.
//
// What the mock is (librdkafka 2.0.2; see tools/kafka_test_cluster/README.md for the details):
//   - in memory; each partition keeps at most 5 MB and 100000 message sets, dropping the oldest
//     (hard-coded in librdkafka, not configurable);
//   - a Fetch returns at most one message set per partition;
//   - idempotent and transactional producers are accepted, but a read_committed consumer sees
//     aborted records too (no abort markers, LastStableOffset = high watermark);
//   - ListOffsets by timestamp is not implemented (answers offset -1).
//
// The class keeps its own registry of broker states and of the topics created through it; the
// mock itself cannot be listed without a Metadata request, which would consume injected errors.
// Metadata() sends one on a lazily created client when the caller asks for the live view.
//
// Thread safety: every method may be called from any thread (a mutex guards the registry;
// librdkafka's mock API is thread-safe).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"

namespace tributary::kafka_test_cluster {

struct BrokerState {
    int32_t id = 0;
    bool up = true;
    int rtt_ms = 0;
};

struct TopicRecord {
    std::string name;
    int partitions = 0;
    int replication_factor = 0;
    std::map<int32_t, int32_t> leader_overrides;  // partition -> broker set via SetPartitionLeader
};

// One partition as a live Metadata response reports it.
struct PartitionMetadata {
    int32_t id = 0;
    int32_t leader = -1;
    std::vector<int32_t> replicas;
    std::string error;  // empty when the broker reported none
};

struct TopicMetadata {
    std::string name;
    std::vector<PartitionMetadata> partitions;
    std::string error;
};

class MockKafkaCluster {
public:
    // Starts `broker_count` brokers (1..64).
    static StatusOr<std::unique_ptr<MockKafkaCluster>> Create(int broker_count);
    ~MockKafkaCluster();
    MockKafkaCluster(const MockKafkaCluster&) = delete;
    MockKafkaCluster& operator=(const MockKafkaCluster&) = delete;

    // "127.0.0.1:p1,127.0.0.1:p2,...", one entry per broker, in broker id order.
    const std::string& bootstrap_servers() const { return bootstrap_servers_; }
    int broker_count() const { return broker_count_; }

    // Creates `name` with `partitions` partitions and min(replication_factor, brokers) replicas;
    // replication_factor 0 means min(3, brokers). Fails if the topic exists.
    Status CreateTopic(const std::string& name, int partitions, int replication_factor = 0);

    // Takes a broker's listener down (connections are closed, new ones refused) or back up.
    Status SetBrokerUp(int32_t broker_id, bool up);
    // Delays every response of the broker by `rtt_ms` milliseconds (0 removes the delay).
    Status SetBrokerRtt(int32_t broker_id, int rtt_ms);

    // Makes the next errors.size() requests of `api_key`, on any broker, fail with those codes
    // in order (0 = succeed). Consumed by whichever client sends the request first.
    Status PushRequestErrors(int16_t api_key, const std::vector<int16_t>& errors);
    // Like PushRequestErrors, but on one broker only, each answer delayed by `rtt_ms`.
    Status PushBrokerRequestErrors(int32_t broker_id, int16_t api_key,
                                   const std::vector<int16_t>& errors, int rtt_ms);
    // Drops the errors still pushed for `api_key` (cluster-wide stack only).
    void ClearRequestErrors(int16_t api_key);
    // How many errors pushed with PushBrokerRequestErrors are still waiting for a request.
    // (librdkafka offers no such count for the cluster-wide stack.)
    StatusOr<size_t> PendingBrokerRequestErrors(int32_t broker_id, int16_t api_key) const;

    // Makes `broker_id` the leader of the partition; -1 leaves it without a leader.
    // REQUIRES: the topic was created through this class (the mock would auto-create it).
    Status SetPartitionLeader(const std::string& topic, int32_t partition, int32_t broker_id);
    // Makes every request on `topic` fail with `error_code` (0 clears it).
    Status SetTopicError(const std::string& topic, int16_t error_code);

    std::vector<BrokerState> Brokers() const;
    std::vector<TopicRecord> Topics() const;

    // Sends a Metadata request for every topic through an internal client and returns what the
    // brokers answered. Consumes an injected Metadata error if one is pushed.
    StatusOr<std::vector<TopicMetadata>> Metadata(int timeout_ms);

private:
    struct Handles;  // librdkafka handles, kept out of this header

    MockKafkaCluster(std::unique_ptr<Handles> handles, int broker_count);
    Status CheckBroker(int32_t broker_id, bool allow_none) const;

    std::unique_ptr<Handles> handles_;
    const int broker_count_;
    std::string bootstrap_servers_;

    mutable std::mutex mu_;
    std::vector<BrokerState> brokers_;           // guarded by mu_; index = id - 1
    std::map<std::string, TopicRecord> topics_;  // guarded by mu_
};

}  // namespace tributary::kafka_test_cluster
