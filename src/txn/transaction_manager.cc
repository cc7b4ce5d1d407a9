#include "txn/transaction_manager.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <thread>
#include <utility>

#include "base/check.h"
#include "base/config.h"
#include "base/logging.h"
#include "txn/label.h"
#include "txn/txn_codec.h"

namespace tributary {
namespace {

constexpr std::string_view kRestartAbortReason = "aborted at restart: the writer did not finish";
constexpr std::string_view kTimeoutAbortReason = "timeout by txn manager";

int64_t SystemClockMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Status LabelAlreadyUsed(const TransactionRecord& holder) {
    return Status::AlreadyExists(fmt::format("Label [{}] has already been used, relate to txn [{}]",
                                             holder.label, holder.txn_id),
                                 ErrorCode::kLabelAlreadyExists);
}

}  // namespace

// In-memory state. Writers hold write_mu for their whole operation (validate, MetaStore write,
// apply) and take mu exclusively only to apply; readers take mu shared. So a writer may read the
// maps without mu, and readers never wait for an fsync.
struct TransactionManager::State {
    std::mutex write_mu;
    mutable std::shared_mutex mu;

    int64_t next_id = 1;  // guarded by write_mu
    std::map<int64_t, TransactionRecord> records;
    // (db_id, label) -> ids of the retained transactions with that label, ascending.
    std::map<std::pair<int64_t, std::string>, std::vector<int64_t>> labels;
    std::unordered_map<int64_t, int64_t> versions;        // absent: version 1
    std::unordered_map<int64_t, int64_t> running_per_db;  // PREPARE transactions per database

    // Inserts or replaces `record`, keeping the label index and running counts in step.
    // REQUIRES: mu held exclusively (or no reader can exist yet).
    void Apply(TransactionRecord record) {
        auto it = records.find(record.txn_id);
        if (it == records.end()) {
            labels[{record.db_id, record.label}].push_back(record.txn_id);
        } else if (it->second.state == TransactionState::kPrepare) {
            --running_per_db[it->second.db_id];
        }
        if (record.state == TransactionState::kPrepare) ++running_per_db[record.db_id];
        int64_t id = record.txn_id;
        records.insert_or_assign(id, std::move(record));
    }

    // REQUIRES: mu held exclusively.
    void Remove(int64_t txn_id) {
        auto it = records.find(txn_id);
        if (it == records.end()) return;
        const TransactionRecord& r = it->second;
        if (r.state == TransactionState::kPrepare) --running_per_db[r.db_id];
        auto label_it = labels.find({r.db_id, r.label});
        if (label_it != labels.end()) {
            std::erase(label_it->second, txn_id);
            if (label_it->second.empty()) labels.erase(label_it);
        }
        records.erase(it);
    }

    int64_t VersionOf(int64_t partition_id) const {
        auto it = versions.find(partition_id);
        return it == versions.end() ? 1 : it->second;
    }

    // Maintenance thread.
    std::mutex maintenance_mu;
    std::condition_variable maintenance_cv;
    bool stopping = false;  // guarded by maintenance_mu
    std::thread maintenance;
};

TransactionManager::TransactionManager(MetaStore* store, TransactionManagerOptions options)
    : store_(store), options_(std::move(options)), state_(std::make_unique<State>()) {}

TransactionManager::~TransactionManager() { StopMaintenance(); }

StatusOr<std::unique_ptr<TransactionManager>> TransactionManager::Open(
    MetaStore* store, TransactionManagerOptions options) {
    std::unique_ptr<TransactionManager> manager(new TransactionManager(store, std::move(options)));
    RETURN_IF_ERROR(manager->Load());
    manager->StartMaintenance();
    return manager;
}

int64_t TransactionManager::Now() const {
    return options_.clock_ms ? options_.clock_ms() : SystemClockMs();
}

int64_t TransactionManager::LabelKeepMaxSecond() const {
    return options_.label_keep_max_second ? options_.label_keep_max_second()
                                          : config::label_keep_max_second.Get();
}

Status TransactionManager::Load() {
    State& s = *state_;
    std::lock_guard write_lock(s.write_mu);
    std::unique_lock lock(s.mu);
    ASSIGN_OR_RETURN(std::optional<std::string> next_id, store_->Get(kTxnNextIdKey));
    if (next_id) {
        ASSIGN_OR_RETURN(s.next_id, DecodeTxnNextId(*next_id));
    }
    Status decode_status;
    RETURN_IF_ERROR(store_->Scan(kTxnRecordPrefix, [&](std::string_view key, std::string_view v) {
        StatusOr<TransactionRecord> record = DecodeTransactionRecord(v);
        if (!record.ok()) {
            decode_status = record.status().Prefixed(key);
            return false;
        }
        s.next_id = std::max(s.next_id, record->txn_id + 1);
        s.Apply(std::move(record).value());
        return true;
    }));
    RETURN_IF_ERROR(decode_status);
    RETURN_IF_ERROR(
        store_->Scan(kPartitionVersionPrefix, [&](std::string_view key, std::string_view v) {
            StatusOr<int64_t> partition_id = ParsePartitionVersionKey(key);
            StatusOr<int64_t> version = DecodePartitionVersion(v);
            if (!partition_id.ok() || !version.ok()) {
                decode_status =
                    (partition_id.ok() ? version.status() : partition_id.status()).Prefixed(key);
                return false;
            }
            s.versions[*partition_id] = *version;
            return true;
        }));
    RETURN_IF_ERROR(decode_status);
    lock.unlock();

    std::vector<int64_t> orphans;
    for (const auto& [id, record] : s.records) {
        if (record.state == TransactionState::kPrepare) orphans.push_back(id);
    }
    if (!orphans.empty()) {
        RETURN_IF_ERROR(AbortLocked(orphans, kRestartAbortReason));
        LOG_INFO("aborted {} transaction(s) left running by the previous process", orphans.size());
    }
    return Status::OK();
}

StatusOr<BeginResult> TransactionManager::Begin(const BeginRequest& request) {
    State& s = *state_;
    if (request.timeout_seconds <= 0) {
        return Status::InvalidArgument(fmt::format(
            "transaction timeout must be positive, got {} seconds", request.timeout_seconds));
    }
    std::string label = request.label.empty() ? GenerateLabel("insert") : request.label;
    RETURN_IF_ERROR(ValidateLabel(label));

    std::lock_guard write_lock(s.write_mu);
    int64_t now = Now();
    auto holders = s.labels.find({request.db_id, label});
    if (holders != s.labels.end()) {
        for (int64_t id : holders->second) {
            const TransactionRecord& holder = s.records.at(id);
            if (holder.state == TransactionState::kAborted) continue;
            if (holder.state == TransactionState::kPrepare && now > holder.DeadlineMs()) {
                // The holder timed out but nobody has aborted it yet: do so, then take the label.
                RETURN_IF_ERROR(AbortLocked({id}, kTimeoutAbortReason));
                continue;
            }
            return LabelAlreadyUsed(holder);
        }
    }
    auto running = s.running_per_db.find(request.db_id);
    if (running != s.running_per_db.end() &&
        running->second >= options_.max_running_txn_num_per_db) {
        return Status::Aborted(
            fmt::format("current running txns on db {} is {}, larger than limit {}", request.db_id,
                        running->second, options_.max_running_txn_num_per_db));
    }

    TransactionRecord record;
    record.txn_id = s.next_id;
    record.db_id = request.db_id;
    record.table_id = request.table_id;
    record.label = label;
    record.source = request.source;
    record.coordinator = request.coordinator;
    record.state = TransactionState::kPrepare;
    record.timeout_seconds = request.timeout_seconds;
    record.prepare_time_ms = now;

    MetaWriteBatch batch;
    batch.Put(TxnRecordKey(record.db_id, record.txn_id), EncodeTransactionRecord(record));
    batch.Put(std::string(kTxnNextIdKey), EncodeTxnNextId(record.txn_id + 1));
    RETURN_IF_ERROR(store_->Write(batch));

    s.next_id = record.txn_id + 1;
    BeginResult result{record.txn_id, label};
    std::unique_lock lock(s.mu);
    s.Apply(std::move(record));
    return result;
}

StatusOr<std::vector<PartitionVersion>> TransactionManager::Commit(int64_t txn_id,
                                                                   const CommitRequest& request) {
    State& s = *state_;
    std::lock_guard write_lock(s.write_mu);
    auto it = s.records.find(txn_id);
    if (it == s.records.end()) {
        return Status::NotFound(fmt::format("Transaction [{}] not found", txn_id));
    }
    const TransactionRecord& current = it->second;
    if (current.state == TransactionState::kVisible) {
        return Status::InvalidArgument(fmt::format(
            "Transaction [{}] is already VISIBLE and cannot be committed again", txn_id));
    }
    if (current.state == TransactionState::kAborted) {
        return Status::Aborted(
            fmt::format("Transaction [{}] has been aborted: {}", txn_id, current.reason));
    }
    int64_t now = Now();
    if (now > current.DeadlineMs()) {
        int64_t timeout_seconds = current.timeout_seconds;
        RETURN_IF_ERROR(AbortLocked({txn_id}, kTimeoutAbortReason));
        return Status::TimedOut(
            fmt::format("Transaction [{}] timed out after {} seconds and has been aborted", txn_id,
                        timeout_seconds));
    }
    std::set<int64_t> seen;
    for (const PartitionCommit& p : request.partitions) {
        if (!seen.insert(p.partition_id).second) {
            return Status::InvalidArgument(fmt::format(
                "commit of transaction [{}] lists partition {} twice", txn_id, p.partition_id));
        }
    }
    if (request.fence) {
        Status fence = request.fence();
        if (!fence.ok()) {
            Status abort = AbortLocked({txn_id}, fence.message());
            if (!abort.ok()) {
                LOG_WARN("could not abort transaction {} refused by its fence: {}", txn_id,
                         abort.ToString());
            }
            return fence;
        }
    }

    TransactionRecord record = current;
    record.state = TransactionState::kVisible;
    record.commit_time_ms = now;
    record.finish_time_ms = now;
    record.attachment = request.attachment;
    MetaWriteBatch batch;
    // The partitions whose add_rowsets ran, undone in reverse order if the commit fails.
    std::vector<const PartitionCommit*> added;
    auto undo = [&](Status cause) {
        for (auto p = added.rbegin(); p != added.rend(); ++p) {
            if ((*p)->undo_rowsets) (*p)->undo_rowsets();
        }
        return cause;
    };
    for (const PartitionCommit& p : request.partitions) {
        int64_t version = s.VersionOf(p.partition_id) + 1;
        record.versions.push_back({p.partition_id, version});
        if (p.add_rowsets) {
            Status st = p.add_rowsets(version, &batch);
            added.push_back(&p);  // a failed callback undoes its own partial work too
            if (!st.ok()) return undo(st.Prefixed(fmt::format("partition {}", p.partition_id)));
        }
        batch.Put(PartitionVersionKey(p.partition_id), EncodePartitionVersion(version));
    }
    if (request.add_extra_ops) {
        if (Status st = request.add_extra_ops(&batch); !st.ok()) return undo(st);
    }
    batch.Put(TxnRecordKey(record.db_id, record.txn_id), EncodeTransactionRecord(record));
    if (Status st = store_->Write(batch); !st.ok()) return undo(st);

    std::vector<PartitionVersion> versions = record.versions;
    std::unique_lock lock(s.mu);
    for (const PartitionVersion& v : versions) s.versions[v.partition_id] = v.version;
    s.Apply(std::move(record));
    return versions;
}

Status TransactionManager::Abort(int64_t txn_id, std::string_view reason) {
    State& s = *state_;
    std::lock_guard write_lock(s.write_mu);
    auto it = s.records.find(txn_id);
    if (it == s.records.end()) {
        return Status::NotFound(fmt::format("Transaction [{}] not found", txn_id));
    }
    switch (it->second.state) {
        case TransactionState::kAborted:
            return Status::OK();
        case TransactionState::kVisible:
            return Status::InvalidArgument(
                fmt::format("Transaction [{}] is already VISIBLE and cannot be aborted", txn_id));
        case TransactionState::kPrepare:
            break;
    }
    return AbortLocked({txn_id}, reason);
}

Status TransactionManager::AbortLocked(const std::vector<int64_t>& txn_ids,
                                       std::string_view reason) {
    State& s = *state_;
    int64_t now = Now();
    std::vector<TransactionRecord> aborted;
    MetaWriteBatch batch;
    for (int64_t id : txn_ids) {
        TransactionRecord record = s.records.at(id);
        TRIBUTARY_DCHECK(record.state == TransactionState::kPrepare,
                         "only a PREPARE transaction can be aborted");
        record.state = TransactionState::kAborted;
        record.reason = std::string(reason);
        record.finish_time_ms = now;
        batch.Put(TxnRecordKey(record.db_id, record.txn_id), EncodeTransactionRecord(record));
        aborted.push_back(std::move(record));
    }
    if (batch.empty()) return Status::OK();
    RETURN_IF_ERROR(store_->Write(batch));
    std::unique_lock lock(s.mu);
    for (TransactionRecord& record : aborted) s.Apply(std::move(record));
    return Status::OK();
}

StatusOr<int64_t> TransactionManager::AbortExpired() {
    State& s = *state_;
    std::lock_guard write_lock(s.write_mu);
    int64_t now = Now();
    std::vector<int64_t> expired;
    for (const auto& [id, record] : s.records) {
        if (record.state == TransactionState::kPrepare && now > record.DeadlineMs()) {
            expired.push_back(id);
        }
    }
    RETURN_IF_ERROR(AbortLocked(expired, kTimeoutAbortReason));
    return static_cast<int64_t>(expired.size());
}

StatusOr<int64_t> TransactionManager::PurgeExpiredLabels() {
    State& s = *state_;
    std::lock_guard write_lock(s.write_mu);
    int64_t cutoff = Now() - LabelKeepMaxSecond() * 1000;
    // Finished records per database, oldest finish first (ties by id).
    std::map<int64_t, std::vector<std::pair<int64_t, int64_t>>> finished;
    for (const auto& [id, record] : s.records) {
        if (record.IsFinal()) finished[record.db_id].emplace_back(record.finish_time_ms, id);
    }
    std::vector<const TransactionRecord*> doomed;
    for (auto& [db_id, list] : finished) {
        std::sort(list.begin(), list.end());
        int64_t excess = static_cast<int64_t>(list.size()) - options_.label_keep_max_num;
        for (int64_t i = 0; i < static_cast<int64_t>(list.size()); ++i) {
            if (i < excess || list[i].first <= cutoff) {
                doomed.push_back(&s.records.at(list[i].second));
            }
        }
    }
    if (doomed.empty()) return 0;
    MetaWriteBatch batch;
    for (const TransactionRecord* r : doomed) batch.Delete(TxnRecordKey(r->db_id, r->txn_id));
    RETURN_IF_ERROR(store_->Write(batch));
    std::vector<int64_t> ids;
    for (const TransactionRecord* r : doomed) ids.push_back(r->txn_id);
    std::unique_lock lock(s.mu);
    for (int64_t id : ids) s.Remove(id);
    return static_cast<int64_t>(ids.size());
}

Status TransactionManager::DropPartition(int64_t partition_id) {
    State& s = *state_;
    std::lock_guard write_lock(s.write_mu);
    MetaWriteBatch batch;
    batch.Delete(PartitionVersionKey(partition_id));
    RETURN_IF_ERROR(store_->Write(batch));
    std::unique_lock lock(s.mu);
    s.versions.erase(partition_id);
    return Status::OK();
}

StatusOr<TransactionRecord> TransactionManager::GetTransaction(int64_t txn_id) const {
    std::shared_lock lock(state_->mu);
    auto it = state_->records.find(txn_id);
    if (it == state_->records.end()) {
        return Status::NotFound(fmt::format("Transaction [{}] not found", txn_id));
    }
    return it->second;
}

StatusOr<TransactionRecord> TransactionManager::FindByLabel(int64_t db_id,
                                                            std::string_view label) const {
    std::shared_lock lock(state_->mu);
    auto it = state_->labels.find({db_id, std::string(label)});
    if (it == state_->labels.end()) {
        return Status::NotFound(
            fmt::format("no transaction with label [{}] in database {}", label, db_id));
    }
    return state_->records.at(it->second.back());
}

std::vector<TransactionRecord> TransactionManager::ListTransactions(int64_t db_id) const {
    std::shared_lock lock(state_->mu);
    std::vector<TransactionRecord> out;
    for (const auto& [id, record] : state_->records) {
        if (record.db_id == db_id) out.push_back(record);
    }
    return out;
}

int64_t TransactionManager::RunningTransactionCount(int64_t db_id) const {
    std::shared_lock lock(state_->mu);
    auto it = state_->running_per_db.find(db_id);
    return it == state_->running_per_db.end() ? 0 : it->second;
}

int64_t TransactionManager::VisibleVersion(int64_t partition_id) const {
    std::shared_lock lock(state_->mu);
    return state_->VersionOf(partition_id);
}

std::unordered_map<int64_t, int64_t> TransactionManager::Snapshot(
    const std::vector<int64_t>& partition_ids) const {
    std::shared_lock lock(state_->mu);
    std::unordered_map<int64_t, int64_t> out;
    for (int64_t id : partition_ids) out[id] = state_->VersionOf(id);
    return out;
}

void TransactionManager::StartMaintenance() {
    if (options_.maintenance_interval_ms <= 0) return;
    state_->maintenance = std::thread([this] {
        State& s = *state_;
        std::unique_lock lock(s.maintenance_mu);
        while (!s.maintenance_cv.wait_for(
            lock, std::chrono::milliseconds(options_.maintenance_interval_ms),
            [&] { return s.stopping; })) {
            lock.unlock();
            StatusOr<int64_t> aborted = AbortExpired();
            if (!aborted.ok()) {
                LOG_WARN("aborting expired transactions: {}", aborted.status().ToString());
            }
            StatusOr<int64_t> purged = PurgeExpiredLabels();
            if (!purged.ok()) {
                LOG_WARN("purging expired labels: {}", purged.status().ToString());
            }
            lock.lock();
        }
    });
}

void TransactionManager::StopMaintenance() {
    {
        std::lock_guard lock(state_->maintenance_mu);
        state_->stopping = true;
    }
    state_->maintenance_cv.notify_all();
    if (state_->maintenance.joinable()) state_->maintenance.join();
}

}  // namespace tributary
