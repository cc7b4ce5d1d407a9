#include "load/csv/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <utility>

namespace tributary {
namespace {

constexpr size_t kMaxSeparatorBytes = 50;
// Rejected rows keep at most this much of their raw text.
constexpr size_t kMaxRejectedRawBytes = 1024;

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// The first occurrence of `token` lying wholly inside [from, to), or nullptr.
const char* Find(const char* from, const char* to, std::string_view token) {
    const size_t n = token.size();
    if (n == 1) return static_cast<const char*>(std::memchr(from, token[0], to - from));
    if (static_cast<size_t>(to - from) < n) return nullptr;
    const char* const last_start = to - n;
    for (const char* p = from; p <= last_start; ++p) {
        p = static_cast<const char*>(std::memchr(p, token[0], last_start - p + 1));
        if (p == nullptr) return nullptr;
        if (std::memcmp(p + 1, token.data() + 1, n - 1) == 0) return p;
    }
    return nullptr;
}

// Whether an occurrence of `separator` can run into the start of a row delimiter: some proper
// suffix of the separator agrees with the delimiter's beginning ("ab" and "b\n", "a\nb" and
// "\n"). Then finding rows before fields would differ from one left-to-right scan, so the
// reader takes the general path.
bool SeparatorCanOverlapDelimiter(std::string_view separator, std::string_view delimiter) {
    for (size_t k = 1; k < separator.size(); ++k) {
        const size_t n = std::min(separator.size() - k, delimiter.size());
        if (separator.compare(k, n, delimiter, 0, n) == 0) return true;
    }
    return false;
}

// A field of the fast path: [begin, end) of the input, trimmed when asked.
SourceField PlainField(const char* begin, const char* end, bool trim) {
    if (trim) {
        while (begin < end && IsBlank(*begin)) ++begin;
        while (end > begin && IsBlank(end[-1])) --end;
    }
    const size_t length = end - begin;
    return SourceField{std::string_view(begin, length),
                       length == 2 && begin[0] == '\\' && begin[1] == 'N'};
}

// A row's raw text for the error log: whole up to kMaxRejectedRawBytes, else its beginning (cut
// at a UTF-8 character boundary) and its size.
std::string AbbreviatedRaw(std::string_view raw) {
    if (raw.size() <= kMaxRejectedRawBytes) return std::string(raw);
    size_t cut = kMaxRejectedRawBytes;
    for (int i = 0; i < 3 && (static_cast<uint8_t>(raw[cut]) & 0xC0) == 0x80; ++i) --cut;
    return fmt::format("{}... ({} bytes)", raw.substr(0, cut), raw.size());
}

enum class Match : uint8_t { kNo, kYes, kPartial };

// Whether `token` starts at `pos`; kPartial when the input ends inside a possible match.
Match MatchAt(std::string_view input, size_t pos, std::string_view token) {
    const size_t available = std::min(token.size(), input.size() - pos);
    if (std::memcmp(input.data() + pos, token.data(), available) != 0) return Match::kNo;
    return available == token.size() ? Match::kYes : Match::kPartial;
}

}  // namespace

Status CsvOptions::Validate() const {
    if (column_separator.empty() || column_separator.size() > kMaxSeparatorBytes) {
        return Status::InvalidArgument(fmt::format("column_separator must be 1 to {} bytes, got {}",
                                                   kMaxSeparatorBytes, column_separator.size()));
    }
    if (row_delimiter.empty() || row_delimiter.size() > kMaxSeparatorBytes) {
        return Status::InvalidArgument(fmt::format("row_delimiter must be 1 to {} bytes, got {}",
                                                   kMaxSeparatorBytes, row_delimiter.size()));
    }
    if (enclose != 0 && enclose == escape) {
        return Status::InvalidArgument("enclose and escape must be different bytes");
    }
    if (skip_header < 0) {
        return Status::InvalidArgument(
            fmt::format("skip_header must not be negative, got {}", skip_header));
    }
    return Status::OK();
}

CsvReader::CsvReader(CsvOptions options)
    : options_(std::move(options)),
      options_status_(options_.Validate()),
      plain_(false),
      header_rows_left_(options_.skip_header) {
    if (!options_status_.ok()) return;
    plain_ = options_.enclose == 0 && options_.escape == 0 &&
             !SeparatorCanOverlapDelimiter(options_.column_separator, options_.row_delimiter);
    special_[static_cast<uint8_t>(options_.row_delimiter[0])] = true;
    special_[static_cast<uint8_t>(options_.column_separator[0])] = true;
    if (options_.escape != 0) special_[static_cast<uint8_t>(options_.escape)] = true;
}

Status CsvReader::Parse(std::string_view input, bool last_input, SourceBatch* batch,
                        size_t* consumed) {
    *consumed = 0;
    if (!options_status_.ok()) return options_status_;
    const size_t num_fields = batch->num_fields();
    fields_.resize(num_fields);
    if (!plain_) spans_.resize(num_fields);

    size_t pos = 0;
    while (pos < input.size()) {
        const RowScan row =
            plain_ ? ScanPlainRow(input, pos, last_input) : ScanRow(input, pos, last_input);
        if (row.status == RowStatus::kIncomplete) break;
        const std::string_view raw = input.substr(pos, row.end - pos);
        if (header_rows_left_ > 0) {
            --header_rows_left_;
        } else if (row.status == RowStatus::kUnterminated) {
            batch->Reject(AbbreviatedRaw(raw),
                          fmt::format("unterminated enclosed field starting at byte {} of the row",
                                      row.open_enclose));
        } else if (raw.empty()) {
            // A blank row: skipped, as StarRocks does.
        } else if (row.field_count != num_fields) {
            batch->Reject(AbbreviatedRaw(raw),
                          fmt::format("Value count does not match column count. Expect {}, but "
                                      "got {}.",
                                      num_fields, row.field_count));
        } else {
            if (!plain_) SpansToFields(input, num_fields);
            batch->AppendRow(fields_, raw);
        }
        pos = row.next;
    }
    *consumed = pos;
    batch->AddInputBytes(pos);
    return Status::OK();
}

// The fast path finds the row's end first and then its separators; with no enclose, no escape
// and no overlap between separator and delimiter this is the same as one left-to-right scan.
CsvReader::RowScan CsvReader::ScanPlainRow(std::string_view input, size_t begin,
                                           bool last_input) {
    const char* const data = input.data();
    const char* const input_end = data + input.size();
    const std::string_view separator = options_.column_separator;
    RowScan row;
    const char* row_end = Find(data + begin, input_end, options_.row_delimiter);
    if (row_end != nullptr) {
        row.next = row_end - data + options_.row_delimiter.size();
    } else if (last_input) {
        row_end = input_end;
        row.next = input.size();
    } else {
        return row;  // kIncomplete: no delimiter yet
    }
    row.status = RowStatus::kComplete;
    row.end = row_end - data;

    const size_t num_fields = fields_.size();
    const bool trim = options_.trim_space;
    const char* field = data + begin;
    size_t count = 0;
    while (true) {
        const char* found = Find(field, row_end, separator);
        const char* field_end = found != nullptr ? found : row_end;
        if (count < num_fields) fields_[count] = PlainField(field, field_end, trim);
        ++count;
        if (found == nullptr) break;
        field = found + separator.size();
    }
    row.field_count = count;
    return row;
}

CsvReader::Token CsvReader::TokenAt(std::string_view input, size_t pos, bool last_input) const {
    const Match delimiter = MatchAt(input, pos, options_.row_delimiter);
    if (delimiter == Match::kYes) return Token::kDelimiter;
    if (delimiter == Match::kPartial && !last_input) return Token::kNeedMore;
    const Match separator = MatchAt(input, pos, options_.column_separator);
    if (separator == Match::kYes) return Token::kSeparator;
    if (separator == Match::kPartial && !last_input) return Token::kNeedMore;
    return Token::kNone;
}

// The general path: one left-to-right pass over the row, a field at a time. Returns kIncomplete
// as soon as a decision needs a byte past the end of non-final input, so that a row is only
// ever decided on all the bytes that decide it.
CsvReader::RowScan CsvReader::ScanRow(std::string_view input, size_t begin, bool last_input) {
    const char* const data = input.data();
    const size_t size = input.size();
    const char enclose = options_.enclose;
    const char escape = options_.escape;
    const bool trim = options_.trim_space;
    const size_t num_fields = spans_.size();

    // Adds input bytes [from, to) to a field's text: extends its view while the bytes are
    // contiguous, else moves the text to the end of scratch_ and appends there.
    auto append = [&](FieldSpan& text, size_t from, size_t to) {
        if (!text.in_scratch) {
            if (text.length == 0) {
                text.begin = from;
                text.length = to - from;
                return;
            }
            if (text.begin + text.length == from) {
                text.length += to - from;
                return;
            }
            const size_t at = scratch_.size();
            scratch_.append(data + text.begin, text.length);
            text.begin = at;
            text.in_scratch = true;
        }
        scratch_.append(data + from, to - from);
        text.length += to - from;
    };

    RowScan row;  // kIncomplete until the row's end is found
    scratch_.clear();
    size_t pos = begin;
    size_t count = 0;
    while (true) {  // one field per pass
        size_t q = pos;
        if (trim) {
            while (q < size && IsBlank(data[q]) && data[q] != enclose && data[q] != escape) {
                const Token token = TokenAt(input, q, last_input);
                if (token == Token::kNeedMore) return row;
                if (token != Token::kNone) break;
                ++q;
            }
        }

        FieldSpan text;
        size_t kept = 0;  // text.length that trim_space must not cut: enclosed or escaped bytes
        bool enclosed = false;
        if (enclose != 0 && q < size && data[q] == enclose) {
            const Token token = TokenAt(input, q, last_input);
            if (token == Token::kNeedMore) return row;
            enclosed = token == Token::kNone;
        }
        if (enclosed) {
            const size_t open = q++;
            auto unterminated = [&] {
                row.status = RowStatus::kUnterminated;
                row.end = size;
                row.next = size;
                row.open_enclose = open - begin;
                row.field_count = count + 1;
                return row;
            };
            while (true) {
                if (q >= size) return last_input ? unterminated() : row;
                const char c = data[q];
                if (c == enclose) {
                    if (q + 1 < size && data[q + 1] == enclose) {  // doubled: one literal byte
                        append(text, q, q + 1);
                        q += 2;
                        continue;
                    }
                    if (q + 1 >= size && !last_input) return row;  // maybe doubled
                    ++q;
                    break;
                }
                if (escape != 0 && c == escape) {
                    if (q + 1 >= size) return last_input ? unterminated() : row;
                    append(text, q + 1, q + 2);
                    q += 2;
                    continue;
                }
                size_t run_end;
                if (escape == 0) {
                    const void* hit = std::memchr(data + q + 1, enclose, size - q - 1);
                    run_end = hit != nullptr ? static_cast<const char*>(hit) - data : size;
                } else {
                    run_end = q + 1;
                    while (run_end < size && data[run_end] != enclose && data[run_end] != escape) {
                        ++run_end;
                    }
                }
                append(text, q, run_end);
                q = run_end;
            }
            kept = text.length;
        }

        // The unenclosed part: the whole field, or the text after the closing enclose byte.
        const size_t plain_begin = q;
        size_t field_end = 0;
        bool row_ends = false;
        while (true) {
            if (q >= size) {
                if (!last_input) return row;
                field_end = size;
                row.end = size;
                row.next = size;
                row_ends = true;
                break;
            }
            const char c = data[q];
            if (special_[static_cast<uint8_t>(c)]) {
                const Token token = TokenAt(input, q, last_input);
                if (token == Token::kNeedMore) return row;
                if (token == Token::kDelimiter) {
                    field_end = q;
                    row.end = q;
                    row.next = q + options_.row_delimiter.size();
                    row_ends = true;
                    break;
                }
                if (token == Token::kSeparator) {
                    field_end = q;
                    pos = q + options_.column_separator.size();
                    break;
                }
                if (escape != 0 && c == escape) {
                    if (q + 1 < size) {
                        append(text, q + 1, q + 2);
                        q += 2;
                        kept = text.length;
                        continue;
                    }
                    if (!last_input) return row;
                    append(text, q, q + 1);  // the final byte: nothing to escape, kept
                    ++q;
                    continue;
                }
            }
            size_t run_end = q + 1;
            while (run_end < size && !special_[static_cast<uint8_t>(data[run_end])]) ++run_end;
            append(text, q, run_end);
            q = run_end;
        }

        if (trim) {
            const char* base = text.in_scratch ? scratch_.data() : data;
            while (text.length > kept && IsBlank(base[text.begin + text.length - 1])) {
                --text.length;
            }
            if (text.in_scratch) scratch_.resize(text.begin + text.length);
        }
        if (!enclosed) {
            // NULL is decided on the input bytes, before escapes are applied.
            size_t raw_end = field_end;
            if (trim) {
                while (raw_end > plain_begin && IsBlank(data[raw_end - 1])) --raw_end;
            }
            text.is_null = raw_end - plain_begin == 2 && data[plain_begin] == '\\' &&
                           data[plain_begin + 1] == 'N';
        }
        if (count < num_fields) spans_[count] = text;
        ++count;
        if (row_ends) {
            row.status = RowStatus::kComplete;
            row.field_count = count;
            return row;
        }
    }
}

void CsvReader::SpansToFields(std::string_view input, size_t field_count) {
    for (size_t f = 0; f < field_count; ++f) {
        const FieldSpan& span = spans_[f];
        const char* base = span.in_scratch ? scratch_.data() : input.data();
        fields_[f] = SourceField{std::string_view(base + span.begin, span.length), span.is_null};
    }
}

}  // namespace tributary
