#include "storage/rowset_meta.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace tributary {

namespace {

// The fields of the JSON object, in the order written.
constexpr const char* kInt64Fields[] = {"rowset_id",     "tablet_id",   "partition_id",
                                        "start_version", "end_version", "txn_id",
                                        "num_rows",      "data_bytes",  "create_time_ms"};

// Field i of kInt64Fields in `meta` (RowsetMeta or const RowsetMeta).
template <typename Meta>
auto* FieldOf(Meta* meta, size_t i) {
    decltype(&meta->rowset_id) fields[] = {
        &meta->rowset_id,     &meta->tablet_id,   &meta->partition_id,
        &meta->start_version, &meta->end_version, &meta->txn_id,
        &meta->num_rows,      &meta->data_bytes,  &meta->create_time_ms};
    return fields[i];
}

Status CheckInvariants(const RowsetMeta& meta) {
    if (meta.rowset_id <= 0 || meta.tablet_id <= 0) return Status::Corruption("ids must be > 0");
    if (meta.start_version < 2 || meta.end_version < meta.start_version) {
        return Status::Corruption(
            fmt::format("bad version range [{}, {}]", meta.start_version, meta.end_version));
    }
    int64_t rows = 0;
    for (int64_t r : meta.segment_rows) {
        if (r < 0) return Status::Corruption("negative segment row count");
        rows += r;
    }
    if (rows != meta.num_rows) {
        return Status::Corruption(
            fmt::format("num_rows {} differs from the segments' sum {}", meta.num_rows, rows));
    }
    if (meta.data_bytes < 0) return Status::Corruption("negative data_bytes");
    return Status::OK();
}

}  // namespace

std::string RowsetMetaKey(int64_t tablet_id, int64_t start_version, int64_t rowset_id) {
    return fmt::format("{}{:020}/{:020}/{:020}", kRowsetMetaPrefix, tablet_id, start_version,
                       rowset_id);
}

std::string TabletRowsetPrefix(int64_t tablet_id) {
    return fmt::format("{}{:020}/", kRowsetMetaPrefix, tablet_id);
}

std::string EncodeRowsetMeta(const RowsetMeta& meta) {
    nlohmann::ordered_json json;
    for (size_t i = 0; i < std::size(kInt64Fields); ++i) json[kInt64Fields[i]] = *FieldOf(&meta, i);
    json["segment_rows"] = meta.segment_rows;
    return json.dump();
}

StatusOr<RowsetMeta> DecodeRowsetMeta(std::string_view key, std::string_view value) {
    auto corrupt = [&](std::string_view what) {
        return Status::Corruption(fmt::format("rowset meta {}: {}", key, what));
    };
    nlohmann::json json = nlohmann::json::parse(value, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object()) return corrupt("value is not a JSON object");
    RowsetMeta meta;
    for (size_t i = 0; i < std::size(kInt64Fields); ++i) {
        auto it = json.find(kInt64Fields[i]);
        if (it == json.end() || !it->is_number_integer()) {
            return corrupt(fmt::format("field '{}' is missing or not an integer", kInt64Fields[i]));
        }
        *FieldOf(&meta, i) = it->get<int64_t>();
    }
    auto rows = json.find("segment_rows");
    if (rows == json.end() || !rows->is_array()) {
        return corrupt("field 'segment_rows' is missing or not an array");
    }
    for (const auto& r : *rows) {
        if (!r.is_number_integer()) return corrupt("field 'segment_rows' holds a non-integer");
        meta.segment_rows.push_back(r.get<int64_t>());
    }
    Status invariants = CheckInvariants(meta);
    if (!invariants.ok()) return corrupt(invariants.message());
    if (RowsetMetaKey(meta) != key) {
        return corrupt(fmt::format("value names tablet {} version {} rowset {}, not the key's",
                                   meta.tablet_id, meta.start_version, meta.rowset_id));
    }
    return meta;
}

}  // namespace tributary
