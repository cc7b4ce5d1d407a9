// Names of Kafka protocol API keys and broker error codes, for the control channel.
//
// The control channel takes human names ("Fetch", "NOT_LEADER_FOR_PARTITION") or the protocol's
// numbers ("1", "6"); these functions turn either into the numbers librdkafka's mock cluster
// wants. Error names come from librdkafka's own table (rd_kafka_get_err_descs), so every broker
// error it knows is accepted; API keys come from a table here (librdkafka does not export one).
// Thread safety: all functions are pure and may be called from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace tributary::kafka_test_cluster {

// "Fetch" (any case) or "1" -> 1. Fails on an unknown name or a number outside 0..32767.
StatusOr<int16_t> ParseApiKey(std::string_view text);

// The API's name for `api_key` ("Fetch"), or its number as text when the table lacks it.
std::string ApiKeyName(int16_t api_key);

// "NOT_LEADER_FOR_PARTITION", "RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION" (any case) or "6"
// -> 6. Only broker error codes (0 and above) are accepted: librdkafka's negative codes are
// client-local and can never travel in a response.
StatusOr<int16_t> ParseBrokerErrorCode(std::string_view text);

// librdkafka's name for a broker error code ("NOT_LEADER_FOR_PARTITION").
std::string BrokerErrorName(int16_t code);

}  // namespace tributary::kafka_test_cluster
