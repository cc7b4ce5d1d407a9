#include "meta/meta_store.h"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <filesystem>

namespace tributary {
namespace {

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
    if (s.ok()) return Status::OK();
    std::string msg = std::string(what) + ": " + s.ToString();
    if (s.IsCorruption()) return Status::Corruption(std::move(msg));
    return Status::IOError(std::move(msg));
}

}  // namespace

struct MetaStore::Impl {
    std::unique_ptr<rocksdb::DB> db;
};

MetaStore::MetaStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MetaStore::~MetaStore() = default;

StatusOr<std::unique_ptr<MetaStore>> MetaStore::Open(const std::string& path) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) return Status::IOError("cannot create metadata directory " + path + ": " + ec.message());
    rocksdb::Options options;
    options.create_if_missing = true;
    options.paranoid_checks = true;
    // Metadata is small; keep the footprint modest.
    options.write_buffer_size = 8 << 20;
    options.max_open_files = 256;
    options.keep_log_file_num = 5;
    rocksdb::DB* raw = nullptr;
    RETURN_IF_ERROR(FromRocks(rocksdb::DB::Open(options, path, &raw), "open metadata " + path));
    auto impl = std::make_unique<Impl>();
    impl->db.reset(raw);
    return std::unique_ptr<MetaStore>(new MetaStore(std::move(impl)));
}

StatusOr<std::optional<std::string>> MetaStore::Get(std::string_view key) const {
    std::string value;
    rocksdb::Status s = impl_->db->Get(rocksdb::ReadOptions(), rocksdb::Slice(key.data(), key.size()),
                                       &value);
    if (s.IsNotFound()) return std::optional<std::string>();
    RETURN_IF_ERROR(FromRocks(s, "read metadata"));
    return std::optional<std::string>(std::move(value));
}

Status MetaStore::Write(const MetaWriteBatch& batch) {
    if (batch.empty()) return Status::OK();
    rocksdb::WriteBatch wb;
    for (const auto& op : batch.ops_) {
        rocksdb::Status s = op.is_delete ? wb.Delete(op.key) : wb.Put(op.key, op.value);
        RETURN_IF_ERROR(FromRocks(s, "build metadata batch"));
    }
    rocksdb::WriteOptions options;
    options.sync = true;
    return FromRocks(impl_->db->Write(options, &wb), "write metadata");
}

Status MetaStore::Scan(std::string_view prefix,
                       const std::function<bool(std::string_view, std::string_view)>& fn) const {
    rocksdb::ReadOptions options;
    std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(options));
    rocksdb::Slice start(prefix.data(), prefix.size());
    for (it->Seek(start); it->Valid(); it->Next()) {
        rocksdb::Slice key = it->key();
        if (!key.starts_with(start)) break;
        rocksdb::Slice value = it->value();
        if (!fn(std::string_view(key.data(), key.size()),
                std::string_view(value.data(), value.size()))) {
            break;
        }
    }
    return FromRocks(it->status(), "scan metadata");
}

}  // namespace tributary
