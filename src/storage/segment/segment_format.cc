#include "storage/segment/segment_format.h"

#include <fmt/format.h>

#include "storage/segment/byte_io.h"

namespace tributary {

void EncodeColumnIndex(const std::vector<PageInfo>& pages, std::string* out) {
    ByteWriter w(out);
    w.Put<uint32_t>(static_cast<uint32_t>(pages.size()));
    for (const PageInfo& p : pages) {
        w.Put<uint64_t>(p.offset);
        w.Put<uint32_t>(p.size);
        w.Put<uint64_t>(p.first_row);
        w.Put<uint32_t>(p.num_rows);
        EncodeZoneMap(p.zone_map, out);
    }
}

Status DecodeColumnIndex(LogicalType type, std::string_view bytes, std::vector<PageInfo>* pages) {
    ByteReader r(bytes);
    uint32_t count = 0;
    if (!r.Get(&count)) return Status::Corruption("column index too short");
    // Each entry takes at least 33 bytes: bound the count before reserving.
    if (count > r.remaining() / 33) {
        return Status::Corruption(fmt::format("column index claims {} pages", count));
    }
    pages->resize(count);
    for (PageInfo& p : *pages) {
        if (!r.Get(&p.offset) || !r.Get(&p.size) || !r.Get(&p.first_row) || !r.Get(&p.num_rows) ||
            !DecodeZoneMap(type, &r, &p.zone_map)) {
            return Status::Corruption("column index entry is malformed");
        }
    }
    if (r.remaining() != 0) return Status::Corruption("column index has trailing bytes");
    return Status::OK();
}

void EncodeFooter(const SegmentFooter& footer, std::string* out) {
    ByteWriter w(out);
    w.Put<uint32_t>(kFooterMagic);
    w.Put<uint16_t>(footer.format_version);
    w.Put<uint16_t>(0);
    w.Put<uint64_t>(footer.num_rows);
    w.Put<uint32_t>(static_cast<uint32_t>(footer.schema.size()));
    w.Put<uint32_t>(footer.num_key_columns);
    for (const ColumnSchema& c : footer.schema.columns) {
        w.PutString(c.name);
        w.Put<uint8_t>(static_cast<uint8_t>(c.type.type));
        w.Put<int32_t>(c.type.length);
        w.Put<int32_t>(c.type.precision);
        w.Put<int32_t>(c.type.scale);
        w.Put<uint8_t>(c.nullable ? 1 : 0);
    }
    for (const ColumnMeta& m : footer.columns) {
        w.Put<uint64_t>(m.index_offset);
        w.Put<uint32_t>(m.index_size);
        w.Put<uint32_t>(m.index_crc);
        EncodeZoneMap(m.zone_map, out);
    }
}

Status DecodeFooter(std::string_view bytes, SegmentFooter* footer) {
    ByteReader r(bytes);
    uint32_t magic = 0;
    uint16_t reserved = 0;
    uint32_t num_columns = 0;
    if (!r.Get(&magic) || !r.Get(&footer->format_version) || !r.Get(&reserved) ||
        !r.Get(&footer->num_rows) || !r.Get(&num_columns) || !r.Get(&footer->num_key_columns)) {
        return Status::Corruption("footer too short");
    }
    if (magic != kFooterMagic) return Status::Corruption("bad footer magic");
    if (footer->format_version == 0 || footer->format_version > kSegmentFormatVersion) {
        return Status::NotSupported(fmt::format("segment format version {} (this build reads up "
                                                "to {})", footer->format_version,
                                                kSegmentFormatVersion));
    }
    // A column takes at least 19 schema bytes and 25 meta bytes.
    if (num_columns == 0 || num_columns > r.remaining() / 44) {
        return Status::Corruption(fmt::format("footer claims {} columns", num_columns));
    }
    if (footer->num_key_columns > num_columns) {
        return Status::Corruption("footer has more key columns than columns");
    }
    footer->schema.columns.resize(num_columns);
    for (ColumnSchema& c : footer->schema.columns) {
        std::string_view name;
        uint8_t type = 0, nullable = 0;
        if (!r.GetString(&name) || !r.Get(&type) || !r.Get(&c.type.length) ||
            !r.Get(&c.type.precision) || !r.Get(&c.type.scale) || !r.Get(&nullable)) {
            return Status::Corruption("footer schema entry is malformed");
        }
        if (type > static_cast<uint8_t>(LogicalType::kJson) || nullable > 1) {
            return Status::Corruption(fmt::format("footer column {} has unknown type {}", name,
                                                  type));
        }
        c.name.assign(name);
        c.type.type = static_cast<LogicalType>(type);
        c.nullable = nullable == 1;
    }
    footer->columns.resize(num_columns);
    for (size_t i = 0; i < num_columns; ++i) {
        ColumnMeta& m = footer->columns[i];
        if (!r.Get(&m.index_offset) || !r.Get(&m.index_size) || !r.Get(&m.index_crc) ||
            !DecodeZoneMap(footer->schema.columns[i].type.type, &r, &m.zone_map)) {
            return Status::Corruption("footer column entry is malformed");
        }
    }
    if (r.remaining() != 0) return Status::Corruption("footer has trailing bytes");
    return Status::OK();
}

}  // namespace tributary
