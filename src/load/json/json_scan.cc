#include "load/json/json_scan.h"

#include <fmt/format.h>

#include <array>

namespace tributary::json_internal {
namespace {

enum ByteClass : uint8_t {
    kScalarByte,  // part of a number or literal (or of garbage, which simdjson rejects)
    kSpaceByte,
    kQuoteByte,
    kOpenObjectByte,
    kCloseObjectByte,
    kOpenArrayByte,
    kCloseArrayByte,
    kCommaByte,
    kColonByte,
};

constexpr std::array<uint8_t, 256> MakeByteClasses() {
    std::array<uint8_t, 256> classes{};
    for (char c : std::string_view(" \t\n\r")) classes[static_cast<uint8_t>(c)] = kSpaceByte;
    classes['"'] = kQuoteByte;
    classes['{'] = kOpenObjectByte;
    classes['}'] = kCloseObjectByte;
    classes['['] = kOpenArrayByte;
    classes[']'] = kCloseArrayByte;
    classes[','] = kCommaByte;
    classes[':'] = kColonByte;
    return classes;
}
constexpr std::array<uint8_t, 256> kByteClass = MakeByteClasses();

// Bytes that stop the scan of a string's contents.
constexpr std::array<bool, 256> MakeStringStops() {
    std::array<bool, 256> stops{};
    stops['"'] = stops['\\'] = stops['\n'] = true;
    return stops;
}
constexpr std::array<bool, 256> kStringStop = MakeStringStops();

// What the scan accepts next.
enum class Expect : uint8_t { kValue, kValueOrClose, kKey, kKeyOrClose, kColon, kCommaOrClose };

std::string Unexpected(uint8_t byte, Expect expect, bool in_object) {
    const std::string found = DescribeByte(byte);
    const char* expected = "a value";
    switch (expect) {
        case Expect::kValue:
            break;
        case Expect::kValueOrClose:
            expected = "a value or ']'";
            break;
        case Expect::kKey:
            expected = "an object key";
            break;
        case Expect::kKeyOrClose:
            expected = "an object key or '}'";
            break;
        case Expect::kColon:
            expected = "':'";
            break;
        case Expect::kCommaOrClose:
            expected = in_object ? "',' or '}'" : "',' or ']'";
            break;
    }
    return fmt::format("unexpected {} where {} was expected", found, expected);
}

}  // namespace

std::string DescribeByte(uint8_t byte) {
    if (byte == '"') return "a string";
    if (byte > ' ' && byte < 0x7F) return fmt::format("'{}'", static_cast<char>(byte));
    return fmt::format("byte 0x{:02X}", byte);
}

Extent ScanDocument(std::string_view data, size_t begin) {
    constexpr const char* kUnterminatedString =
        "unterminated string (a line break inside a string)";
    const size_t n = data.size();
    std::array<uint64_t, kMaxDepth / 64> open_objects{};  // per open container: 1 = object
    size_t depth = 0;
    auto in_object = [&] {
        return depth > 0 && ((open_objects[(depth - 1) / 64] >> ((depth - 1) % 64)) & 1) != 0;
    };
    auto broken = [](size_t at, std::string problem) { return Extent{0, at, std::move(problem)}; };

    Expect expect = Expect::kValue;
    size_t i = begin;
    while (i < n) {
        const uint8_t byte = static_cast<uint8_t>(data[i]);
        const uint8_t byte_class = kByteClass[byte];
        const bool value_expected = expect == Expect::kValue || expect == Expect::kValueOrClose;
        switch (byte_class) {
            case kSpaceByte:
                ++i;
                continue;
            case kQuoteByte: {
                const bool is_key = expect == Expect::kKey || expect == Expect::kKeyOrClose;
                if (!is_key && !value_expected) {
                    return broken(i, Unexpected(byte, expect, in_object()));
                }
                size_t j = i + 1;
                while (true) {
                    while (j < n && !kStringStop[static_cast<uint8_t>(data[j])]) ++j;
                    if (j >= n) return broken(n, "the input ends inside a string");
                    if (data[j] == '"') break;
                    if (data[j] == '\n') return broken(j, kUnterminatedString);
                    // A backslash: the next byte is escaped (simdjson checks the escape).
                    if (j + 1 >= n) return broken(n, "the input ends inside a string");
                    if (data[j + 1] == '\n') return broken(j + 1, kUnterminatedString);
                    j += 2;
                }
                i = j + 1;
                if (is_key) {
                    expect = Expect::kColon;
                    continue;
                }
                break;
            }
            case kOpenObjectByte:
            case kOpenArrayByte: {
                if (!value_expected) return broken(i, Unexpected(byte, expect, in_object()));
                if (depth == kMaxDepth) {
                    return broken(i, fmt::format("nesting deeper than {} levels", kMaxDepth));
                }
                const bool object = byte_class == kOpenObjectByte;
                uint64_t& word = open_objects[depth / 64];
                word = (word & ~(uint64_t{1} << (depth % 64))) | (uint64_t{object} << (depth % 64));
                ++depth;
                expect = object ? Expect::kKeyOrClose : Expect::kValueOrClose;
                ++i;
                continue;
            }
            case kCloseObjectByte:
            case kCloseArrayByte: {
                const bool object = byte_class == kCloseObjectByte;
                const Expect empty_close = object ? Expect::kKeyOrClose : Expect::kValueOrClose;
                if (depth == 0 || in_object() != object ||
                    (expect != Expect::kCommaOrClose && expect != empty_close)) {
                    return broken(i, Unexpected(byte, expect, in_object()));
                }
                --depth;
                ++i;
                break;
            }
            case kCommaByte:
                if (expect != Expect::kCommaOrClose) {
                    return broken(i, Unexpected(byte, expect, in_object()));
                }
                expect = in_object() ? Expect::kKey : Expect::kValue;
                ++i;
                continue;
            case kColonByte:
                if (expect != Expect::kColon) {
                    return broken(i, Unexpected(byte, expect, in_object()));
                }
                expect = Expect::kValue;
                ++i;
                continue;
            default:  // a number or literal: simdjson checks its spelling
                if (!value_expected) return broken(i, Unexpected(byte, expect, in_object()));
                while (i < n && kByteClass[static_cast<uint8_t>(data[i])] == kScalarByte) ++i;
                break;
        }
        // A value ended.
        if (depth == 0) return Extent{i, 0, {}};
        expect = Expect::kCommaOrClose;
    }
    return broken(n, "the input ends inside the document (truncated?)");
}

size_t ResumePoint(std::string_view data, size_t begin, size_t break_at) {
    const std::string_view before = data.substr(begin, break_at - begin);
    const size_t newline = before.rfind('\n');
    if (newline != std::string_view::npos) return begin + newline + 1;
    const size_t next = data.find('\n', break_at);
    return next == std::string_view::npos ? data.size() : next + 1;
}

}  // namespace tributary::json_internal
