#include "load/table_sink.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/logging.h"
#include "storage/merge/key_merge.h"
#include "storage/storage_engine.h"

namespace tributary {
KeyMergeSpec KeyMergeSpecOf(const TableInfo& table) {
    KeyMergeSpec spec;
    spec.model = table.model;
    spec.num_key_columns = table.num_key_columns();
    if (table.model == KeyModel::kAggregate) {
        for (size_t c = spec.num_key_columns; c < table.columns.size(); ++c) {
            spec.value_functions.push_back(table.columns[c].aggregate);
        }
    }
    return spec;
}

ChunkSchema TableSink::SchemaOf(const TableInfo& table) {
    ChunkSchema schema;
    for (const ColumnInfo& c : table.columns) {
        schema.columns.push_back(ColumnSchema{c.name, c.type, c.nullable});
    }
    return schema;
}

TableSink::TableSink(LoadServices services, std::shared_ptr<const TableInfo> table,
                     std::vector<int64_t> target_partitions)
    : TableSink(services, table, TabletRouter(table), std::move(target_partitions)) {}

TableSink::TableSink(LoadServices services, std::shared_ptr<const TableInfo> table,
                     TabletRouter router, std::vector<int64_t> target_partitions)
    : services_(services),
      table_(table),
      schema_(SchemaOf(*table)),
      router_(std::move(router)),
      target_partitions_(std::move(target_partitions)),
      buffered_(schema_),
      routed_(router_.partitions().size()) {
    std::sort(target_partitions_.begin(), target_partitions_.end());
}

Status TableSink::Append(const Chunk& rows, std::vector<RouteFailure>* failures,
                         std::span<const uint8_t> ops) {
    if (!(rows.schema() == schema_)) {
        return Status::Internal("TableSink::Append got rows that do not match the table schema");
    }
    if (!ops.empty() && (ops.size() != rows.num_rows() || table_->model != KeyModel::kPrimary)) {
        return Status::Internal("TableSink::Append got operations it cannot apply");
    }
    struct Placement {
        uint32_t row;
        uint32_t partition;  // index in router_.partitions()
        uint32_t bucket;
    };
    std::vector<Placement> placements;
    placements.reserve(rows.num_rows());
    for (size_t row = 0; row < rows.num_rows(); ++row) {
        TabletTarget target = router_.Route(rows, row);
        std::string failure;
        if (target.partition == nullptr) {
            failure = fmt::format(
                "the row is out of partition ranges of table '{}' ({}); add a partition that "
                "holds it",
                table_->name, router_.DescribePartitionKey(rows, row));
        } else if (!target_partitions_.empty() &&
                   !std::binary_search(target_partitions_.begin(), target_partitions_.end(),
                                       target.partition->id)) {
            failure = fmt::format(
                "the row belongs to partition '{}' ({}), which is not among the partitions the "
                "load names",
                target.partition->name, router_.DescribePartitionKey(rows, row));
        }
        if (!failure.empty()) {
            if (failures == nullptr) return Status::InvalidArgument(failure);
            failures->push_back(RouteFailure{static_cast<uint32_t>(row), std::move(failure)});
            continue;
        }
        placements.push_back(
            Placement{static_cast<uint32_t>(row),
                      static_cast<uint32_t>(target.partition_index),
                      static_cast<uint32_t>(target.bucket)});
    }
    const uint32_t base = static_cast<uint32_t>(buffered_.num_rows());
    for (uint32_t i = 0; i < placements.size(); ++i) {
        std::vector<std::vector<uint32_t>>& buckets = routed_[placements[i].partition];
        if (buckets.empty()) {
            buckets.resize(router_.partitions()[placements[i].partition]->bucket_count);
        }
        buckets[placements[i].bucket].push_back(base + i);
    }
    if (table_->model == KeyModel::kPrimary) {
        for (const Placement& p : placements) {
            buffered_ops_.push_back(ops.empty() ? kOpUpsert : ops[p.row]);
        }
    }
    if (placements.size() == rows.num_rows()) {
        buffered_.AppendRange(rows, 0, rows.num_rows());
    } else {
        std::vector<uint32_t> kept;
        kept.reserve(placements.size());
        for (const Placement& p : placements) kept.push_back(p.row);
        buffered_.AppendRange(rows.Take(kept), 0, kept.size());
    }
    return Status::OK();
}

StatusOr<PrimaryKeyOperations> TableSink::ResolveBucketOperations(
    const std::vector<uint32_t>& rows, size_t num_key_columns) const {
    std::vector<uint8_t> ops;
    ops.reserve(rows.size());
    bool any_delete = false;
    for (uint32_t row : rows) {
        ops.push_back(buffered_ops_[row]);
        any_delete |= buffered_ops_[row] == kOpDelete;
    }
    if (!any_delete) ops.clear();
    return ResolvePrimaryKeyOperations(buffered_.Take(rows), ops, num_key_columns);
}

Chunk TableSink::KeyColumns(const Chunk& rows, size_t num_key_columns) {
    ChunkSchema schema;
    std::vector<ColumnPtr> columns;
    for (size_t c = 0; c < num_key_columns; ++c) {
        schema.columns.push_back(rows.schema().columns[c]);
        columns.push_back(rows.column(c)->Clone());
    }
    return Chunk(std::move(schema), std::move(columns));
}

StatusOr<BeginResult> TableSink::Begin(const SinkCommitOptions& options) {
    if (txn_) return Status::Internal("TableSink::Begin called twice");
    BeginRequest begin;
    begin.db_id = table_->db_id;
    begin.table_id = table_->id;
    begin.label = options.label;
    begin.timeout_seconds = options.timeout_seconds;
    begin.source = options.source;
    ASSIGN_OR_RETURN(BeginResult txn, services_.txns->Begin(begin));
    txn_ = txn;
    return txn;
}

void TableSink::Abort(std::string_view reason) {
    if (!txn_) return;
    IgnoreError(services_.txns->Abort(txn_->txn_id, reason));
    txn_.reset();
}

StatusOr<SinkCommitResult> TableSink::Commit(const SinkCommitOptions& options) {
    if (!txn_) RETURN_IF_ERROR(Begin(options).status());
    const BeginResult txn = *txn_;
    txn_.reset();  // whatever happens below ends the transaction

    const KeyMergeSpec spec = KeyMergeSpecOf(*table_);
    std::vector<PendingRowset> all_pending;
    std::map<int64_t, std::vector<PendingRowset>> by_partition;
    auto give_up = [&](const Status& cause) {
        for (const PendingRowset& p : all_pending) services_.storage->Discard(p);
        IgnoreError(services_.txns->Abort(txn.txn_id, cause.message()));  // reason recorded
        return cause;
    };

    for (size_t index = 0; index < routed_.size(); ++index) {
        const std::vector<std::vector<uint32_t>>& buckets = routed_[index];
        if (buckets.empty()) continue;  // no row for this partition
        const PartitionInfo& partition = *router_.partitions()[index];
        const int64_t partition_id = partition.id;
        // Every tablet of a touched partition gets a rowset (possibly empty) at the new version.
        for (size_t bucket = 0; bucket < partition.tablet_ids.size(); ++bucket) {
            const int64_t tablet_id = partition.tablet_ids[bucket];
            auto writer = services_.storage->NewRowsetWriter(tablet_id, partition_id, txn.txn_id,
                                                             schema_, spec.num_key_columns);
            if (!writer.ok()) return give_up(writer.status());
            std::shared_ptr<PrimaryKeyDelta> delta;
            if (!buckets[bucket].empty() && spec.model == KeyModel::kPrimary) {
                auto resolved = ResolveBucketOperations(buckets[bucket], spec.num_key_columns);
                if (!resolved.ok()) return give_up(resolved.status());
                if (resolved->upserts.num_rows() > 0) {
                    Status st = (*writer)->Append(resolved->upserts);
                    if (!st.ok()) return give_up(st);
                }
                if (Status st = services_.storage->PreparePrimaryIndex(
                        tablet_id, KeyColumns(resolved->upserts, spec.num_key_columns).schema());
                    !st.ok()) {
                    return give_up(st);
                }
                delta = std::make_shared<PrimaryKeyDelta>();
                delta->num_key_columns = spec.num_key_columns;
                delta->upserted_keys = KeyColumns(resolved->upserts, spec.num_key_columns);
                delta->deleted_keys = std::move(resolved->deletes);
            } else if (!buckets[bucket].empty()) {
                auto merged = SortAndMerge(buffered_.Take(buckets[bucket]), spec);
                if (!merged.ok()) return give_up(merged.status());
                Status st = (*writer)->Append(*merged);
                if (!st.ok()) return give_up(st);
            }
            auto pending = (*writer)->Finish();
            if (!pending.ok()) return give_up(pending.status());
            pending->primary = std::move(delta);
            all_pending.push_back(*pending);
            by_partition[partition_id].push_back(std::move(pending).value());
        }
    }

    CommitRequest request;
    for (auto& [partition_id, pending] : by_partition) {
        request.partitions.push_back(
            PartitionCommitFor(*services_.storage, partition_id, std::move(pending)));
    }
    request.attachment = options.attachment;
    request.fence = options.fence;
    request.add_extra_ops = options.add_extra_ops;
    auto versions = services_.txns->Commit(txn.txn_id, request);
    if (!versions.ok()) {
        // A refused commit (fence, timeout, abort) wrote nothing: drop the files now. After an
        // I/O error the write may or may not have reached the disk, so the files stay; the next
        // StorageEngine::Open removes them if no committed rowset references them.
        if (versions.status().code() != Status::Code::kIOError) {
            for (const PendingRowset& p : all_pending) services_.storage->Discard(p);
        }
        return versions.status();
    }
    std::map<int64_t, int64_t> version_of;
    for (const PartitionVersion& pv : *versions) version_of[pv.partition_id] = pv.version;
    for (const PendingRowset& p : all_pending) {
        Status st = services_.storage->Publish(p, version_of[p.meta.partition_id]);
        if (!st.ok()) LOG_WARN("publish of a committed rowset failed: {}", st.ToString());
    }
    return SinkCommitResult{txn.txn_id, txn.label, buffered_.num_rows()};
}

}  // namespace tributary
