// KafkaConsumer: what a Routine Load task needs from Kafka, over librdkafka (the only file that
// includes librdkafka; callers see our own types).
//
// A consumer is bound to one topic. It reads the partition list and watermarks (metadata
// requests) and consumes explicitly assigned partitions from explicit offsets: never the
// consumer group's committed offsets, because a job's progress lives in Tributary's own
// transactions (docs/routine_load.md). Settings forced before the user's `property.*` keys,
// which may override them: enable.partition.eof=true (a caught-up partition ends the batch),
// enable.auto.commit=false, enable.auto.offset.store=false, auto.offset.reset=error (an offset
// that is no longer in the log is an error the job reports, not a silent jump to the end),
// isolation.level=read_committed (transactional producers' aborted records are skipped).
//
// Consume() delivers messages in offset order per partition until a deadline, a byte budget or
// every assigned partition reaching its end (or the end offset the caller gives), and reports
// per partition the next offset to read:
// after the last message, or the partition's end when it got there (which skips the transaction
// control records a read_committed consumer never sees).
//
// Errors are Status with a message that says what to do: IOError for brokers that cannot be
// reached ("cannot reach kafka_broker_list 'h:9092' ..."), TimedOut for brokers that are
// connected but did not answer in time ("kafka_broker_list 'h:9092' did not answer ..."), NotFound for an unknown topic or
// partition, OutOfRange for an offset outside the log (naming the partition, the offset and the
// log's range), InvalidArgument for a librdkafka property it refuses ("property.x: ...").
//
// Thread safety: one consumer per task; not shared between threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace tributary {

struct KafkaEndpoint {
    std::string brokers;  // "host:port,host:port"
    std::string topic;
    // property.<key> settings for librdkafka, prefix removed (group.id, client.id, security...).
    std::vector<std::pair<std::string, std::string>> properties;
};

struct KafkaMessage {
    int32_t partition = 0;
    int64_t offset = 0;
    int64_t timestamp_ms = -1;  // -1 when the message has none
    std::string_view payload;   // valid during the callback only
};

struct KafkaWatermarks {
    int64_t low = 0;   // first offset still in the log
    int64_t high = 0;  // one past the last message
};

struct KafkaConsumeLimits {
    int64_t max_millis = 15000;      // task_consume_second
    int64_t max_bytes = 1LL << 32;   // max_routine_load_batch_size
    // When set, a partition counts as done once it reaches the high watermark the broker
    // reported with its first messages in this call: a batch is what was there when it began,
    // so a steady stream cannot keep a task consuming until max_millis. Otherwise a partition
    // is done at the end of its log.
    bool stop_at_first_high_watermark = false;
    // When set and it becomes true, consumption ends early (the server is stopping); the
    // result then covers the messages delivered so far.
    const std::atomic<bool>* cancel = nullptr;
};

struct KafkaPartitionProgress {
    // The next offset to read; still kKafkaOffsetBeginning / kKafkaOffsetEnd (negative) when a
    // logical start offset was never resolved (the partition did not answer).
    int64_t next_offset = 0;
    int64_t messages = 0;
    int64_t bytes = 0;
    int64_t last_timestamp_ms = -1;
    bool reached_end = false;
    int64_t high_watermark = -1;  // the latest the broker reported in this call; -1: none
};

struct KafkaConsumeResult {
    std::map<int32_t, KafkaPartitionProgress> partitions;  // every assigned partition
    int64_t messages = 0;
    int64_t bytes = 0;
};

class KafkaConsumer {
public:
    // Creates the client (no network traffic yet). InvalidArgument when librdkafka refuses a
    // property.
    static StatusOr<std::unique_ptr<KafkaConsumer>> Open(const KafkaEndpoint& endpoint);
    ~KafkaConsumer();

    // The topic's partition ids, sorted.
    StatusOr<std::vector<int32_t>> ListPartitions(int64_t timeout_ms);

    // A ListOffsets round trip to the partition's leader. librdkafka may wait past
    // `timeout_ms` while the leader is down: tasks do not call it (only error reports do).
    StatusOr<KafkaWatermarks> QueryWatermarks(int32_t partition, int64_t timeout_ms);

    // Reads `start` (partition -> first offset to read: >= 0, or librdkafka's logical
    // OFFSET_BEGINNING (-2) / OFFSET_END (-1), resolved by the broker) until the limits or the
    // end of every partition, calling `on_message` for each message; a non-OK status from it
    // stops the consumption and is returned. Every call here is bounded by the limits: a
    // partition whose leader does not answer simply delivers nothing.
    StatusOr<KafkaConsumeResult> Consume(const std::map<int32_t, int64_t>& start,
                                         const KafkaConsumeLimits& limits,
                                         const std::function<Status(const KafkaMessage&)>& on_message);

    // Mirrors a job's progress (partition -> next offset) into the consumer group's committed
    // offsets, for monitoring tools (kafka-consumer-groups, lag exporters). Asynchronous and
    // best effort: failures are logged, and the job never reads these offsets back.
    void CommitGroupOffsets(const std::map<int32_t, int64_t>& next_offsets);

private:
    struct Impl;
    explicit KafkaConsumer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace tributary
