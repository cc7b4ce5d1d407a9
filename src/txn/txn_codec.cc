#include "txn/txn_codec.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/string_util.h"

namespace tributary {
namespace {

using Json = nlohmann::json;

// Thrown inside this file only, for shapes the JSON library accepts but we do not; caught by
// Decode() and turned into a Corruption status.
struct BadShape {
    std::string what;
};

// Parses `value` and runs `decode` on it, turning any failure into Corruption.
template <typename T, typename Fn>
StatusOr<T> Decode(std::string_view what, std::string_view value, Fn decode) {
    Json j = Json::parse(value, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Status::Corruption(fmt::format("{} is not valid JSON", what));
    try {
        return decode(j);
    } catch (const BadShape& e) {
        return Status::Corruption(fmt::format("{} is malformed: {}", what, e.what));
    } catch (const std::exception& e) {
        return Status::Corruption(fmt::format("{} is malformed: {}", what, e.what()));
    }
}

// Replacing invalid UTF-8 in free text (reasons, coordinator) is a safety net so that dump()
// never throws; the attachment never reaches it unescaped (see IsValidUtf8).
std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

bool IsValidUtf8(const std::string& text) {
    try {
        (void)Json(text).dump();
        return true;
    } catch (const Json::type_error&) {
        return false;
    }
}

std::string PaddedId(int64_t id) { return fmt::format("{:020}", id); }

}  // namespace

std::string TxnRecordKey(int64_t db_id, int64_t txn_id) {
    return fmt::format("{}{}/{}", kTxnRecordPrefix, PaddedId(db_id), PaddedId(txn_id));
}

std::string PartitionVersionKey(int64_t partition_id) {
    return fmt::format("{}{}", kPartitionVersionPrefix, PaddedId(partition_id));
}

StatusOr<int64_t> ParsePartitionVersionKey(std::string_view key) {
    int64_t id = 0;
    if (!key.starts_with(kPartitionVersionPrefix) ||
        !ParseInt64(key.substr(kPartitionVersionPrefix.size()), &id)) {
        return Status::Corruption(fmt::format("'{}' is not a partition version key", key));
    }
    return id;
}

std::string EncodeTxnNextId(int64_t next_id) { return Dump(Json{{"next_id", next_id}}); }

StatusOr<int64_t> DecodeTxnNextId(std::string_view value) {
    return Decode<int64_t>("txn/next_id", value,
                           [](const Json& j) { return j.at("next_id").get<int64_t>(); });
}

std::string EncodeTransactionRecord(const TransactionRecord& r) {
    Json versions = Json::array();
    for (const PartitionVersion& v : r.versions) {
        versions.push_back({{"partition_id", v.partition_id}, {"version", v.version}});
    }
    Json j = {{"txn_id", r.txn_id},
              {"db_id", r.db_id},
              {"table_id", r.table_id},
              {"label", r.label},
              {"source", std::string(TransactionSourceName(r.source))},
              {"coordinator", r.coordinator},
              {"state", std::string(TransactionStateName(r.state))},
              {"reason", r.reason},
              {"timeout_seconds", r.timeout_seconds},
              {"prepare_time_ms", r.prepare_time_ms},
              {"commit_time_ms", r.commit_time_ms},
              {"finish_time_ms", r.finish_time_ms},
              {"versions", std::move(versions)}};
    if (IsValidUtf8(r.attachment)) {
        j["attachment"] = r.attachment;
    } else {
        j["attachment_hex"] = HexEncode(r.attachment);
    }
    return Dump(j);
}

StatusOr<TransactionRecord> DecodeTransactionRecord(std::string_view value) {
    return Decode<TransactionRecord>("transaction record", value, [](const Json& j) {
        TransactionRecord r;
        r.txn_id = j.at("txn_id").get<int64_t>();
        r.db_id = j.at("db_id").get<int64_t>();
        r.table_id = j.at("table_id").get<int64_t>();
        r.label = j.at("label").get<std::string>();
        std::string source = j.at("source").get<std::string>();
        std::optional<TransactionSource> parsed_source = ParseTransactionSource(source);
        if (!parsed_source) throw BadShape{"unknown source '" + source + "'"};
        r.source = *parsed_source;
        r.coordinator = j.at("coordinator").get<std::string>();
        std::string state = j.at("state").get<std::string>();
        std::optional<TransactionState> parsed_state = ParseTransactionState(state);
        if (!parsed_state) throw BadShape{"unknown state '" + state + "'"};
        r.state = *parsed_state;
        r.reason = j.at("reason").get<std::string>();
        r.timeout_seconds = j.at("timeout_seconds").get<int64_t>();
        r.prepare_time_ms = j.at("prepare_time_ms").get<int64_t>();
        r.commit_time_ms = j.at("commit_time_ms").get<int64_t>();
        r.finish_time_ms = j.at("finish_time_ms").get<int64_t>();
        for (const Json& v : j.at("versions")) {
            r.versions.push_back(
                {v.at("partition_id").get<int64_t>(), v.at("version").get<int64_t>()});
        }
        if (j.contains("attachment_hex")) {
            StatusOr<std::string> bytes = HexDecode(j.at("attachment_hex").get<std::string>());
            if (!bytes.ok()) {
                throw BadShape{"attachment_hex: " + std::string(bytes.status().message())};
            }
            r.attachment = std::move(bytes).value();
        } else {
            r.attachment = j.at("attachment").get<std::string>();
        }
        return r;
    });
}

std::string EncodePartitionVersion(int64_t version) { return Dump(Json{{"version", version}}); }

StatusOr<int64_t> DecodePartitionVersion(std::string_view value) {
    return Decode<int64_t>("partition version", value, [](const Json& j) {
        int64_t version = j.at("version").get<int64_t>();
        if (version < 1) throw BadShape{fmt::format("version {} is below 1", version)};
        return version;
    });
}

}  // namespace tributary
