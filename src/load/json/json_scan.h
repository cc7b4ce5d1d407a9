// Delimiting JSON documents in a stream: where each one ends, or where and why it breaks, told
// by its brackets, strings and token order alone, in one pass over its bytes (simdjson then
// checks the tokens themselves). The JSON reader uses it when a line is not exactly one
// well-formed document, and to resume after a malformed one.
//
// Internal to src/load/json. Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tributary::json_internal {

// simdjson's default nesting limit. The scan enforces it, which also bounds the reader's
// recursion.
inline constexpr size_t kMaxDepth = 1024;

// Where the document starting at data[begin] ends, told by its brackets, strings and token
// order alone (simdjson checks the tokens themselves). One pass over the document's bytes.
struct Extent {
    size_t end = 0;       // complete: one past the document's last byte
    size_t break_at = 0;  // broken: the byte where the document stops making sense
    std::string problem;  // broken: what is wrong there; empty when complete
};

Extent ScanDocument(std::string_view data, size_t begin);

// Where reading resumes after a document that broke at `break_at`: the start of the line holding
// that byte when it lies past the document's first line, else the next line.
size_t ResumePoint(std::string_view data, size_t begin, size_t break_at);

// "a string", "'x'" or "byte 0x01": a byte where a token starts, for messages.
std::string DescribeByte(uint8_t byte);

}  // namespace tributary::json_internal
