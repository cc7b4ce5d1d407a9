// libFuzzer target for the JSON reader: any bytes must yield rows and rejections - never a
// crash, a hang, or a row of the wrong width. The first byte picks the options (a path set,
// strip_outer_array, json_root); the rest is the input. Also checks that:
//   - non-blank input yields at least one row or rejection (unless strip_outer_array is on,
//     where an empty array yields neither);
//   - a second Parse by the same reader gives the same batch (no state leaks between calls);
//   - a row's raw text is valid JSON to simdjson's validating DOM parser, and read again as a
//     document of its own gives the same fields.
//
// Build: cmake -DTRIBUTARY_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ ...; ninja json_reader_fuzzer
// Run:   ./json_reader_fuzzer -max_len=4096 -max_total_time=60
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "load/json/json_reader.h"

namespace {

const std::vector<std::vector<std::string>> kPathSets = {
    {"$.a", "$.b"},
    {"a", "b", "c"},
    {"$", "$.a.b", "$.a[0]", "$.a[1].b", "$.a"},
    {"$['a.b']", "$.x[0][1]", "$.a.b.c", "b"},
};

void Check(bool condition) {
    if (!condition) std::abort();
}

// Whether `b` holds the rows and rejections of `a`, whose raw texts (views into the reader's
// copy of the input, overwritten by the Parse that filled `b`) were saved as `a_raws`.
bool SameBatch(const tributary::SourceBatch& a, const std::vector<std::string>& a_raws,
               const tributary::SourceBatch& b) {
    if (a.num_rows() != b.num_rows() || a.num_rejected() != b.num_rejected()) return false;
    for (size_t r = 0; r < a.num_rows(); ++r) {
        if (a_raws[r] != b.raw(r)) return false;
        for (size_t f = 0; f < a.num_fields(); ++f) {
            if (a.IsNull(f, r) != b.IsNull(f, r) || a.value(f, r) != b.value(f, r)) return false;
        }
    }
    for (size_t i = 0; i < a.num_rejected(); ++i) {
        if (a.rejected()[i].raw != b.rejected()[i].raw ||
            a.rejected()[i].reason != b.rejected()[i].reason) {
            return false;
        }
    }
    return true;
}

// Whether simdjson's DOM parser, which validates everything, accepts `json` (numbers it cannot
// represent aside: the reader keeps their text).
bool IsValidJson(std::string_view json) {
    static simdjson::dom::parser parser;
    simdjson::dom::element element;
    const auto error = parser.parse(json.data(), json.size()).get(element);
    return !error || error == simdjson::NUMBER_ERROR;
}

bool IsBlank(std::string_view input) {
    if (input.starts_with("\xEF\xBB\xBF")) input.remove_prefix(3);
    return input.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const uint8_t flags = data[0];
    const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);

    tributary::JsonOptions options;
    options.field_paths = kPathSets[flags & 3];
    options.strip_outer_array = (flags & 4) != 0;
    if ((flags & 8) != 0) options.json_root = (flags & 16) != 0 ? "$.RECORDS" : "$.a[0]";
    const size_t num_fields = options.field_paths.size();

    tributary::JsonReader reader(options);
    tributary::SourceBatch batch(num_fields);
    Check(reader.Parse(input, &batch).ok());
    Check(batch.input_bytes() == input.size());
    for (size_t f = 0; f < num_fields; ++f) {
        Check(batch.values(f).size() == batch.num_rows());
        Check(batch.nulls(f).size() == batch.num_rows());
    }
    if (!options.strip_outer_array && !IsBlank(input)) {
        Check(batch.num_rows() + batch.num_rejected() > 0);
    }

    // A row's raw text is its object: read alone, it gives the row again.
    tributary::JsonOptions alone = options;
    alone.json_root.clear();
    alone.strip_outer_array = false;
    tributary::JsonReader again_reader(alone);
    for (size_t r = 0; r < batch.num_rows() && r < 8; ++r) {
        Check(IsValidJson(batch.raw(r)));
        tributary::SourceBatch again(num_fields);
        Check(again_reader.Parse(batch.raw(r), &again).ok());
        Check(again.num_rows() == 1 && again.num_rejected() == 0);
        for (size_t f = 0; f < num_fields; ++f) {
            Check(again.IsNull(f, 0) == batch.IsNull(f, r));
            Check(again.value(f, 0) == batch.value(f, r));
        }
    }

    std::vector<std::string> raws;
    for (size_t r = 0; r < batch.num_rows(); ++r) raws.emplace_back(batch.raw(r));
    tributary::SourceBatch second(num_fields);
    Check(reader.Parse(input, &second).ok());
    Check(SameBatch(batch, raws, second));
    return 0;
}
