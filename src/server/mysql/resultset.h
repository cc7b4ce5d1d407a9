// Text-protocol result sets (Protocol::Text::Resultset), the reply to a COM_QUERY that returns
// rows, and the reply to COM_FIELD_LIST.
//
// A result set is, each payload its own packet with consecutive sequence ids:
//   column count (int<lenenc>)
//   one ColumnDefinition41 per column
//   EOF                                  -- omitted under CLIENT_DEPRECATE_EOF
//   one row per packet: each value string<lenenc>, NULL as 0xFB
//   EOF, or under CLIENT_DEPRECATE_EOF an OK packet with header 0xFE
// The final packet carries the server status flags (SERVER_MORE_RESULTS_EXISTS when another
// result of a multi-statement follows) and the warning count.
//
// ResultSetWriter appends those packets to a caller's buffer piece by piece, so that a session can
// flush the buffer to the socket between rows; AppendResultSet writes a whole result at once.
//
// Thread safety: a ResultSetWriter is used by one thread at a time; the functions are stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "server/mysql/column_definition.h"

namespace tributary::mysql {

// One text-protocol row: each value as text, nullopt for NULL.
using TextRow = std::vector<std::optional<std::string>>;

std::string BuildColumnCount(uint64_t column_count);
std::string BuildTextRow(const TextRow& row);

// Parses a text-protocol row of `column_count` values (client side). Fails with InvalidArgument
// when a value is truncated or bytes remain after the last one.
StatusOr<TextRow> ParseTextRow(std::string_view payload, size_t column_count);

class ResultSetWriter {
  public:
    // `client_capabilities` are the negotiated ones; `sequence_id` is the id of the first packet
    // (the command's sequence id + 1).
    ResultSetWriter(uint32_t client_capabilities, uint8_t sequence_id)
        : capabilities_(client_capabilities), sequence_id_(sequence_id) {}

    // Column count, definitions and (without CLIENT_DEPRECATE_EOF) the EOF that ends them, which
    // carries `status_flags` (clients update their view of the server status from it).
    // REQUIRES: called once, first; columns is not empty (a statement without columns answers
    // with an OK packet instead).
    void AppendHeader(std::string* out, const std::vector<ColumnDefinition>& columns,
                      uint16_t status_flags);
    // REQUIRES: AppendHeader was called; row has one value per column.
    void AppendRow(std::string* out, const TextRow& row);
    // The final EOF or OK. REQUIRES: AppendHeader was called; called once, last.
    void AppendEnd(std::string* out, uint16_t status_flags, uint16_t warnings = 0);

    // The sequence id the next packet will carry.
    uint8_t sequence_id() const { return sequence_id_; }

  private:
    uint32_t capabilities_;
    uint8_t sequence_id_;
    size_t column_count_ = 0;  // 0 until AppendHeader
};

// Appends a whole result set with packets numbered from `seq`, and advances `seq` past them.
void AppendResultSet(std::string* out, uint8_t& seq, const std::vector<ColumnDefinition>& columns,
                     const std::vector<TextRow>& rows, uint32_t client_capabilities,
                     uint16_t status_flags, uint16_t warnings = 0);

// Appends the reply to COM_FIELD_LIST: one definition per column with its default value
// (nullopt: NULL), then EOF (or the 0xFE OK under CLIENT_DEPRECATE_EOF). `defaults` is empty
// (every default NULL) or has one entry per column.
void AppendFieldListResponse(std::string* out, uint8_t& seq,
                             const std::vector<ColumnDefinition>& columns,
                             const std::vector<std::optional<std::string>>& defaults,
                             uint32_t client_capabilities, uint16_t status_flags);

}  // namespace tributary::mysql
