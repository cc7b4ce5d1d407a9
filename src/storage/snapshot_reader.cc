#include "storage/snapshot_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "storage/segment/segment_reader.h"

namespace tributary {

std::vector<RowRange> RowRangesToRead(const SegmentReader& reader,
                                      std::span<const ColumnPredicate> prune) {
    std::vector<RowRange> ranges{RowRange{0, reader.num_rows()}};
    for (const ColumnPredicate& p : prune) {
        if (!reader.SegmentMayMatch(p.column, p.predicate)) return {};
        std::vector<RowRange> allowed = reader.RowRangesMayMatch(p.column, p.predicate);
        std::vector<RowRange> both;
        size_t i = 0, j = 0;
        while (i < ranges.size() && j < allowed.size()) {
            uint64_t begin = std::max(ranges[i].begin, allowed[j].begin);
            uint64_t end = std::min(ranges[i].end, allowed[j].end);
            if (begin < end) both.push_back(RowRange{begin, end});
            (ranges[i].end < allowed[j].end) ? ++i : ++j;
        }
        ranges = std::move(both);
    }
    return ranges;
}

Chunk WithoutDeletedRows(Chunk chunk, std::span<const RowRange> ranges,
                         const DeleteVector& deletes) {
    std::vector<uint32_t> kept;
    std::vector<uint32_t> positions;
    uint64_t offset = 0;  // of the range's first row in `chunk`
    for (const RowRange& range : ranges) {
        kept.clear();
        deletes.KeptRows(static_cast<uint32_t>(range.begin), static_cast<uint32_t>(range.end),
                         &kept);
        for (uint32_t row : kept)
            positions.push_back(static_cast<uint32_t>(offset + row - range.begin));
        offset += range.end - range.begin;
    }
    if (positions.size() == chunk.num_rows()) return chunk;
    return chunk.Take(positions);
}

StatusOr<std::vector<RowsetRows>> ReadSnapshotRows(const TabletSnapshot& snapshot,
                                                   std::span<const uint32_t> column_ids,
                                                   std::span<const ColumnPredicate> prune) {
    std::vector<RowsetRows> out;
    for (const RowsetPtr& rowset : snapshot.rowsets) {
        RowsetRows rows{rowset->rowset_id(), rowset->start_version(), rowset->end_version(), {}};
        const RowsetMeta& meta = rowset->meta();
        for (size_t i = 0; i < meta.num_segments(); ++i) {
            const std::string& path = rowset->segment_paths()[i];
            ASSIGN_OR_RETURN(std::unique_ptr<SegmentReader> reader, SegmentReader::Open(path));
            if (static_cast<int64_t>(reader->num_rows()) != meta.segment_rows[i]) {
                return Status::Corruption(fmt::format(
                    "{}: holds {} rows but rowset {} of tablet {} recorded {}", path,
                    reader->num_rows(), meta.rowset_id, meta.tablet_id, meta.segment_rows[i]));
            }
            for (const ColumnPredicate& p : prune) {
                if (p.column >= reader->schema().size()) {
                    return Status::InvalidArgument(
                        fmt::format("{}: no column {} to prune on", path, p.column));
                }
            }
            const std::vector<RowRange> ranges =
                prune.empty() ? std::vector<RowRange>{RowRange{0, reader->num_rows()}}
                              : RowRangesToRead(*reader, prune);
            if (ranges.empty()) continue;  // pruned: no row of this segment can match
            ASSIGN_OR_RETURN(Chunk chunk, reader->ReadColumns(column_ids, ranges.front()));
            for (size_t r = 1; r < ranges.size(); ++r) {
                ASSIGN_OR_RETURN(Chunk more, reader->ReadColumns(column_ids, ranges[r]));
                chunk.AppendRange(more, 0, more.num_rows());
            }
            auto deleted =
                snapshot.deletes.find(SegmentId{meta.rowset_id, static_cast<uint32_t>(i)});
            if (deleted != snapshot.deletes.end()) {
                chunk = WithoutDeletedRows(std::move(chunk), ranges, *deleted->second);
            }
            rows.segments.push_back(std::move(chunk));
        }
        out.push_back(std::move(rows));
    }
    return out;
}

}  // namespace tributary
