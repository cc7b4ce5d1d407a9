// CsvReader: CSV bytes to SourceBatch rows, with StarRocks' CSV options (DESIGN §6).
//
// Input is a stream of rows separated by `row_delimiter`; fields are separated by
// `column_separator`. Both are byte strings of 1 to 50 bytes (any UTF-8 text, e.g. "|", "\x01",
// "||", "分隔"). Only the configured delimiter ends a row: with the default "\n", a "\r" before
// it stays in the row's last field; configure "\r\n" to split CRLF data. Rules, as StarRocks
// applies them:
//   - `\N` (exactly those two bytes, after trim_space) is NULL; an empty field is an empty
//     string. The test looks at the field's input bytes, so `\N` is NULL even when escape is
//     '\\'; an escaped backslash (`\\N`) is the text \N.
//   - `enclose` (one byte, e.g. '"'; 0 = none) is recognised only as the first byte of a field
//     (after the spaces trim_space drops). Such a field runs to the next enclose byte that is
//     not doubled or escaped, and may contain separators and row delimiters; inside it, two
//     enclose bytes in a row stand for one. An enclosed "\N" is the text \N, not NULL. Text
//     between the closing enclose byte and the next separator is kept, appended literally
//     (`"ab"c` is abc), as StarRocks does. An enclose byte later in a field is an ordinary byte.
//   - `escape` (one byte, e.g. '\\'; 0 = none): the byte after it is taken literally (an
//     escaped enclose, separator or delimiter loses its meaning; for a multi-byte separator or
//     delimiter, escaping its first byte is enough). The escape byte itself is dropped, except
//     as the very last byte of the final input outside an enclosed field, where it has nothing
//     to escape and is kept (inside one, the field is unterminated).
//   - `trim_space`: spaces and tabs at both ends of each field are dropped (including those
//     before an opening enclose byte and after the closing one), but never enclosed or escaped
//     bytes, and never bytes of a separator or delimiter (so it is safe with "\t").
//   - `skip_header`: the first N rows of the stream are skipped (counted as input bytes only;
//     blank rows count, and a skipped row is never rejected).
//   - A blank row (no bytes between two row delimiters, or after the last one) is skipped, as
//     StarRocks always skips blank rows. A row of spaces is not blank.
//   - A row whose field count differs from the batch's num_fields() is rejected with
//     "Value count does not match column count. Expect N, but got M." (StarRocks' text).
//   - A field left open by an enclose byte at the end of the final input is rejected:
//     "unterminated enclosed field starting at byte K of the row" (K counts from 0). The
//     rejected row runs from its start to the end of the input.
//   - Rejected rows keep their raw text, abbreviated past 1 KiB.
// Precedence, for odd option choices: at each position outside an enclosed field a row
// delimiter is recognised first, then a column separator, then the escape byte; so a separator
// or delimiter that contains the enclose or escape byte still works as a separator.
// Bytes are not interpreted beyond the separators (UTF-8 validity is checked when a field is
// converted to a string column, not here).
//
// Streaming: Parse consumes whole rows and reports how many bytes it used; the caller keeps the
// rest and passes it again with more bytes appended. A row is whole once its row delimiter is
// seen outside any enclosed field, and every decision within it could be made from the bytes at
// hand: feeding the same bytes in any split gives the same rows and rejections as one call.
// With `last_input`, the trailing bytes form the final row. Routine Load parses each Kafka
// message as its own final input.
//
// Performance: without enclose and escape (and unless the separator can run into the
// delimiter, as "|\n" can into "\n", where the general path is taken), one pass over the row stops
// only at bytes equal to the first byte of the separator or of the delimiter, found eight at a time
// (memchr's trick, inlined; a call per field costs more than the search), and fields are views of
// the input. With enclose or escape, a byte loop over a lookup table of special bytes; fields stay
// views of the input unless enclose or escape rewrote them, in which case they are copied to a
// scratch buffer. Either way nothing is allocated per row once the reused buffers have grown;
// AppendRow copies the fields into the batch's columns.
//
// Thread safety: none; one reader per load.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "load/source_batch.h"

namespace tributary {

struct CsvOptions {
    // Stream Load's default is a tab; Routine Load jobs usually set "," (the callers choose).
    std::string column_separator = "\t";
    std::string row_delimiter = "\n";
    char enclose = 0;  // 0: none
    char escape = 0;   // 0: none
    bool trim_space = false;
    int64_t skip_header = 0;

    // InvalidArgument naming the option when a separator is empty or longer than 50 bytes, when
    // enclose and escape are the same byte, or when skip_header is negative.
    Status Validate() const;
};

class CsvReader {
public:
    // Options that fail Validate() make every Parse fail with Validate()'s error.
    explicit CsvReader(CsvOptions options);

    // Parses the whole rows of `input` into `batch` (appending; rows that do not fit the
    // batch's field count are rejected). Sets *consumed to the bytes used: all of `input` when
    // `last_input`, else up to the end of the last complete row, and adds them to the batch's
    // input bytes. Fails only for misuse (invalid options).
    Status Parse(std::string_view input, bool last_input, SourceBatch* batch, size_t* consumed);

private:
    // How scanning one row ended.
    enum class RowStatus : uint8_t {
        kComplete,      // a row: [begin, end), the next row starts at `next`
        kIncomplete,    // more input is needed to finish the row (never when last_input)
        kUnterminated,  // the final input ended inside an enclosed field
    };
    struct RowScan {
        RowStatus status = RowStatus::kIncomplete;
        size_t end = 0;           // end of the row's text (before its delimiter)
        size_t next = 0;          // start of the next row
        size_t field_count = 0;   // all fields found, including those past num_fields
        size_t open_enclose = 0;  // kUnterminated: offset of the opening enclose byte in the row
    };
    // What starts at a position outside an enclosed field.
    enum class Token : uint8_t { kNone, kDelimiter, kSeparator, kNeedMore };
    // Where the general path keeps a field's text until the row is complete (scratch_ may
    // reallocate while the row grows, so views into it are made only then).
    struct FieldSpan {
        size_t begin = 0;  // offset into the input, or into scratch_ when `in_scratch`
        size_t length = 0;
        bool in_scratch = false;
        bool is_null = false;
    };

    // The fast path: no enclose, no escape, and separator and delimiter cannot overlap. Fills
    // fields_ with views of `input`.
    RowScan ScanPlainRow(std::string_view input, size_t begin, bool last_input);
    // The general path: enclose, escape, or overlapping separator and delimiter. Fills spans_.
    RowScan ScanRow(std::string_view input, size_t begin, bool last_input);
    // Turns spans_ into fields_ once the row is complete.
    void SpansToFields(std::string_view input, size_t field_count);
    Token TokenAt(std::string_view input, size_t pos, bool last_input) const;

    CsvOptions options_;
    Status options_status_;  // Validate()'s verdict, returned by every Parse
    bool plain_;             // the fast path applies
    int64_t header_rows_left_;
    std::array<bool, 256> special_{};  // general path: bytes that may start a token or escape
    std::vector<SourceField> fields_;  // reused per row, num_fields() entries
    std::vector<FieldSpan> spans_;     // reused per row (general path), num_fields() entries
    std::string scratch_;              // reused: fields rewritten by enclose / escape
};

}  // namespace tributary
