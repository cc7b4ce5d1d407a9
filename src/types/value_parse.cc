#include "types/value_parse.h"

#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "base/string_util.h"
#include "types/date_time.h"
#include "types/decimal.h"
#include "types/int128.h"

namespace tributary {
namespace {

constexpr size_t kMaxQuotedBytes = 64;

std::string UpperTypeName(LogicalType t) { return ToUpper(LogicalTypeName(t)); }

Status NotValid(std::string_view text, LogicalType t) {
    return Status::InvalidArgument(
        fmt::format("'{}' is not a valid {}", AbbreviateForMessage(text), UpperTypeName(t)),
        ErrorCode::kIncorrectValue);
}

Status OutOfRange(std::string_view text, LogicalType t) {
    return Status::InvalidArgument(
        fmt::format("'{}' is out of range for {}", AbbreviateForMessage(text), UpperTypeName(t)),
        ErrorCode::kDataOutOfRange);
}

// "[+-]digits" with nothing else.
bool IsIntegerSyntax(std::string_view s) {
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

template <typename Int>
StatusOr<Int> ParseIntegerAs(std::string_view text, LogicalType type) {
    std::string_view s = Trim(text);
    if (!IsIntegerSyntax(s)) return NotValid(text, type);
    if (s[0] == '+') s.remove_prefix(1);
    int64_t wide = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), wide);
    if (ec == std::errc::result_out_of_range || wide < std::numeric_limits<Int>::min() ||
        wide > std::numeric_limits<Int>::max()) {
        return OutOfRange(text, type);
    }
    if (ec != std::errc() || ptr != s.data() + s.size()) return NotValid(text, type);
    return static_cast<Int>(wide);
}

template <typename Float>
StatusOr<Float> ParseFloatingAs(std::string_view text, LogicalType type) {
    std::string_view s = Trim(text);
    // from_chars takes no '+'; refuse "+-1" by not stripping twice.
    if (!s.empty() && s[0] == '+') {
        s.remove_prefix(1);
        if (!s.empty() && s[0] == '-') return NotValid(text, type);
    }
    if (s.empty()) return NotValid(text, type);
    Float value = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc::result_out_of_range && ptr == s.data() + s.size()) {
        return OutOfRange(text, type);
    }
    if (ec != std::errc() || ptr != s.data() + s.size()) return NotValid(text, type);
    return value;
}

}  // namespace

std::string AbbreviateForMessage(std::string_view text) {
    return TruncateUtf8(text, kMaxQuotedBytes);
}

StatusOr<uint8_t> ParseBoolean(std::string_view text) {
    std::string_view s = Trim(text);
    if (EqualsIgnoreCase(s, "true") || s == "1") return uint8_t{1};
    if (EqualsIgnoreCase(s, "false") || s == "0") return uint8_t{0};
    return NotValid(text, LogicalType::kBoolean);
}

StatusOr<int8_t> ParseTinyInt(std::string_view text) {
    return ParseIntegerAs<int8_t>(text, LogicalType::kTinyInt);
}
StatusOr<int16_t> ParseSmallInt(std::string_view text) {
    return ParseIntegerAs<int16_t>(text, LogicalType::kSmallInt);
}
StatusOr<int32_t> ParseInt(std::string_view text) {
    return ParseIntegerAs<int32_t>(text, LogicalType::kInt);
}
StatusOr<int64_t> ParseBigInt(std::string_view text) {
    return ParseIntegerAs<int64_t>(text, LogicalType::kBigInt);
}

StatusOr<int128_t> ParseLargeInt(std::string_view text) {
    std::string_view s = Trim(text);
    if (!IsIntegerSyntax(s)) return NotValid(text, LogicalType::kLargeInt);
    int128_t value = 0;
    if (!ParseInt128(s, &value)) return OutOfRange(text, LogicalType::kLargeInt);
    return value;
}

StatusOr<float> ParseFloat(std::string_view text) {
    return ParseFloatingAs<float>(text, LogicalType::kFloat);
}
StatusOr<double> ParseDouble(std::string_view text) {
    return ParseFloatingAs<double>(text, LogicalType::kDouble);
}

Status CheckStringLength(std::string_view text, const TypeDesc& type) {
    if (text.size() > static_cast<size_t>(type.length)) {
        return Status::InvalidArgument(fmt::format("value '{}' ({} bytes) is longer than {}",
                                                   AbbreviateForMessage(text), text.size(),
                                                   ToUpper(type.ToSql())),
                                       ErrorCode::kDataTooLong);
    }
    return Status::OK();
}

Status CheckJson(std::string_view text) {
    bool valid = false;
    try {
        valid = nlohmann::json::accept(text);
    } catch (const std::exception&) {
        valid = false;  // accept() reports syntax errors by value; anything else is also invalid
    }
    if (!valid) return NotValid(text, LogicalType::kJson);
    return Status::OK();
}

StatusOr<Value> ParseValue(std::string_view text, const TypeDesc& type) {
    switch (type.type) {
        case LogicalType::kBoolean: {
            ASSIGN_OR_RETURN(uint8_t v, ParseBoolean(text));
            return Value::Of<LogicalType::kBoolean>(v);
        }
        case LogicalType::kTinyInt: {
            ASSIGN_OR_RETURN(int8_t v, ParseTinyInt(text));
            return Value::TinyInt(v);
        }
        case LogicalType::kSmallInt: {
            ASSIGN_OR_RETURN(int16_t v, ParseSmallInt(text));
            return Value::SmallInt(v);
        }
        case LogicalType::kInt: {
            ASSIGN_OR_RETURN(int32_t v, ParseInt(text));
            return Value::Int(v);
        }
        case LogicalType::kBigInt: {
            ASSIGN_OR_RETURN(int64_t v, ParseBigInt(text));
            return Value::BigInt(v);
        }
        case LogicalType::kLargeInt: {
            ASSIGN_OR_RETURN(int128_t v, ParseLargeInt(text));
            return Value::LargeInt(v);
        }
        case LogicalType::kFloat: {
            ASSIGN_OR_RETURN(float v, ParseFloat(text));
            return Value::Float(v);
        }
        case LogicalType::kDouble: {
            ASSIGN_OR_RETURN(double v, ParseDouble(text));
            return Value::Double(v);
        }
        case LogicalType::kDecimal: {
            StatusOr<int128_t> v = ParseDecimal(text, type.precision, type.scale);
            if (!v.ok()) return v.status();
            return Value::Decimal(*v);
        }
        case LogicalType::kDate: {
            ASSIGN_OR_RETURN(int32_t v, ParseDate(text));
            return Value::Date(v);
        }
        case LogicalType::kDateTime: {
            ASSIGN_OR_RETURN(int64_t v, ParseDateTime(text));
            return Value::DateTime(v);
        }
        case LogicalType::kChar:
        case LogicalType::kVarchar:
            RETURN_IF_ERROR(CheckStringLength(text, type));
            return Value::String(std::string(text));
        case LogicalType::kJson:
            RETURN_IF_ERROR(CheckJson(text));
            return Value::String(std::string(text));
    }
    return Status::Internal("ParseValue: unhandled logical type");
}

}  // namespace tributary
