#include "kafka_test_cluster/kafka_names.h"

#include <librdkafka/rdkafka.h>

#include <utility>

#include "base/string_util.h"

namespace tributary::kafka_test_cluster {

namespace {

// Kafka protocol ApiKeys (kafka.apache.org/protocol#protocol_api_keys) that librdkafka's mock
// cluster answers or that clients send to it.
constexpr std::pair<std::string_view, int16_t> kApiKeys[] = {
    {"Produce", 0},
    {"Fetch", 1},
    {"ListOffsets", 2},
    {"Metadata", 3},
    {"OffsetCommit", 8},
    {"OffsetFetch", 9},
    {"FindCoordinator", 10},
    {"JoinGroup", 11},
    {"Heartbeat", 12},
    {"LeaveGroup", 13},
    {"SyncGroup", 14},
    {"DescribeGroups", 15},
    {"ListGroups", 16},
    {"SaslHandshake", 17},
    {"ApiVersions", 18},
    {"CreateTopics", 19},
    {"DeleteTopics", 20},
    {"DeleteRecords", 21},
    {"InitProducerId", 22},
    {"OffsetForLeaderEpoch", 23},
    {"AddPartitionsToTxn", 24},
    {"AddOffsetsToTxn", 25},
    {"EndTxn", 26},
    {"TxnOffsetCommit", 28},
};

constexpr std::string_view kErrPrefix = "RD_KAFKA_RESP_ERR_";

}  // namespace

StatusOr<int16_t> ParseApiKey(std::string_view text) {
    int64_t number = 0;
    if (ParseInt64(text, &number)) {
        if (number < 0 || number > INT16_MAX) {
            return Status::InvalidArgument("api key " + std::string(text) + " is out of range");
        }
        return static_cast<int16_t>(number);
    }
    for (const auto& [name, key] : kApiKeys) {
        if (EqualsIgnoreCase(name, text)) return key;
    }
    std::string known;
    for (const auto& [name, key] : kApiKeys)
        known += (known.empty() ? "" : ", ") + std::string(name);
    return Status::InvalidArgument("unknown api '" + std::string(text) +
                                   "'; use a number or one of " + known);
}

std::string ApiKeyName(int16_t api_key) {
    for (const auto& [name, key] : kApiKeys) {
        if (key == api_key) return std::string(name);
    }
    return std::to_string(api_key);
}

StatusOr<int16_t> ParseBrokerErrorCode(std::string_view text) {
    int64_t number = 0;
    if (ParseInt64(text, &number)) {
        if (number < 0 || number > INT16_MAX) {
            return Status::InvalidArgument("error code " + std::string(text) +
                                           " is not a broker error code (0..32767)");
        }
        return static_cast<int16_t>(number);
    }
    std::string_view name = text;
    if (StartsWithIgnoreCase(name, kErrPrefix)) name.remove_prefix(kErrPrefix.size());
    const rd_kafka_err_desc* descs = nullptr;
    size_t count = 0;
    rd_kafka_get_err_descs(&descs, &count);
    for (size_t i = 0; i < count; ++i) {
        if (descs[i].name == nullptr || !EqualsIgnoreCase(descs[i].name, name)) continue;
        if (descs[i].code < 0) {
            return Status::InvalidArgument("error " + std::string(text) +
                                           " is local to librdkafka, not a broker error code");
        }
        return static_cast<int16_t>(descs[i].code);
    }
    return Status::InvalidArgument("unknown error code '" + std::string(text) +
                                   "'; use a number or a name such as NOT_LEADER_FOR_PARTITION");
}

std::string BrokerErrorName(int16_t code) {
    return rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(code));
}

}  // namespace tributary::kafka_test_cluster
