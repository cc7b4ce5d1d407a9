// libFuzzer target for the CSV reader. The first bytes of a test case choose the options, the
// field count and a split point; the rest is the CSV input. Checks, besides never crashing:
//   - a final Parse consumes all input, and every accepted row has num_fields fields;
//   - splitting the input in two Parse calls (the first not final, the second given the
//     unconsumed rest) gives the same rows, raw texts, rejections and input bytes as one call;
//   - so does feeding it a byte at a time, which makes every prefix a non-final input once;
//   - when the input holds no enclose or escape byte, turning those options off changes nothing.
//
// Build: cmake -DTRIBUTARY_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ ...; ninja csv_reader_fuzzer
// Run:   ./csv_reader_fuzzer -max_len=512
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/csv/csv_reader.h"

namespace {

using tributary::CsvOptions;
using tributary::CsvReader;
using tributary::SourceBatch;

// Separator, delimiter, enclose and escape bytes come from this alphabet, so that they collide
// with each other and with the data often.
constexpr std::string_view kAlphabet = ",|\n\r\"\\ \tab";

struct Result {
    std::vector<std::pair<bool, std::string>> fields;  // (is_null, text), row after row
    std::vector<std::string> raws;
    std::vector<std::string> rejected;  // raw, then reason
    uint64_t input_bytes = 0;

    bool operator==(const Result&) const = default;
};

[[noreturn]] void Fail(const char* what) {
    std::fprintf(stderr, "csv_reader_fuzzer: %s\n", what);
    std::abort();
}

// Copies `batch` into `out` and checks its shape; `input` is what the raw views must lie in.
void Collect(const SourceBatch& batch, std::string_view input, Result* out) {
    for (size_t f = 0; f < batch.num_fields(); ++f) {
        if (batch.values(f).size() != batch.num_rows() ||
            batch.nulls(f).size() != batch.num_rows()) {
            Fail("a field column's size differs from the row count");
        }
    }
    for (size_t r = 0; r < batch.num_rows(); ++r) {
        for (size_t f = 0; f < batch.num_fields(); ++f) {
            out->fields.emplace_back(batch.IsNull(f, r), std::string(batch.value(f, r)));
        }
        std::string_view raw = batch.raw(r);
        if (raw.data() < input.data() || raw.data() + raw.size() > input.data() + input.size()) {
            Fail("a raw row view lies outside the input");
        }
        out->raws.emplace_back(raw);
    }
    for (const tributary::RejectedRow& rejected : batch.rejected()) {
        out->rejected.push_back(rejected.raw);
        out->rejected.push_back(rejected.reason);
    }
    out->input_bytes += batch.input_bytes();
}

Result ParseWhole(const CsvOptions& options, std::string_view input, size_t num_fields) {
    CsvReader reader(options);
    SourceBatch batch(num_fields);
    size_t consumed = 0;
    if (!reader.Parse(input, /*last_input=*/true, &batch, &consumed).ok()) Fail("Parse failed");
    if (consumed != input.size()) Fail("a final Parse left input unconsumed");
    Result result;
    Collect(batch, input, &result);
    if (result.input_bytes != input.size()) Fail("input bytes differ from the input size");
    return result;
}

Result ParseSplit(const CsvOptions& options, std::string_view input, size_t num_fields,
                  size_t split) {
    CsvReader reader(options);
    SourceBatch batch(num_fields);
    Result result;
    size_t consumed = 0;
    const std::string_view head = input.substr(0, split);
    if (!reader.Parse(head, /*last_input=*/false, &batch, &consumed).ok()) Fail("Parse failed");
    if (consumed > head.size()) Fail("Parse consumed more than its input");
    Collect(batch, head, &result);
    batch.Clear();
    // A fresh copy, as a caller's buffer would be, so that stale views would be caught by ASan.
    const std::string rest(input.substr(consumed));
    size_t consumed_rest = 0;
    if (!reader.Parse(rest, /*last_input=*/true, &batch, &consumed_rest).ok()) Fail("Parse failed");
    if (consumed_rest != rest.size()) Fail("a final Parse left input unconsumed");
    Collect(batch, rest, &result);
    return result;
}

// Feeds `input` a byte at a time, keeping the unconsumed bytes as a caller does.
Result ParseByteByByte(const CsvOptions& options, std::string_view input, size_t num_fields) {
    CsvReader reader(options);
    SourceBatch batch(num_fields);
    Result result;
    std::string pending;
    for (size_t i = 0; i < input.size(); ++i) {
        pending += input[i];
        const bool last = i + 1 == input.size();
        size_t consumed = 0;
        if (!reader.Parse(pending, last, &batch, &consumed).ok()) Fail("Parse failed");
        if (consumed > pending.size() || (last && consumed != pending.size())) {
            Fail("Parse consumed a wrong amount");
        }
        Collect(batch, pending, &result);
        batch.Clear();
        pending.erase(0, consumed);
    }
    return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Header: flags, field count, split point (2 bytes), then the separator and delimiter bytes.
    if (size < 4) return 0;
    const uint8_t flags = data[0];
    const size_t separator_size = 1 + (flags & 3) % 3;
    const size_t delimiter_size = 1 + ((flags >> 2) & 3) % 3;
    const size_t header = 4 + separator_size + delimiter_size + 2;
    if (size < header) return 0;
    const size_t num_fields = 1 + data[1] % 4;
    const size_t split_seed = data[2] | (size_t{data[3]} << 8);
    auto pick = [&](size_t i) { return kAlphabet[data[i] % kAlphabet.size()]; };

    CsvOptions options;
    options.column_separator.clear();
    options.row_delimiter.clear();
    size_t at = 4;
    for (size_t i = 0; i < separator_size; ++i) options.column_separator += pick(at++);
    for (size_t i = 0; i < delimiter_size; ++i) options.row_delimiter += pick(at++);
    options.enclose = (flags & 0x10) ? pick(at) : 0;
    ++at;
    options.escape = (flags & 0x20) ? pick(at) : 0;
    ++at;
    options.trim_space = (flags & 0x40) != 0;
    options.skip_header = (flags & 0x80) ? 1 : 0;

    const std::string_view input(reinterpret_cast<const char*>(data) + header, size - header);
    if (!options.Validate().ok()) {
        CsvReader reader(options);
        SourceBatch batch(num_fields);
        size_t consumed = 0;
        if (reader.Parse(input, true, &batch, &consumed).ok()) Fail("invalid options parsed");
        return 0;
    }

    const Result whole = ParseWhole(options, input, num_fields);
    const size_t split = split_seed % (input.size() + 1);
    if (!(ParseSplit(options, input, num_fields, split) == whole)) {
        Fail("a split input parsed differently from the whole");
    }
    if (!input.empty() && !(ParseByteByByte(options, input, num_fields) == whole)) {
        Fail("input fed a byte at a time parsed differently from the whole");
    }

    const bool uses_enclose = options.enclose != 0 && input.find(options.enclose) != input.npos;
    const bool uses_escape = options.escape != 0 && input.find(options.escape) != input.npos;
    if ((options.enclose != 0 || options.escape != 0) && !uses_enclose && !uses_escape) {
        CsvOptions plain = options;
        plain.enclose = 0;
        plain.escape = 0;
        if (!(ParseWhole(plain, input, num_fields) == whole)) {
            Fail("unused enclose or escape options changed the result");
        }
    }
    return 0;
}
