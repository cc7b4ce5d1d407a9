// Page codec: turns a run of rows of one column into a self-checking page and back.
//
// A page is a 24-byte header followed by the stored body (docs/formats/segment.md, "Page"). The
// body, before compression, is the null bitmap (only when the page holds a NULL) followed by the
// values of every row in one encoding; NULL rows carry the type's default value. The encoding is
// chosen per page by cheap size estimates (plain; dictionary for strings; run-length for any
// fixed width; frame-of-reference bit packing for integers up to 64 bits), unless forced.
// The body is LZ4-compressed when that makes it smaller. A CRC32C covers header and body.
//
// Decoding trusts nothing: every length is checked before use and every failure is a
// Status::Corruption whose message says what is wrong (the caller prefixes the file name).
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "column/column.h"

namespace tributary {

enum class PageEncoding : uint8_t {
    kPlain = 0,
    kDictionary = 1,  // CHAR / VARCHAR / JSON only
    kRunLength = 2,   // fixed-width types only
    kBitPacked = 3,   // BOOLEAN and integer types of at most 64 bits (incl. DATE, DATETIME)
};

enum class PageCompression : uint8_t { kNone = 0, kLz4 = 1 };

inline constexpr size_t kPageHeaderSize = 24;

// True when `encoding` can encode values of `type`.
bool EncodingSupports(PageEncoding encoding, LogicalType type);

// Encodes rows [offset, offset + count) of `column` as one complete page (header + body).
// `force` selects the encoding when it supports the type (else the page is plain).
// REQUIRES: count > 0 and count < 2^32.
std::string EncodePage(const Column& column, size_t offset, size_t count,
                       std::optional<PageEncoding> force);

// Decodes one complete page and appends its rows to `out` (a column of the segment's kind for
// this column). Fails with Corruption when the page is damaged or holds other than
// `expected_rows` rows; `out` is then left with an unspecified number of extra rows.
Status DecodePage(std::string_view page, uint32_t expected_rows, Column* out);

// The encoding recorded in a page header (for tests and tools). REQUIRES: page is a whole page.
PageEncoding PageEncodingOf(std::string_view page);

}  // namespace tributary
