#include "load/table_sink.h"

#include <fmt/format.h>

#include <algorithm>
#include <shared_mutex>

#include "base/logging.h"
#include "column/fixed_column.h"
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
        placements.push_back(Placement{static_cast<uint32_t>(row),
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

StatusOr<PrimaryKeyOperations> TableSink::ResolveBucketOperations(const std::vector<uint32_t>& rows,
                                                                  size_t num_key_columns) const {
    std::vector<uint8_t> ops;
    ops.reserve(rows.size());
    bool any_delete = false;
    for (uint32_t row : rows) {
        ops.push_back(buffered_ops_[row]);
        any_delete |= buffered_ops_[row] == kOpDelete;
    }
    if (update_mode_.merge_condition < 0) {
        if (!any_delete) ops.clear();
        return ResolvePrimaryKeyOperations(buffered_.Take(rows), ops, num_key_columns);
    }
    // merge_condition: a key's operations fold in input order - an UPSERT below the row it
    // would replace is dropped, a DELETE always applies - so the newest version wins whatever
    // the order within the load. Only the fold's result goes on; a trailing column marks an
    // UPSERT that follows a DELETE of the load (it replaces nothing stored, so it is not
    // compared with the stored row).
    Chunk chunk = buffered_.Take(rows);
    const size_t condition = static_cast<size_t>(update_mode_.merge_condition);
    std::vector<uint32_t> order(rows.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        return CompareRows(chunk, a, chunk, b, num_key_columns) < 0;
    });
    std::vector<uint32_t> kept;
    std::vector<uint8_t> kept_ops;
    std::vector<int8_t> unconditional;
    for (size_t begin = 0; begin < order.size();) {
        size_t end = begin + 1;
        while (end < order.size() &&
               CompareRows(chunk, order[begin], chunk, order[end], num_key_columns) == 0) {
            ++end;
        }
        int64_t state = -1;    // the surviving UPSERT row; -1: none yet
        int64_t deleted = -1;  // the last DELETE row
        for (size_t i = begin; i < end; ++i) {
            const uint32_t row = order[i];
            if (ops[row] == kOpDelete) {
                deleted = row;
                state = -1;
            } else if (state < 0 ||
                       chunk.column(condition)->CompareAt(row, *chunk.column(condition),
                                                          static_cast<size_t>(state)) >= 0) {
                state = row;
            }
        }
        if (state >= 0) {
            kept.push_back(static_cast<uint32_t>(state));
            kept_ops.push_back(kOpUpsert);
            unconditional.push_back(deleted >= 0 ? 1 : 0);
        } else {
            kept.push_back(static_cast<uint32_t>(deleted));
            kept_ops.push_back(kOpDelete);
            unconditional.push_back(0);
        }
        begin = end;
    }
    Chunk folded = chunk.Take(kept);
    ChunkSchema schema = folded.schema();
    schema.columns.push_back(
        ColumnSchema{"__unconditional", TypeDesc::Of(LogicalType::kTinyInt), false});
    std::vector<ColumnPtr> columns = std::move(folded).ReleaseColumns();
    auto flags = std::make_unique<FixedColumn<int8_t>>(TypeDesc::Of(LogicalType::kTinyInt));
    flags->data() = std::move(unconditional);
    columns.push_back(std::move(flags));
    return ResolvePrimaryKeyOperations(Chunk(std::move(schema), std::move(columns)), kept_ops,
                                       num_key_columns);
}

StatusOr<Chunk> TableSink::CombineWithStored(int64_t tablet_id, Chunk upserts) const {
    const size_t num_keys = table_->num_key_columns();
    std::vector<uint32_t> all_columns(table_->columns.size());
    for (uint32_t c = 0; c < all_columns.size(); ++c) all_columns[c] = c;
    ASSIGN_OR_RETURN(
        StorageEngine::StoredRows stored,
        services_.storage->ReadStoredRows(tablet_id, KeyColumns(upserts, num_keys), all_columns));
    const size_t rows = upserts.num_rows();
    if (update_mode_.merge_condition >= 0) {
        // An UPSERT of a stored key applies only when its value is not below the stored one
        // (unless the load deleted the key before it). The marker column goes.
        const size_t c = static_cast<size_t>(update_mode_.merge_condition);
        const auto& unconditional =
            static_cast<const FixedColumn<int8_t>&>(*upserts.column(upserts.num_columns() - 1))
                .data();
        std::vector<uint32_t> kept;
        for (uint32_t row = 0, s = 0; row < rows; ++row) {
            if (!stored.found[row]) {
                kept.push_back(row);
                continue;
            }
            if (unconditional[row] ||
                upserts.column(c)->CompareAt(row, *stored.rows.column(c), s) >= 0) {
                kept.push_back(row);
            }
            ++s;
        }
        std::vector<ColumnPtr> columns;
        for (size_t col = 0; col + 1 < upserts.num_columns(); ++col) {
            columns.push_back(upserts.column(col)->Take(kept));
        }
        return Chunk(schema_, std::move(columns));
    }
    // partial_update: the columns the load does not give come from the stored row, or from the
    // column's default for a new key.
    std::vector<ColumnPtr> columns;
    for (size_t c = 0; c < table_->columns.size(); ++c) {
        const ColumnInfo& column = table_->columns[c];
        if (update_mode_.given_columns[c]) {
            columns.push_back(upserts.column(c)->Clone());
            continue;
        }
        ColumnPtr merged = upserts.column(c)->CloneEmpty();
        merged->Reserve(rows);
        for (size_t row = 0, s = 0; row < rows; ++row) {
            if (stored.found[row]) {
                merged->AppendRange(*stored.rows.column(c), s++, 1);
            } else if (!column.nullable && !column.default_value) {
                return Status::InvalidArgument(fmt::format(
                    "partial update of table '{}': key {} is new and column '{}' is NOT NULL "
                    "without a default, so the load must give it",
                    table_->name, upserts.column(0)->DebugString(row), column.name));
            } else {
                merged->AppendRange(*upserts.column(c), row, 1);  // the load's default
            }
        }
        columns.push_back(std::move(merged));
    }
    return Chunk(upserts.schema(), std::move(columns));
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
    // PRIMARY KEY tables: the update locks of the tablets written, in tablet id order, held
    // until the commit is done (see PrimaryKeyUpdateMode).
    std::vector<std::unique_lock<std::shared_mutex>> exclusive;
    std::vector<std::shared_lock<std::shared_mutex>> shared;
    if (spec.model == KeyModel::kPrimary) {
        std::vector<int64_t> tablets;
        for (size_t index = 0; index < routed_.size(); ++index) {
            for (size_t bucket = 0; bucket < routed_[index].size(); ++bucket) {
                if (!routed_[index][bucket].empty()) {
                    tablets.push_back(router_.partitions()[index]->tablet_ids[bucket]);
                }
            }
        }
        std::sort(tablets.begin(), tablets.end());
        for (int64_t tablet_id : tablets) {
            std::shared_ptr<std::shared_mutex> mutex =
                services_.storage->PrimaryUpdateLock(tablet_id);
            if (update_mode_.active()) {
                exclusive.emplace_back(*mutex);
            } else {
                shared.emplace_back(*mutex);
            }
        }
    }
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
                const ChunkSchema key_schema =
                    KeyColumns(resolved->upserts, spec.num_key_columns).schema();
                if (Status st = services_.storage->PreparePrimaryIndex(
                        tablet_id, key_schema, resolved->upserts.num_rows());
                    !st.ok()) {
                    return give_up(st);
                }
                if (update_mode_.active() && resolved->upserts.num_rows() > 0) {
                    auto combined = CombineWithStored(tablet_id, std::move(resolved->upserts));
                    if (!combined.ok()) return give_up(combined.status());
                    resolved->upserts = std::move(combined).value();
                }
                if (resolved->upserts.num_rows() > 0) {
                    Status st = (*writer)->Append(resolved->upserts);
                    if (!st.ok()) return give_up(st);
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
