// SourceBatch: what a format reader hands the load pipeline - rows of text fields.
//
// A reader (csv/csv_reader.h, json/json_reader.h) turns input bytes into rows of `num_fields`
// fields. Each field is text or NULL; the pipeline (load_pipeline.h) converts the text to the
// table's types. Every field lands in one nullable VARCHAR column, so a batch is a set of
// columns the expression engine can evaluate over without copying.
//
// Each accepted row also keeps a view of its raw input text, for the error log when a later
// stage rejects it. Rows the reader itself cannot parse (a wrong field count, malformed JSON)
// are not appended; they are recorded as rejected rows with their raw text and reason, and the
// pipeline counts them as error rows.
//
// Lifetime: raw-text views point into the reader's input or the reader's own buffers. They stay
// valid until the reader's next Parse call or the input is released, whichever comes first; the
// pipeline consumes a batch before either happens. Field values are copied into the batch.
//
// Thread safety: none; one batch per reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "column/binary_column.h"

namespace tributary {

// One field of a row as a reader found it.
struct SourceField {
    std::string_view text;
    bool is_null = false;
};

// A row the reader could not turn into fields.
struct RejectedRow {
    std::string raw;     // the row's input text (abbreviated by the reader when huge)
    std::string reason;  // what is wrong and where, e.g. "Value count does not match ..."
};

class SourceBatch {
public:
    // The source type of every field: VARCHAR of the maximal length.
    static TypeDesc FieldType() { return TypeDesc::Varchar(TypeDesc::kMaxVarcharLength); }

    explicit SourceBatch(size_t num_fields);

    size_t num_fields() const { return fields_.size(); }
    // Rows with fields (rejected rows are not counted here).
    size_t num_rows() const { return raw_.size(); }
    size_t num_rejected() const { return rejected_.size(); }

    // --- Reader side ----------------------------------------------------------------------
    // Appends one row. REQUIRES: fields.size() == num_fields().
    void AppendRow(std::span<const SourceField> fields, std::string_view raw);
    // Records a row that could not be parsed.
    void Reject(std::string_view raw, std::string reason);
    // Bytes of input the reader consumed for this batch (rows, delimiters, skipped lines).
    void AddInputBytes(uint64_t bytes) { input_bytes_ += bytes; }

    // --- Pipeline side --------------------------------------------------------------------
    // Field `f`'s values. A NULL row holds an empty value.
    const BinaryColumn& values(size_t f) const { return fields_[f].values; }
    // Field `f`'s null map (1 = NULL), one byte per row.
    const std::vector<uint8_t>& nulls(size_t f) const { return fields_[f].nulls; }
    bool IsNull(size_t f, size_t row) const { return fields_[f].nulls[row] != 0; }
    std::string_view value(size_t f, size_t row) const { return fields_[f].values.value(row); }
    std::string_view raw(size_t row) const { return raw_[row]; }
    const std::vector<RejectedRow>& rejected() const { return rejected_; }
    uint64_t input_bytes() const { return input_bytes_; }

    // Empties the batch (keeping its capacity) for the next Parse.
    void Clear();

private:
    struct Field {
        BinaryColumn values{FieldType()};
        std::vector<uint8_t> nulls;
    };
    std::vector<Field> fields_;
    std::vector<std::string_view> raw_;
    std::vector<RejectedRow> rejected_;
    uint64_t input_bytes_ = 0;
};

}  // namespace tributary
