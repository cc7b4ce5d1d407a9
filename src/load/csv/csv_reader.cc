#include "load/csv/csv_reader.h"

#include "base/string_util.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

namespace tributary {
namespace {

constexpr size_t kMaxSeparatorBytes = 50;
// Rejected rows keep at most this much of their raw text.
constexpr size_t kMaxRejectedRawBytes = 1024;

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// The first byte in [p, end) equal to `a` or `b`, or nullptr. Eight bytes at a time: a word's
// byte is zero exactly where it matched, and ((x & 0x7f) + 0x7f) | x has its high bit set
// exactly in the non-zero bytes, with no carry between bytes.
inline const char* FindEither(const char* p, const char* end, char a, char b) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7fULL;
    const uint64_t all_a = kOnes * static_cast<uint8_t>(a);
    const uint64_t all_b = kOnes * static_cast<uint8_t>(b);
    for (; end - p >= 8; p += 8) {
        uint64_t word;
        std::memcpy(&word, p, 8);
        const uint64_t xa = word ^ all_a;
        const uint64_t xb = word ^ all_b;
        const uint64_t hits =
            ~((((xa & kLow7) + kLow7) | xa) & (((xb & kLow7) + kLow7) | xb)) & ~kLow7;
        if (hits != 0) {
            const int bit = std::endian::native == std::endian::little ? std::countr_zero(hits)
                                                                       : std::countl_zero(hits);
            return p + bit / 8;
        }
    }
    for (; p < end; ++p) {
        if (*p == a || *p == b) return p;
    }
    return nullptr;
}

// Whether `token` lies wholly in [p, end) at p. REQUIRES: p < end and *p == token[0].
inline bool TokenAtPointer(const char* p, const char* end, std::string_view token) {
    if (token.size() == 1) return true;
    return static_cast<size_t>(end - p) >= token.size() &&
           std::memcmp(p + 1, token.data() + 1, token.size() - 1) == 0;
}

// Whether an occurrence of `separator` can run into the start of a row delimiter: some proper
// suffix of the separator agrees with the delimiter's beginning ("ab" and "b\n", "a\nb" and
// "\n"). Then whether a row ends can hang on bytes past a separator cut off at the end of the
// input, which the fast path does not wait for, so the reader takes the general path.
bool SeparatorCanOverlapDelimiter(std::string_view separator, std::string_view delimiter) {
    for (size_t k = 1; k < separator.size(); ++k) {
        const size_t n = std::min(separator.size() - k, delimiter.size());
        if (separator.compare(k, n, delimiter, 0, n) == 0) return true;
    }
    return false;
}

// A field of the fast path: [begin, end) of the input, trimmed when asked.
inline SourceField PlainField(const char* begin, const char* end, bool trim) {
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
    return fmt::format("{} ({} bytes)", TruncateUtf8(raw, kMaxRejectedRawBytes), raw.size());
}

// StarRocks' words for a row with the wrong field count; users and tools search for them.
std::string ValueCountMismatch(size_t expected, size_t actual) {
    return fmt::format("Value count does not match column count. Expect {}, but got {}.", expected,
                       actual);
}

enum class Match : uint8_t { kNo, kYes, kPartial };

// Whether `token` starts at `pos`; kPartial when the input ends inside a possible match.
Match MatchAt(std::string_view input, size_t pos, std::string_view token) {
    if (input[pos] != token[0]) return Match::kNo;
    if (token.size() == 1) return Match::kYes;
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
            batch->Reject(AbbreviatedRaw(raw), ValueCountMismatch(num_fields, row.field_count));
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

// The fast path: one left-to-right pass that stops only at the first bytes of the delimiter and
// the separator. A token cut off by the end of the input does not match: without enclose and
// escape, and with a separator that cannot run into a delimiter, a row holding such a token
// has no delimiter in the input yet, so it is incomplete unless the input is final.
CsvReader::RowScan CsvReader::ScanPlainRow(std::string_view input, size_t begin, bool last_input) {
    const char* const data = input.data();
    const char* const input_end = data + input.size();
    const std::string_view separator = options_.column_separator;
    const std::string_view delimiter = options_.row_delimiter;
    const size_t num_fields = fields_.size();
    const bool trim = options_.trim_space;

    RowScan row;
    const char* field = data + begin;
    const char* p = field;
    size_t count = 0;
    while (true) {
        const char* hit = FindEither(p, input_end, separator[0], delimiter[0]);
        if (hit == nullptr) {
            if (!last_input) return row;  // kIncomplete: no delimiter yet
            if (count < num_fields) fields_[count] = PlainField(field, input_end, trim);
            ++count;
            row.end = input.size();
            row.next = input.size();
            break;
        }
        if (*hit == delimiter[0] && TokenAtPointer(hit, input_end, delimiter)) {
            if (count < num_fields) fields_[count] = PlainField(field, hit, trim);
            ++count;
            row.end = hit - data;
            row.next = row.end + delimiter.size();
            break;
        }
        if (*hit == separator[0] && TokenAtPointer(hit, input_end, separator)) {
            if (count < num_fields) fields_[count] = PlainField(field, hit, trim);
            ++count;
            field = p = hit + separator.size();
            continue;
        }
        p = hit + 1;
    }
    row.status = RowStatus::kComplete;
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
