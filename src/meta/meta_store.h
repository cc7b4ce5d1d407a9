// MetaStore: the durable home of all metadata (catalog, users, jobs, transactions, tablets).
//
// A thin wrapper over one RocksDB instance. Every Write() is a single atomic WriteBatch with
// sync=true: when it returns OK the change survives kill -9 and power loss, and either all of a
// batch's puts and deletes are durable or none is. Callers acknowledge a statement to the client
// only after its Write() returned OK.
//
// Keys are byte strings; each owner uses its own prefix ("catalog/", "user/", ...), documented
// in docs/architecture.md. Values are opaque here.
//
// Thread safety: all methods may be called concurrently. Writers that must read-modify-write
// serialise themselves (the catalog holds its own lock around validate + Write + apply).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace tributary {

// A list of puts and deletes applied atomically by MetaStore::Write.
class MetaWriteBatch {
public:
    void Put(std::string key, std::string value) {
        ops_.push_back(Op{std::move(key), std::move(value), false});
    }
    void Delete(std::string key) { ops_.push_back(Op{std::move(key), {}, true}); }
    bool empty() const { return ops_.empty(); }
    size_t size() const { return ops_.size(); }

private:
    friend class MetaStore;
    struct Op {
        std::string key;
        std::string value;
        bool is_delete;
    };
    std::vector<Op> ops_;
};

class MetaStore {
public:
    // Opens (creating if absent) the store in directory `path`.
    static StatusOr<std::unique_ptr<MetaStore>> Open(const std::string& path);
    ~MetaStore();
    MetaStore(const MetaStore&) = delete;
    MetaStore& operator=(const MetaStore&) = delete;

    // The value under `key`, or nullopt when absent.
    StatusOr<std::optional<std::string>> Get(std::string_view key) const;

    // Applies `batch` atomically and durably (fsync'd WAL) before returning.
    Status Write(const MetaWriteBatch& batch);

    // Calls `fn(key, value)` for every key starting with `prefix`, in key order, until it returns
    // false. Reads a consistent snapshot.
    Status Scan(std::string_view prefix,
                const std::function<bool(std::string_view key, std::string_view value)>& fn) const;

private:
    struct Impl;
    explicit MetaStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace tributary
