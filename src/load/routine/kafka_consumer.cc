#include "load/routine/kafka_consumer.h"

#include <fmt/format.h>
#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>

#include "base/logging.h"

namespace tributary {
namespace {

using Clock = std::chrono::steady_clock;

// librdkafka's local errors that mean the brokers cannot be reached.
bool IsConnectivityError(rd_kafka_resp_err_t err) {
    return err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN ||
           err == RD_KAFKA_RESP_ERR__RESOLVE || err == RD_KAFKA_RESP_ERR__TIMED_OUT ||
           err == RD_KAFKA_RESP_ERR__AUTHENTICATION || err == RD_KAFKA_RESP_ERR__SSL;
}

}  // namespace

struct KafkaConsumer::Impl {
    KafkaEndpoint endpoint;
    rd_kafka_t* rk = nullptr;
    // The latest client-level error (broker down, authentication ...) from the error callback.
    std::mutex error_mu;
    rd_kafka_resp_err_t last_error = RD_KAFKA_RESP_ERR_NO_ERROR;
    std::string last_error_text;

    ~Impl() {
        // The consumer never joins its group (partitions are assigned, not subscribed), so
        // there is no group to leave; skipping rd_kafka_consumer_close also keeps an offset
        // commit waiting for a coordinator that is down from blocking the destruction.
        if (rk != nullptr) rd_kafka_destroy_flags(rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
    }

    static void OnError(rd_kafka_t*, int err, const char* reason, void* opaque) {
        auto* self = static_cast<Impl*>(opaque);
        std::lock_guard lock(self->error_mu);
        self->last_error = static_cast<rd_kafka_resp_err_t>(err);
        self->last_error_text = reason != nullptr ? reason : rd_kafka_err2str(self->last_error);
    }

    std::pair<rd_kafka_resp_err_t, std::string> LastError() {
        std::lock_guard lock(error_mu);
        return {last_error, last_error_text};
    }

    Status Unreachable(std::string_view detail) const {
        return Status::IOError(fmt::format(
            "cannot reach kafka_broker_list '{}' ({}): check that the brokers are up and "
            "reachable from Tributary, or ALTER ROUTINE LOAD to change the list",
            endpoint.brokers, detail));
    }

    // Whether a broker connection failed (refused, reset, name not resolved, authentication or
    // TLS) since the client was opened, as the error callback reported it.
    bool ConnectionFailed() {
        rd_kafka_poll(rk, 0);  // serves the error callbacks queued meanwhile
        const rd_kafka_resp_err_t last = LastError().first;
        return IsConnectivityError(last) && last != RD_KAFKA_RESP_ERR__TIMED_OUT;
    }

    // A status for a request that failed with `err`. librdkafka answers _TIMED_OUT for a
    // request that got no answer in time and _TRANSPORT for one it could not send because no
    // broker finished its handshake in time: without a connection that failed, both mean
    // brokers that are up but slower than the request's timeout.
    Status RequestError(rd_kafka_resp_err_t err, std::string_view what) {
        if ((err == RD_KAFKA_RESP_ERR__TIMED_OUT || err == RD_KAFKA_RESP_ERR__TRANSPORT) &&
            !ConnectionFailed()) {
            return Status::TimedOut(fmt::format(
                "kafka_broker_list '{}' did not answer the {} request in time: the brokers are "
                "slow or overloaded",
                endpoint.brokers, what));
        }
        if (IsConnectivityError(err)) return Unreachable(rd_kafka_err2str(err));
        if (err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
            err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC || err == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION) {
            return Status::NotFound(fmt::format("kafka topic '{}'{}{} does not exist on '{}'",
                                                endpoint.topic, what.empty() ? "" : " ", what,
                                                endpoint.brokers));
        }
        return Status::IOError(fmt::format("kafka {} of topic '{}' failed: {}", what,
                                           endpoint.topic, rd_kafka_err2str(err)));
    }
};

KafkaConsumer::KafkaConsumer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
KafkaConsumer::~KafkaConsumer() = default;

StatusOr<std::unique_ptr<KafkaConsumer>> KafkaConsumer::Open(const KafkaEndpoint& endpoint) {
    auto impl = std::make_unique<Impl>();
    impl->endpoint = endpoint;
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    char errstr[512];
    auto set = [&](const std::string& key, const std::string& value,
                   bool user) -> Status {
        if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof(errstr)) ==
            RD_KAFKA_CONF_OK) {
            return Status::OK();
        }
        return Status::InvalidArgument(
            user ? fmt::format("property.{}: {}", key, errstr) : std::string(errstr));
    };
    const std::pair<const char*, const char*> forced[] = {
        {"bootstrap.servers", endpoint.brokers.c_str()},
        {"enable.partition.eof", "true"},
        {"enable.auto.commit", "false"},
        {"enable.auto.offset.store", "false"},
        {"auto.offset.reset", "error"},
        {"isolation.level", "read_committed"},
        {"api.version.request", "true"},
        {"statistics.interval.ms", "0"},
        {"log.connection.close", "false"},
        // A fetch that finds no new data is answered after this long; the end of a partition
        // (which ends a caught-up task) is only seen then. librdkafka's 500 ms would add half
        // a second to every task.
        {"fetch.wait.max.ms", "100"},
        {"log_level", "3"},  // librdkafka logs errors only; we report them ourselves
    };
    Status st;
    for (const auto& [key, value] : forced) {
        if (st.ok()) st = set(key, value, false);
    }
    // librdkafka needs a group for assign(); the job passes its own (property.group.id).
    if (st.ok()) st = set("group.id", "tributary_routine_load", false);
    for (const auto& [key, value] : endpoint.properties) {
        if (key == "kafka_default_offsets") continue;  // ours, not librdkafka's
        if (st.ok()) st = set(key, value, true);
    }
    if (!st.ok()) {
        rd_kafka_conf_destroy(conf);
        return st;
    }
    rd_kafka_conf_set_opaque(conf, impl.get());
    rd_kafka_conf_set_error_cb(conf, &Impl::OnError);
    impl->rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof(errstr));
    if (impl->rk == nullptr) {  // librdkafka destroys `conf` only on success
        rd_kafka_conf_destroy(conf);
        return Status::InvalidArgument(fmt::format("cannot create a kafka consumer: {}", errstr));
    }
    return std::unique_ptr<KafkaConsumer>(new KafkaConsumer(std::move(impl)));
}

StatusOr<std::vector<int32_t>> KafkaConsumer::ListPartitions(int64_t timeout_ms) {
    rd_kafka_topic_t* topic = rd_kafka_topic_new(impl_->rk, impl_->endpoint.topic.c_str(), nullptr);
    const rd_kafka_metadata_t* metadata = nullptr;
    const rd_kafka_resp_err_t err =
        rd_kafka_metadata(impl_->rk, 0, topic, &metadata, static_cast<int>(timeout_ms));
    rd_kafka_topic_destroy(topic);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return impl_->RequestError(err, "metadata");
    std::vector<int32_t> partitions;
    Status status;
    if (metadata->topic_cnt != 1) {
        status = Status::IOError("kafka metadata did not describe the topic");
    } else if (metadata->topics[0].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        status = impl_->RequestError(metadata->topics[0].err, "");
    } else {
        for (int i = 0; i < metadata->topics[0].partition_cnt; ++i) {
            partitions.push_back(metadata->topics[0].partitions[i].id);
        }
        std::sort(partitions.begin(), partitions.end());
    }
    rd_kafka_metadata_destroy(metadata);
    if (!status.ok()) return status;
    return partitions;
}

StatusOr<KafkaWatermarks> KafkaConsumer::QueryWatermarks(int32_t partition, int64_t timeout_ms) {
    int64_t low = 0;
    int64_t high = 0;
    const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
        impl_->rk, impl_->endpoint.topic.c_str(), partition, &low, &high,
        static_cast<int>(timeout_ms));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return impl_->RequestError(err, fmt::format("partition {} watermarks", partition));
    }
    return KafkaWatermarks{low, high};
}

StatusOr<KafkaConsumeResult> KafkaConsumer::Consume(
    const std::map<int32_t, int64_t>& start, const KafkaConsumeLimits& limits,
    const std::function<Status(const KafkaMessage&)>& on_message) {
    KafkaConsumeResult result;
    if (start.empty()) return result;
    rd_kafka_topic_partition_list_t* assignment =
        rd_kafka_topic_partition_list_new(static_cast<int>(start.size()));
    size_t at_end = 0;
    // Partition -> where it counts as done (stop_at_first_high_watermark).
    std::map<int32_t, int64_t> end_offsets;
    auto cached_high_watermark = [&](int32_t partition) -> int64_t {
        int64_t low = 0;
        int64_t high = 0;
        if (rd_kafka_get_watermark_offsets(impl_->rk, impl_->endpoint.topic.c_str(), partition,
                                           &low, &high) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return -1;
        }
        return high;
    };
    auto reached_end_offset = [&](int32_t partition, KafkaPartitionProgress& p) {
        if (p.reached_end || !limits.stop_at_first_high_watermark) return;
        auto end = end_offsets.find(partition);
        if (end == end_offsets.end()) {
            end = end_offsets.emplace(partition, cached_high_watermark(partition)).first;
        }
        if (end->second < 0 || p.next_offset < end->second) return;
        p.reached_end = true;
        ++at_end;
    };
    for (const auto& [partition, offset] : start) {
        rd_kafka_topic_partition_list_add(assignment, impl_->endpoint.topic.c_str(), partition)
            ->offset = offset;
        result.partitions[partition].next_offset = offset;
    }
    rd_kafka_resp_err_t err = rd_kafka_assign(impl_->rk, assignment);
    rd_kafka_topic_partition_list_destroy(assignment);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return impl_->RequestError(err, "assignment");

    const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(limits.max_millis);
    Status status;
    auto more = [&] {
        return status.ok() && at_end < start.size() && result.bytes < limits.max_bytes;
    };
    std::set<int32_t> rewound;  // partitions whose fetch position went back (logged once)
    // One message or event of the consumer queue.
    auto handle = [&](const rd_kafka_message_t* message) {
        auto found = result.partitions.find(message->partition);
        if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            if (found != result.partitions.end()) {
                // The end may lie past the last message (control records of transactions).
                found->second.next_offset = std::max(found->second.next_offset, message->offset);
                if (!found->second.reached_end) {
                    found->second.reached_end = true;
                    ++at_end;
                }
            }
        } else if (message->err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE ||
                   message->err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET) {
            const int32_t partition = message->partition;
            const int64_t offset = found != result.partitions.end() ? found->second.next_offset : -1;
            auto marks = QueryWatermarks(partition, 5000);
            if (marks.ok() && offset > marks->high) {
                status = Status::OutOfRange(fmt::format(
                    "Consume offset: {} is greater than the latest offset: {} in kafka "
                    "partition: {} of topic '{}': ALTER ROUTINE LOAD with kafka_offsets to "
                    "choose where to resume",
                    offset, marks->high, partition, impl_->endpoint.topic));
            } else {
                status = Status::OutOfRange(fmt::format(
                    "offset {} of kafka partition {} of topic '{}' is out of range{}: the "
                    "messages may have been deleted by retention; ALTER ROUTINE LOAD with "
                    "kafka_offsets to choose where to resume",
                    offset, partition, impl_->endpoint.topic,
                    marks.ok() ? fmt::format(" (the log holds offsets {} to {})", marks->low,
                                             marks->high - 1)
                               : std::string()));
            }
        } else if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            if (!IsConnectivityError(message->err)) {
                status = impl_->RequestError(message->err, "fetch");
            }
            // Connectivity errors are retried by librdkafka until the deadline.
        } else if (found != result.partitions.end()) {
            KafkaPartitionProgress& p = found->second;
            if (p.next_offset >= 0 && message->offset < p.next_offset) {
                // Before the offset the partition was assigned at, or delivered already:
                // librdkafka moved the fetch position back. No offset is delivered twice.
                if (rewound.insert(message->partition).second) {
                    LOG_WARN("kafka partition {} of topic '{}' went back to offset {} while "
                             "reading from {}; skipping what was read already",
                             message->partition, impl_->endpoint.topic, message->offset,
                             p.next_offset);
                }
                return;
            }
            rd_kafka_timestamp_type_t type;
            const int64_t timestamp = rd_kafka_message_timestamp(message, &type);
            KafkaMessage m;
            m.partition = message->partition;
            m.offset = message->offset;
            m.timestamp_ms = type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? -1 : timestamp;
            m.payload = std::string_view(static_cast<const char*>(message->payload), message->len);
            status = on_message(m);
            p.next_offset = message->offset + 1;
            ++p.messages;
            p.bytes += static_cast<int64_t>(message->len);
            p.last_timestamp_ms = m.timestamp_ms;
            ++result.messages;
            result.bytes += static_cast<int64_t>(message->len);
            reached_end_offset(message->partition, p);
        }
    };
    // Messages are taken from the consumer queue in batches: per-call costs (locks, the clock)
    // are paid once per batch rather than once per message.
    constexpr size_t kBatch = 1024;
    std::vector<rd_kafka_message_t*> batch(kBatch);
    rd_kafka_queue_t* queue = rd_kafka_queue_get_consumer(impl_->rk);  // never null: a group is set
    while (more()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - Clock::now())
                              .count();
        if (left <= 0) break;
        if (limits.cancel != nullptr && limits.cancel->load(std::memory_order_relaxed)) break;
        const ssize_t n = rd_kafka_consume_batch_queue(
            queue, static_cast<int>(std::min<int64_t>(left, 100)), batch.data(), kBatch);
        for (ssize_t i = 0; i < n; ++i) {
            if (more()) handle(batch[i]);  // past a limit, the rest is read again next time
            rd_kafka_message_destroy(batch[i]);
        }
    }
    rd_kafka_queue_destroy(queue);
    for (auto& [partition, p] : result.partitions) p.high_watermark = cached_high_watermark(partition);
    rd_kafka_assign(impl_->rk, nullptr);
    if (!status.ok()) return status;
    if (result.messages == 0 && at_end == 0) {
        // Nothing at all: tell an idle topic from brokers we cannot reach.
        auto [last, text] = impl_->LastError();
        if (IsConnectivityError(last)) return impl_->Unreachable(text);
    }
    return result;
}

void KafkaConsumer::CommitGroupOffsets(const std::map<int32_t, int64_t>& next_offsets) {
    if (next_offsets.empty()) return;
    rd_kafka_topic_partition_list_t* offsets =
        rd_kafka_topic_partition_list_new(static_cast<int>(next_offsets.size()));
    for (const auto& [partition, offset] : next_offsets) {
        rd_kafka_topic_partition_list_add(offsets, impl_->endpoint.topic.c_str(), partition)
            ->offset = offset;
    }
    const rd_kafka_resp_err_t err = rd_kafka_commit(impl_->rk, offsets, /*async=*/1);
    rd_kafka_topic_partition_list_destroy(offsets);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        LOG_DEBUG("mirroring offsets to the consumer group failed: {}", rd_kafka_err2str(err));
    }
}

}  // namespace tributary
