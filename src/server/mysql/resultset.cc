#include "server/mysql/resultset.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/check.h"
#include "server/mysql/constants.h"
#include "server/mysql/packet_framer.h"
#include "server/mysql/response.h"
#include "server/mysql/wire.h"

namespace tributary::mysql {
namespace {

// The packet that ends a list of column definitions or rows: EOF, or under
// CLIENT_DEPRECATE_EOF an OK with the 0xFE header.
std::string BuildTerminator(uint32_t capabilities, uint16_t status_flags, uint16_t warnings) {
    if (capabilities & kClientDeprecateEof) {
        OkPacket ok;
        ok.status_flags = status_flags;
        ok.warnings = warnings;
        return BuildOkPacket(ok, capabilities, /*eof_header=*/true);
    }
    return BuildEofPacket(EofPacket{warnings, status_flags}, capabilities);
}

}  // namespace

std::string BuildColumnCount(uint64_t column_count) {
    std::string payload;
    WireWriter(&payload).LengthEncodedInt(column_count);
    return payload;
}

std::string BuildTextRow(const TextRow& row) {
    std::string payload;
    WireWriter w(&payload);
    for (const auto& value : row) {
        if (value.has_value()) {
            w.LengthEncodedString(*value);
        } else {
            w.Null();
        }
    }
    return payload;
}

StatusOr<TextRow> ParseTextRow(std::string_view payload, size_t column_count) {
    WireReader r(payload);
    TextRow row;
    row.reserve(std::min(column_count, payload.size()));
    for (size_t i = 0; i < column_count; ++i) {
        ASSIGN_OR_RETURN(std::optional<std::string_view> value,
                         r.ReadNullableLengthEncodedString("row value"));
        if (value.has_value()) {
            row.emplace_back(std::string(*value));
        } else {
            row.emplace_back(std::nullopt);
        }
    }
    if (!r.AtEnd()) {
        return Status::InvalidArgument(
            fmt::format("malformed packet: {} byte(s) after the last of {} row values",
                        r.remaining(), column_count),
            ErrorCode::kNetReadError);
    }
    return row;
}

void ResultSetWriter::AppendHeader(std::string* out, const std::vector<ColumnDefinition>& columns,
                                   uint16_t status_flags) {
    TRIBUTARY_CHECK(column_count_ == 0, "a result set header is written once");
    TRIBUTARY_CHECK(!columns.empty(), "a result set has at least one column");
    column_count_ = columns.size();
    AppendPacket(out, sequence_id_, BuildColumnCount(columns.size()));
    for (const auto& column : columns) {
        AppendPacket(out, sequence_id_, BuildColumnDefinition(column));
    }
    if (!(capabilities_ & kClientDeprecateEof)) {
        AppendPacket(out, sequence_id_, BuildEofPacket(EofPacket{0, status_flags}, capabilities_));
    }
}

void ResultSetWriter::AppendRow(std::string* out, const TextRow& row) {
    TRIBUTARY_CHECK(row.size() == column_count_,
                    "a result row has exactly one value per column of the header");
    AppendPacket(out, sequence_id_, BuildTextRow(row));
}

void ResultSetWriter::AppendEnd(std::string* out, uint16_t status_flags, uint16_t warnings) {
    TRIBUTARY_CHECK(column_count_ != 0, "a result set ends after its header");
    AppendPacket(out, sequence_id_, BuildTerminator(capabilities_, status_flags, warnings));
}

void AppendResultSet(std::string* out, uint8_t& seq, const std::vector<ColumnDefinition>& columns,
                     const std::vector<TextRow>& rows, uint32_t client_capabilities,
                     uint16_t status_flags, uint16_t warnings) {
    ResultSetWriter writer(client_capabilities, seq);
    writer.AppendHeader(out, columns, status_flags);
    for (const auto& row : rows) writer.AppendRow(out, row);
    writer.AppendEnd(out, status_flags, warnings);
    seq = writer.sequence_id();
}

void AppendFieldListResponse(std::string* out, uint8_t& seq,
                             const std::vector<ColumnDefinition>& columns,
                             const std::vector<std::optional<std::string>>& defaults,
                             uint32_t client_capabilities, uint16_t status_flags) {
    TRIBUTARY_CHECK(defaults.empty() || defaults.size() == columns.size(),
                    "COM_FIELD_LIST defaults are absent or one per column");
    for (size_t i = 0; i < columns.size(); ++i) {
        const std::optional<std::string> none;
        AppendPacket(
            out, seq,
            BuildFieldListColumnDefinition(columns[i], defaults.empty() ? none : defaults[i]));
    }
    AppendPacket(out, seq, BuildTerminator(client_capabilities, status_flags, 0));
}

}  // namespace tributary::mysql
