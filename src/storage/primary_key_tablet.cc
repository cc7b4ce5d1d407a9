#include "storage/primary_key_tablet.h"

#include <fmt/format.h>

#include <numeric>
#include <set>

#include "base/logging.h"
#include "base/string_util.h"
#include "storage/segment/segment_reader.h"

namespace tributary {
namespace {

uint64_t PackLocation(uint32_t ordinal, uint32_t row) {
    return (static_cast<uint64_t>(ordinal) << 32) | row;
}
uint32_t OrdinalOf(uint64_t location) { return static_cast<uint32_t>(location >> 32); }
uint32_t RowOf(uint64_t location) { return static_cast<uint32_t>(location); }

}  // namespace

std::string DeleteVectorKey(int64_t tablet_id, SegmentId segment) {
    return fmt::format("{}{:020}/{:020}/{:010}", kDeleteVectorPrefix, tablet_id, segment.rowset_id,
                       segment.segment);
}

std::string TabletDeleteVectorPrefix(int64_t tablet_id) {
    return fmt::format("{}{:020}/", kDeleteVectorPrefix, tablet_id);
}

std::string EncodeDeleteVectorRecord(int64_t version, const DeleteVector& deletes) {
    return fmt::format("{}\n", version) + deletes.Serialize();
}

StatusOr<DeleteVectorRecord> DecodeDeleteVectorRecord(std::string_view key,
                                                      std::string_view value) {
    auto corrupt = [&](std::string_view what) {
        return Status::Corruption(fmt::format("delete vector record {}: {}", key, what));
    };
    if (!key.starts_with(kDeleteVectorPrefix)) return corrupt("not a delete vector key");
    const std::vector<std::string> parts = Split(key.substr(kDeleteVectorPrefix.size()), "/");
    DeleteVectorRecord record;
    int64_t segment = 0;
    if (parts.size() != 3 || !ParseInt64(parts[0], &record.tablet_id) ||
        !ParseInt64(parts[1], &record.segment.rowset_id) || !ParseInt64(parts[2], &segment) ||
        segment < 0 || segment > UINT32_MAX) {
        return corrupt("the key is not <tablet>/<rowset>/<segment>");
    }
    record.segment.segment = static_cast<uint32_t>(segment);
    const size_t newline = value.find('\n');
    if (newline == std::string_view::npos ||
        !ParseInt64(value.substr(0, newline), &record.version) || record.version < 2) {
        return corrupt("the value does not start with a version");
    }
    ASSIGN_OR_RETURN(record.deletes, DeleteVector::Deserialize(value.substr(newline + 1), key));
    return record;
}

PrimaryKeyTablet::PrimaryKeyTablet(int64_t tablet_id, std::function<int64_t()> now_ms)
    : tablet_id_(tablet_id), now_ms_(std::move(now_ms)) {}

void PrimaryKeyTablet::Restore(SegmentId segment, int64_t version, DeleteVector deletes) {
    std::lock_guard lock(mu_);
    deletes_[segment] = {
        Version{version, -1, std::make_shared<const DeleteVector>(std::move(deletes))}};
    applied_version_ = std::max(applied_version_, version);
}

DeleteVectors PrimaryKeyTablet::DeletesAt(int64_t version) const {
    std::lock_guard lock(mu_);
    DeleteVectors out;
    for (const auto& [segment, versions] : deletes_) {
        for (auto v = versions.rbegin(); v != versions.rend(); ++v) {
            if (v->version <= version) {
                out.emplace(segment, v->deletes);
                break;
            }
        }
    }
    return out;
}

std::shared_ptr<const DeleteVector> PrimaryKeyTablet::LatestLocked(SegmentId segment) const {
    auto it = deletes_.find(segment);
    if (it == deletes_.end() || it->second.empty()) return nullptr;
    return it->second.back().deletes;
}

void PrimaryKeyTablet::PruneHistoryLocked() {
    const int64_t now = now_ms_();
    for (auto& [segment, versions] : deletes_) {
        while (versions.size() > 1 && versions.front().superseded_at_ms >= 0 &&
               now - versions.front().superseded_at_ms > kDeleteVectorHistoryMs) {
            versions.erase(versions.begin());
        }
    }
}

void PrimaryKeyTablet::AddVersionLocked(SegmentId segment, int64_t version,
                                        std::shared_ptr<const DeleteVector> deletes) {
    std::vector<Version>& versions = deletes_[segment];
    const int64_t now = now_ms_();
    if (!versions.empty()) versions.back().superseded_at_ms = now;
    // Superseded long enough ago that no reader can still pick them.
    while (versions.size() > 1 && versions.front().superseded_at_ms >= 0 &&
           now - versions.front().superseded_at_ms > kDeleteVectorHistoryMs) {
        versions.erase(versions.begin());
    }
    versions.push_back(Version{version, -1, std::move(deletes)});
}

uint32_t PrimaryKeyTablet::OrdinalOfLocked(SegmentId segment) {
    auto [it, added] = ordinal_of_.emplace(segment, static_cast<uint32_t>(segments_.size()));
    if (added) segments_.push_back(segment);
    return it->second;
}

Status PrimaryKeyTablet::EnsureIndex(const std::function<std::vector<RowsetPtr>()>& live_rowsets,
                                     const ChunkSchema& key_schema, size_t new_keys) {
    std::lock_guard lock(mu_);
    if (index_.has_value()) {
        index_->Reserve(index_->size() + new_keys);
        return Status::OK();
    }
    ASSIGN_OR_RETURN(PrimaryKeyEncoder encoder,
                     PrimaryKeyEncoder::Create(key_schema, key_schema.size()));
    PrimaryIndex index(encoder.fixed_size());
    std::vector<uint32_t> key_ids(key_schema.size());
    std::iota(key_ids.begin(), key_ids.end(), 0u);
    PrimaryKeys keys;
    size_t rows = 0;
    const std::vector<RowsetPtr> rowsets = live_rowsets();
    size_t live = new_keys;  // rows minus deleted rows: the keys the index will hold
    for (const RowsetPtr& rowset : rowsets) {
        for (size_t s = 0; s < rowset->meta().num_segments(); ++s) {
            live += static_cast<size_t>(rowset->meta().segment_rows[s]);
            auto deleted = LatestLocked(SegmentId{rowset->rowset_id(), static_cast<uint32_t>(s)});
            if (deleted != nullptr) live -= std::min<size_t>(live, deleted->Cardinality());
        }
    }
    index.Reserve(live);
    for (const RowsetPtr& rowset : rowsets) {
        for (size_t s = 0; s < rowset->meta().num_segments(); ++s) {
            const std::string& path = rowset->segment_paths()[s];
            ASSIGN_OR_RETURN(std::unique_ptr<SegmentReader> reader, SegmentReader::Open(path));
            ASSIGN_OR_RETURN(Chunk chunk,
                             reader->ReadColumns(key_ids, RowRange{0, reader->num_rows()}));
            encoder.EncodeAll(chunk, &keys);
            const SegmentId id{rowset->rowset_id(), static_cast<uint32_t>(s)};
            const std::shared_ptr<const DeleteVector> deleted = LatestLocked(id);
            const uint32_t ordinal = OrdinalOfLocked(id);
            for (uint32_t row = 0; row < keys.size(); ++row) {
                if (deleted != nullptr && deleted->Contains(row)) continue;
                if (index.Upsert(keys[row], PackLocation(ordinal, row)).has_value()) {
                    // Only rowsets written before merge-on-write hold a key twice.
                    LOG_WARN("tablet {}: a key has two live rows; the newer wins", tablet_id_);
                }
            }
            rows += keys.size();
        }
    }
    index_.emplace(std::move(index));
    encoder_.emplace(std::move(encoder));
    if (rows > 0) {
        LOG_INFO("tablet {}: primary index built from {} rows: {} keys, {} bytes", tablet_id_, rows,
                 index_->size(), index_->MemoryBytes());
    }
    return Status::OK();
}

Status PrimaryKeyTablet::Apply(const PendingRowset& pending, int64_t version,
                               MetaWriteBatch* batch) {
    std::lock_guard lock(mu_);
    undo_index_.clear();
    undo_versions_.clear();
    PruneHistoryLocked();
    const PrimaryKeyDelta& delta = *pending.primary;
    if (!index_.has_value()) {
        return Status::Internal(
            fmt::format("tablet {}: primary index not built before apply", tablet_id_));
    }
    // Copies of the delete vectors this apply changes.
    std::map<SegmentId, std::shared_ptr<DeleteVector>> changed;
    auto mark_deleted = [&](uint64_t location) {
        const SegmentId segment = segments_[OrdinalOf(location)];
        std::shared_ptr<DeleteVector>& copy = changed[segment];
        if (copy == nullptr) {
            std::shared_ptr<const DeleteVector> current = LatestLocked(segment);
            copy = current != nullptr ? std::make_shared<DeleteVector>(*current)
                                      : std::make_shared<DeleteVector>();
        }
        copy->Add(RowOf(location));
    };

    PrimaryKeys keys;
    if (delta.upserted_keys.num_rows() > 0) {
        encoder_->EncodeAll(delta.upserted_keys, &keys);
        const std::vector<int64_t>& segment_rows = pending.meta.segment_rows;
        uint64_t row = 0;
        for (uint32_t s = 0; s < segment_rows.size(); ++s) {
            const uint32_t ordinal = OrdinalOfLocked(SegmentId{pending.meta.rowset_id, s});
            for (int64_t r = 0; r < segment_rows[s]; ++r, ++row) {
                std::optional<uint64_t> previous =
                    index_->Upsert(keys[row], PackLocation(ordinal, static_cast<uint32_t>(r)));
                undo_index_.push_back(UndoEntry{std::string(keys[row]), previous});
                if (previous.has_value()) mark_deleted(*previous);
            }
        }
    }
    if (delta.deleted_keys.num_rows() > 0) {
        encoder_->EncodeAll(delta.deleted_keys, &keys);
        for (size_t i = 0; i < keys.size(); ++i) {
            std::optional<uint64_t> previous = index_->Erase(keys[i]);
            if (!previous.has_value()) continue;  // deleting a key that is not there
            undo_index_.push_back(UndoEntry{std::string(keys[i]), previous});
            mark_deleted(*previous);
        }
    }
    for (auto& [segment, deletes] : changed) {
        batch->Put(DeleteVectorKey(tablet_id_, segment),
                   EncodeDeleteVectorRecord(version, *deletes));
        AddVersionLocked(segment, version, std::move(deletes));
        undo_versions_.push_back(segment);
    }
    undo_applied_version_ = applied_version_;
    applied_version_ = std::max(applied_version_, version);
    return Status::OK();
}

void PrimaryKeyTablet::Undo() {
    std::lock_guard lock(mu_);
    for (auto entry = undo_index_.rbegin(); entry != undo_index_.rend(); ++entry) {
        if (entry->previous.has_value()) {
            index_->Upsert(entry->key, *entry->previous);
        } else {
            index_->Erase(entry->key);
        }
    }
    for (const SegmentId& segment : undo_versions_) {
        std::vector<Version>& versions = deletes_[segment];
        versions.pop_back();
        if (versions.empty()) {
            deletes_.erase(segment);
        } else {
            versions.back().superseded_at_ms = -1;
        }
    }
    applied_version_ = undo_applied_version_;
    undo_index_.clear();
    undo_versions_.clear();
}

Status PrimaryKeyTablet::SwapCompacted(
    const std::vector<RowsetPtr>& inputs, const PendingRowset& output, const Chunk& output_keys,
    MetaWriteBatch* batch, const std::function<Status(MetaWriteBatch*, int64_t)>& swap) {
    std::lock_guard lock(mu_);
    undo_index_.clear();
    undo_versions_.clear();
    const int64_t version = std::max(applied_version_, output.meta.end_version);
    for (const RowsetPtr& input : inputs) {
        for (size_t s = 0; s < input->meta().num_segments(); ++s) {
            batch->Delete(DeleteVectorKey(tablet_id_,
                                          SegmentId{input->rowset_id(), static_cast<uint32_t>(s)}));
        }
    }
    // No index: nothing was applied since the inputs were read (an apply builds it first), so
    // every output row is live.
    std::map<uint32_t, DeleteVector> dead;  // output segment -> rows whose key moved on
    std::vector<std::pair<std::string, uint64_t>> moved;  // key -> its row in the output
    if (index_.has_value() && output_keys.num_rows() > 0) {
        std::set<uint32_t> input_ordinals;
        for (const RowsetPtr& input : inputs) {
            for (size_t s = 0; s < input->meta().num_segments(); ++s) {
                auto it = ordinal_of_.find(SegmentId{input->rowset_id(), static_cast<uint32_t>(s)});
                if (it != ordinal_of_.end()) input_ordinals.insert(it->second);
            }
        }
        PrimaryKeys keys;
        encoder_->EncodeAll(output_keys, &keys);
        const std::vector<int64_t>& segment_rows = output.meta.segment_rows;
        uint64_t row = 0;
        for (uint32_t s = 0; s < segment_rows.size(); ++s) {
            const uint32_t ordinal = OrdinalOfLocked(SegmentId{output.meta.rowset_id, s});
            for (int64_t r = 0; r < segment_rows[s]; ++r, ++row) {
                std::optional<uint64_t> at = index_->Find(keys[row]);
                if (at.has_value() && input_ordinals.contains(OrdinalOf(*at))) {
                    moved.emplace_back(std::string(keys[row]),
                                       PackLocation(ordinal, static_cast<uint32_t>(r)));
                } else {
                    dead[s].Add(static_cast<uint32_t>(r));
                }
            }
        }
    }
    for (const auto& [s, deletes] : dead) {
        batch->Put(DeleteVectorKey(tablet_id_, SegmentId{output.meta.rowset_id, s}),
                   EncodeDeleteVectorRecord(version, deletes));
    }
    if (Status written = swap(batch, version); !written.ok()) {
        index_.reset();  // whether the write is durable is unknown: rebuild from what is
        return written;
    }
    for (const auto& [key, location] : moved) index_->Upsert(key, location);
    for (auto& [s, deletes] : dead) {
        AddVersionLocked(SegmentId{output.meta.rowset_id, s}, version,
                         std::make_shared<const DeleteVector>(std::move(deletes)));
    }
    return Status::OK();
}

StatusOr<std::vector<std::optional<std::pair<SegmentId, uint32_t>>>> PrimaryKeyTablet::Lookup(
    const Chunk& keys) const {
    std::lock_guard lock(mu_);
    if (!index_.has_value()) {
        return Status::Internal(fmt::format("tablet {}: primary index not built", tablet_id_));
    }
    PrimaryKeys encoded;
    encoder_->EncodeAll(keys, &encoded);
    std::vector<std::optional<std::pair<SegmentId, uint32_t>>> found(encoded.size());
    for (size_t i = 0; i < encoded.size(); ++i) {
        if (std::optional<uint64_t> at = index_->Find(encoded[i])) {
            found[i] = std::make_pair(segments_[OrdinalOf(*at)], RowOf(*at));
        }
    }
    return found;
}

void PrimaryKeyTablet::ForgetRowsets(const std::vector<int64_t>& rowset_ids) {
    std::lock_guard lock(mu_);
    for (int64_t id : rowset_ids) {
        auto it = deletes_.lower_bound(SegmentId{id, 0});
        while (it != deletes_.end() && it->first.rowset_id == id) it = deletes_.erase(it);
    }
}

size_t PrimaryKeyTablet::index_keys() const {
    std::lock_guard lock(mu_);
    return index_.has_value() ? index_->size() : 0;
}

size_t PrimaryKeyTablet::index_memory_bytes() const {
    std::lock_guard lock(mu_);
    return index_.has_value() ? index_->MemoryBytes() : 0;
}

}  // namespace tributary
