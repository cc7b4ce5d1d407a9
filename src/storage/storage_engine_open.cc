// StorageEngine: opening, loading rowset metas, the rowset id counter and startup cleanup.
#include <fmt/format.h>

#include <filesystem>

#include "base/logging.h"
#include "base/string_util.h"
#include "storage/storage_engine.h"
#include "storage/storage_layout.h"

namespace tributary {

namespace fs = std::filesystem;

StatusOr<std::unique_ptr<StorageEngine>> StorageEngine::Open(std::string data_dir, MetaStore* store,
                                                             StorageEngineOptions options) {
    if (options.rowset_id_block < 1) {
        return Status::InvalidArgument("rowset_id_block must be at least 1");
    }
    if (options.compaction.interval_ms < 1) {
        return Status::InvalidArgument("compaction interval_ms must be at least 1");
    }
    std::unique_ptr<StorageEngine> engine(
        new StorageEngine(std::move(data_dir), store, std::move(options)));
    RETURN_IF_ERROR(CreateDirDurably(StorageDataRoot(engine->data_dir_)));
    RETURN_IF_ERROR(engine->LoadRowsets());
    RETURN_IF_ERROR(engine->LoadDeleteVectors());
    RETURN_IF_ERROR(engine->LoadRowsetIdCounter());
    RETURN_IF_ERROR(engine->RemoveUnreferencedFiles());
    engine->StartCompactionThread();
    return engine;
}

Status StorageEngine::LoadRowsets() {
    Status decode_error;
    int64_t count = 0;
    RETURN_IF_ERROR(
        store_->Scan(kRowsetMetaPrefix, [&](std::string_view key, std::string_view value) {
            StatusOr<RowsetMeta> meta = DecodeRowsetMeta(key, value);
            if (!meta.ok()) {
                decode_error = meta.status();
                return false;
            }
            auto& tablet = tablets_[meta->tablet_id];
            if (tablet == nullptr) tablet = std::make_unique<Tablet>(meta->tablet_id);
            Status added = tablet->Add(MakeRowset(std::move(meta).value()));
            if (!added.ok()) {
                decode_error =
                    Status::Corruption(fmt::format("rowset meta {}: {}", key, added.message()));
                return false;
            }
            ++count;
            return true;
        }));
    RETURN_IF_ERROR(decode_error);
    LOG_INFO("storage engine: loaded {} rowsets of {} tablets", count, tablets_.size());
    return Status::OK();
}

Status StorageEngine::LoadDeleteVectors() {
    Status decode_error;
    int64_t count = 0;
    RETURN_IF_ERROR(
        store_->Scan(kDeleteVectorPrefix, [&](std::string_view key, std::string_view value) {
            StatusOr<DeleteVectorRecord> record = DecodeDeleteVectorRecord(key, value);
            if (!record.ok()) {
                decode_error = record.status();
                return false;
            }
            PrimaryTablet(record->tablet_id)
                ->Restore(record->segment, record->version, std::move(record->deletes));
            ++count;
            return true;
        }));
    RETURN_IF_ERROR(decode_error);
    if (count > 0) LOG_INFO("storage engine: loaded {} delete vectors", count);
    return Status::OK();
}

Status StorageEngine::LoadRowsetIdCounter() {
    ASSIGN_OR_RETURN(std::optional<std::string> stored, store_->Get(kNextRowsetIdKey));
    int64_t next = 1;
    if (stored.has_value() && (!ParseInt64(*stored, &next) || next < 1)) {
        return Status::Corruption(
            fmt::format("{}: value '{}' is not a positive integer", kNextRowsetIdKey, *stored));
    }
    for (const auto& [id, tablet] : tablets_) {
        for (const RowsetPtr& rowset : tablet->Rowsets()) {
            next = std::max(next, rowset->rowset_id() + 1);
        }
    }
    next_rowset_id_ = next;
    reserved_until_ = next;
    return Status::OK();
}

Status StorageEngine::RemoveUnreferencedFiles() {
    // (tablet id, rowset id) of every committed rowset.
    std::unordered_map<int64_t, std::unordered_set<int64_t>> referenced;
    for (const auto& [id, tablet] : tablets_) {
        for (const RowsetPtr& rowset : tablet->Rowsets()) {
            referenced[id].insert(rowset->rowset_id());
            for (const std::string& path : rowset->segment_paths()) {
                std::error_code ec;
                if (!fs::exists(path, ec)) {
                    LOG_ERROR("segment file {} of committed rowset {} of tablet {} is missing",
                              path, rowset->rowset_id(), id);
                }
            }
        }
    }
    const std::string root = StorageDataRoot(data_dir_);
    int64_t removed = 0;
    try {
        for (const fs::directory_entry& shard : fs::directory_iterator(root)) {
            if (!shard.is_directory()) continue;
            for (const fs::directory_entry& tablet_dir : fs::directory_iterator(shard.path())) {
                int64_t tablet_id = 0;
                if (!tablet_dir.is_directory() ||
                    !ParseInt64(tablet_dir.path().filename().string(), &tablet_id)) {
                    LOG_WARN("storage engine: leaving unexpected entry {}",
                             tablet_dir.path().string());
                    continue;
                }
                auto refs = referenced.find(tablet_id);
                size_t kept = 0;
                for (const fs::directory_entry& file : fs::directory_iterator(tablet_dir.path())) {
                    const std::string name = file.path().filename().string();
                    std::optional<int64_t> rowset_id = ParseSegmentFileName(name);
                    bool garbage = name.ends_with(".tmp") ||
                                   (rowset_id.has_value() && (refs == referenced.end() ||
                                                              !refs->second.contains(*rowset_id)));
                    if (!garbage) {
                        if (!rowset_id.has_value()) {
                            LOG_WARN("storage engine: leaving unexpected file {}",
                                     file.path().string());
                        }
                        ++kept;
                        continue;
                    }
                    LOG_INFO("storage engine: removing {}: no committed rowset references it",
                             file.path().string());
                    removed += static_cast<int64_t>(RemoveFiles({file.path().string()}));
                }
                std::error_code ignored;  // fails, harmlessly, when the directory is not empty
                if (kept == 0) fs::remove(tablet_dir.path(), ignored);
            }
        }
    } catch (const fs::filesystem_error& e) {
        return Status::IOError(fmt::format("cannot clean up {}: {}", root, e.what()));
    }
    LOG_INFO("storage engine: removed {} unreferenced file(s) at startup", removed);
    return Status::OK();
}

}  // namespace tributary
