#include "load/source_batch.h"

#include "base/check.h"

namespace tributary {

SourceBatch::SourceBatch(size_t num_fields) : fields_(num_fields) {}

void SourceBatch::AppendRow(std::span<const SourceField> fields, std::string_view raw) {
    TRIBUTARY_DCHECK(fields.size() == fields_.size(), "SourceBatch::AppendRow: field count");
    for (size_t f = 0; f < fields_.size(); ++f) {
        Field& field = fields_[f];
        if (fields[f].is_null) {
            field.values.AppendDefault(1);
            field.nulls.push_back(1);
        } else {
            field.values.Append(fields[f].text);
            field.nulls.push_back(0);
        }
    }
    raw_.push_back(raw);
}

void SourceBatch::Reject(std::string_view raw, std::string reason) {
    rejected_.push_back(RejectedRow{std::string(raw), std::move(reason)});
}

void SourceBatch::Clear() {
    for (Field& field : fields_) {
        field.values.Clear();
        field.nulls.clear();
    }
    raw_.clear();
    rejected_.clear();
    input_bytes_ = 0;
}

}  // namespace tributary
