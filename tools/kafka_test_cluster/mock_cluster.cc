#include "kafka_test_cluster/mock_cluster.h"

// rdkafka_mock.h must follow rdkafka.h.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <utility>

#include "base/logging.h"

namespace tributary::kafka_test_cluster {

namespace {

constexpr int kMaxBrokers = 64;
constexpr int kMaxPartitions = 10000;

// Forwards librdkafka's log lines (syslog levels) to our log.
void LogToSpdlog(const rd_kafka_t* rk, int level, const char* facility, const char* line) {
    if (level <= 3) {
        LOG_ERROR("rdkafka {}: {}", facility, line);
    } else if (level == 4) {
        LOG_WARN("rdkafka {}: {}", facility, line);
    } else if (level <= 6) {
        LOG_INFO("rdkafka {}: {}", facility, line);
    } else {
        LOG_DEBUG("rdkafka {}: {}", facility, line);
    }
}

Status FromKafkaError(rd_kafka_resp_err_t err, const std::string& what) {
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return Status::OK();
    std::string msg = what + ": " + rd_kafka_err2name(err) + " (" + rd_kafka_err2str(err) + ")";
    switch (err) {
        case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
            return Status::AlreadyExists(std::move(msg));
        case RD_KAFKA_RESP_ERR__UNKNOWN_BROKER:
        case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
        case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
        case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
            return Status::NotFound(std::move(msg));
        case RD_KAFKA_RESP_ERR__TIMED_OUT:
            return Status::TimedOut(std::move(msg));
        case RD_KAFKA_RESP_ERR__INVALID_ARG:
            return Status::InvalidArgument(std::move(msg));
        default:
            return Status::IOError(std::move(msg));
    }
}

// A producer handle with our log callback and `settings`; nullptr and `*error` on failure.
rd_kafka_t* NewProducer(const std::vector<std::pair<std::string, std::string>>& settings,
                        std::string* error) {
    char errstr[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, LogToSpdlog);
    for (const auto& [key, value] : settings) {
        if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof(errstr)) !=
            RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(conf);
            *error = errstr;
            return nullptr;
        }
    }
    // On success rd_kafka_new takes ownership of conf; on failure it stays ours.
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
    if (rk == nullptr) {
        rd_kafka_conf_destroy(conf);
        *error = errstr;
    }
    return rk;
}

bool IsLegalTopicName(const std::string& name) {
    if (name.empty() || name.size() > 249 || name == "." || name == "..") return false;
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

// Destruction order matters: the metadata client first (it talks to the brokers), then the mock
// cluster, then the handle the cluster was created on (librdkafka requires the cluster to go
// before its rd_kafka_t).
struct MockKafkaCluster::Handles {
    rd_kafka_t* owner = nullptr;
    rd_kafka_mock_cluster_t* cluster = nullptr;
    std::mutex metadata_mu;
    rd_kafka_t* metadata_client = nullptr;  // guarded by metadata_mu; created on first use

    ~Handles() {
        if (metadata_client != nullptr) rd_kafka_destroy(metadata_client);
        if (cluster != nullptr) rd_kafka_mock_cluster_destroy(cluster);
        if (owner != nullptr) rd_kafka_destroy(owner);
    }
};

StatusOr<std::unique_ptr<MockKafkaCluster>> MockKafkaCluster::Create(int broker_count) {
    if (broker_count < 1 || broker_count > kMaxBrokers) {
        return Status::InvalidArgument("broker count must be between 1 and " +
                                       std::to_string(kMaxBrokers) + ", not " +
                                       std::to_string(broker_count));
    }
    auto handles = std::make_unique<Handles>();
    std::string error;
    // The owner handle never connects anywhere: it only carries the mock cluster's bookkeeping.
    // Level 4 (warning) drops its notice that no bootstrap.servers is configured.
    handles->owner = NewProducer({{"log_level", "4"}}, &error);
    if (handles->owner == nullptr)
        return Status::IOError("cannot create librdkafka handle: " + error);
    handles->cluster = rd_kafka_mock_cluster_new(handles->owner, broker_count);
    if (handles->cluster == nullptr) {
        return Status::IOError("librdkafka could not start a mock cluster of " +
                               std::to_string(broker_count) + " brokers");
    }
    auto cluster =
        std::unique_ptr<MockKafkaCluster>(new MockKafkaCluster(std::move(handles), broker_count));
    return cluster;
}

MockKafkaCluster::MockKafkaCluster(std::unique_ptr<Handles> handles, int broker_count)
    : handles_(std::move(handles)), broker_count_(broker_count) {
    bootstrap_servers_ = rd_kafka_mock_cluster_bootstraps(handles_->cluster);
    for (int id = 1; id <= broker_count; ++id) brokers_.push_back(BrokerState{id, true, 0});
}

MockKafkaCluster::~MockKafkaCluster() = default;

Status MockKafkaCluster::CheckBroker(int32_t broker_id, bool allow_none) const {
    if (allow_none && broker_id == -1) return Status::OK();
    if (broker_id < 1 || broker_id > broker_count_) {
        return Status::NotFound("no broker " + std::to_string(broker_id) + "; brokers are 1.." +
                                std::to_string(broker_count_));
    }
    return Status::OK();
}

Status MockKafkaCluster::CreateTopic(const std::string& name, int partitions,
                                     int replication_factor) {
    if (!IsLegalTopicName(name)) {
        return Status::InvalidArgument("illegal topic name '" + name +
                                       "': use 1..249 of [a-zA-Z0-9._-]");
    }
    if (partitions < 1 || partitions > kMaxPartitions) {
        return Status::InvalidArgument("partitions must be between 1 and " +
                                       std::to_string(kMaxPartitions));
    }
    if (replication_factor < 0) {
        return Status::InvalidArgument("replication factor must not be negative");
    }
    int replicas = replication_factor == 0 ? 3 : replication_factor;
    if (replicas > broker_count_) replicas = broker_count_;
    std::lock_guard<std::mutex> lock(mu_);
    if (topics_.count(name) != 0) return Status::AlreadyExists("topic " + name + " exists");
    RETURN_IF_ERROR(FromKafkaError(
        rd_kafka_mock_topic_create(handles_->cluster, name.c_str(), partitions, replicas),
        "create topic " + name));
    topics_[name] = TopicRecord{name, partitions, replicas, {}};
    LOG_INFO("created topic {} with {} partitions, replication factor {}", name, partitions,
             replicas);
    return Status::OK();
}

Status MockKafkaCluster::SetBrokerUp(int32_t broker_id, bool up) {
    RETURN_IF_ERROR(CheckBroker(broker_id, false));
    std::lock_guard<std::mutex> lock(mu_);
    rd_kafka_resp_err_t err = up ? rd_kafka_mock_broker_set_up(handles_->cluster, broker_id)
                                 : rd_kafka_mock_broker_set_down(handles_->cluster, broker_id);
    RETURN_IF_ERROR(FromKafkaError(err, "broker " + std::to_string(broker_id)));
    brokers_[broker_id - 1].up = up;
    LOG_INFO("broker {} is {}", broker_id, up ? "up" : "down");
    return Status::OK();
}

Status MockKafkaCluster::SetBrokerRtt(int32_t broker_id, int rtt_ms) {
    RETURN_IF_ERROR(CheckBroker(broker_id, false));
    if (rtt_ms < 0) return Status::InvalidArgument("rtt must not be negative");
    std::lock_guard<std::mutex> lock(mu_);
    RETURN_IF_ERROR(
        FromKafkaError(rd_kafka_mock_broker_set_rtt(handles_->cluster, broker_id, rtt_ms),
                       "broker " + std::to_string(broker_id)));
    brokers_[broker_id - 1].rtt_ms = rtt_ms;
    LOG_INFO("broker {} rtt {} ms", broker_id, rtt_ms);
    return Status::OK();
}

Status MockKafkaCluster::PushRequestErrors(int16_t api_key, const std::vector<int16_t>& errors) {
    if (errors.empty()) return Status::InvalidArgument("no errors to push");
    std::vector<rd_kafka_resp_err_t> codes;
    for (int16_t e : errors) codes.push_back(static_cast<rd_kafka_resp_err_t>(e));
    rd_kafka_mock_push_request_errors_array(handles_->cluster, api_key, codes.size(), codes.data());
    LOG_INFO("pushed {} errors for api key {}", codes.size(), api_key);
    return Status::OK();
}

Status MockKafkaCluster::PushBrokerRequestErrors(int32_t broker_id, int16_t api_key,
                                                 const std::vector<int16_t>& errors, int rtt_ms) {
    RETURN_IF_ERROR(CheckBroker(broker_id, false));
    if (errors.empty()) return Status::InvalidArgument("no errors to push");
    if (rtt_ms < 0) return Status::InvalidArgument("rtt must not be negative");
    // The librdkafka call takes (error, rtt) pairs as varargs; one call per pair keeps the order.
    for (int16_t e : errors) {
        RETURN_IF_ERROR(FromKafkaError(rd_kafka_mock_broker_push_request_error_rtts(
                                           handles_->cluster, broker_id, api_key, 1,
                                           static_cast<rd_kafka_resp_err_t>(e), rtt_ms),
                                       "broker " + std::to_string(broker_id)));
    }
    LOG_INFO("pushed {} errors for api key {} on broker {}", errors.size(), api_key, broker_id);
    return Status::OK();
}

void MockKafkaCluster::ClearRequestErrors(int16_t api_key) {
    rd_kafka_mock_clear_request_errors(handles_->cluster, api_key);
}

StatusOr<size_t> MockKafkaCluster::PendingBrokerRequestErrors(int32_t broker_id,
                                                              int16_t api_key) const {
    RETURN_IF_ERROR(CheckBroker(broker_id, false));
    size_t count = 0;
    RETURN_IF_ERROR(FromKafkaError(
        rd_kafka_mock_broker_error_stack_cnt(handles_->cluster, broker_id, api_key, &count),
        "broker " + std::to_string(broker_id)));
    return count;
}

Status MockKafkaCluster::SetPartitionLeader(const std::string& topic, int32_t partition,
                                            int32_t broker_id) {
    RETURN_IF_ERROR(CheckBroker(broker_id, true));
    std::lock_guard<std::mutex> lock(mu_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) return Status::NotFound("no topic " + topic + " was created here");
    if (partition < 0 || partition >= it->second.partitions) {
        return Status::NotFound("topic " + topic + " has no partition " +
                                std::to_string(partition));
    }
    RETURN_IF_ERROR(FromKafkaError(
        rd_kafka_mock_partition_set_leader(handles_->cluster, topic.c_str(), partition, broker_id),
        topic + " [" + std::to_string(partition) + "]"));
    it->second.leader_overrides[partition] = broker_id;
    LOG_INFO("{} [{}] leader is now {}", topic, partition, broker_id);
    return Status::OK();
}

Status MockKafkaCluster::SetTopicError(const std::string& topic, int16_t error_code) {
    std::lock_guard<std::mutex> lock(mu_);
    if (topics_.count(topic) == 0)
        return Status::NotFound("no topic " + topic + " was created here");
    rd_kafka_mock_topic_set_error(handles_->cluster, topic.c_str(),
                                  static_cast<rd_kafka_resp_err_t>(error_code));
    LOG_INFO("topic {} error set to {}", topic, error_code);
    return Status::OK();
}

std::vector<BrokerState> MockKafkaCluster::Brokers() const {
    std::lock_guard<std::mutex> lock(mu_);
    return brokers_;
}

std::vector<TopicRecord> MockKafkaCluster::Topics() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<TopicRecord> out;
    for (const auto& [name, record] : topics_) out.push_back(record);
    return out;
}

StatusOr<std::vector<TopicMetadata>> MockKafkaCluster::Metadata(int timeout_ms) {
    std::lock_guard<std::mutex> lock(handles_->metadata_mu);
    if (handles_->metadata_client == nullptr) {
        std::string error;
        handles_->metadata_client =
            NewProducer({{"bootstrap.servers", bootstrap_servers_}}, &error);
        if (handles_->metadata_client == nullptr) {
            return Status::IOError("cannot create metadata client: " + error);
        }
    }
    const struct rd_kafka_metadata* md = nullptr;
    RETURN_IF_ERROR(FromKafkaError(
        rd_kafka_metadata(handles_->metadata_client, 1, nullptr, &md, timeout_ms), "metadata"));
    std::vector<TopicMetadata> out;
    for (int t = 0; t < md->topic_cnt; ++t) {
        const rd_kafka_metadata_topic& mt = md->topics[t];
        TopicMetadata topic;
        topic.name = mt.topic;
        if (mt.err != RD_KAFKA_RESP_ERR_NO_ERROR) topic.error = rd_kafka_err2name(mt.err);
        for (int p = 0; p < mt.partition_cnt; ++p) {
            const rd_kafka_metadata_partition& mp = mt.partitions[p];
            PartitionMetadata partition;
            partition.id = mp.id;
            partition.leader = mp.leader;
            partition.replicas.assign(mp.replicas, mp.replicas + mp.replica_cnt);
            if (mp.err != RD_KAFKA_RESP_ERR_NO_ERROR) partition.error = rd_kafka_err2name(mp.err);
            topic.partitions.push_back(std::move(partition));
        }
        out.push_back(std::move(topic));
    }
    rd_kafka_metadata_destroy(md);
    return out;
}

}  // namespace tributary::kafka_test_cluster
