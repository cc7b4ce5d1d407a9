#include "catalog/name_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace tributary {
namespace {

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) { return IsLetter(c) || IsDigit(c) || c == '_'; }

// ^[a-zA-Z][a-zA-Z0-9_]*$ with a length limit.
bool IsIdentifierName(std::string_view name, size_t max_length) {
    return !name.empty() && name.size() <= max_length && IsLetter(name[0]) &&
           std::all_of(name.begin() + 1, name.end(), IsWordChar);
}

bool IsValidUtf8(std::string_view text) {
    size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        size_t extra = 0;
        uint32_t code = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            extra = 1;
            code = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2;
            code = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3;
            code = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= text.size()) return false;
        for (size_t k = 1; k <= extra; ++k) {
            auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xc0) != 0x80) return false;
            code = (code << 6) | (cc & 0x3f);
        }
        // Reject overlong forms, surrogates and values past U+10FFFF.
        static constexpr uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
        if (code < kMinForLength[extra] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

bool IsPartitionName(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    if (name[0] == '_') {
        if (name.size() < 2 || name[1] == '_' || !IsWordChar(name[1])) return false;
    } else if (!IsLetter(name[0])) {
        return false;
    }
    return std::all_of(name.begin() + 1, name.end(), IsWordChar);
}

}  // namespace

Status CheckDatabaseName(std::string_view name) {
    if (!IsIdentifierName(name, kMaxDatabaseNameLength)) {
        return Status::InvalidArgument(
            fmt::format("Incorrect database name '{}'. Database names must match "
                        "^[a-zA-Z][a-zA-Z0-9_]*$ and be at most {} characters long",
                        name, kMaxDatabaseNameLength),
            ErrorCode::kWrongDbName);
    }
    return Status::OK();
}

Status CheckTableName(std::string_view name) {
    if (!IsIdentifierName(name, kMaxTableNameLength)) {
        return Status::InvalidArgument(
            fmt::format("Incorrect table name '{}'. Table names must match "
                        "^[a-zA-Z][a-zA-Z0-9_]*$ and be at most {} characters long",
                        name, kMaxTableNameLength),
            ErrorCode::kWrongTableName);
    }
    return Status::OK();
}

Status CheckColumnName(std::string_view name) {
    if (name.empty() || name.size() > kMaxColumnNameLength ||
        name.find('\0') != std::string_view::npos) {
        return Status::InvalidArgument(
            fmt::format("Incorrect column name '{}'. Column names must be 1 to {} characters "
                        "long",
                        name, kMaxColumnNameLength),
            ErrorCode::kWrongColumnName);
    }
    if (!IsValidUtf8(name)) {
        return Status::InvalidArgument("Incorrect column name: column names must be UTF-8",
                                       ErrorCode::kWrongColumnName);
    }
    if (name.starts_with("__")) {
        return Status::InvalidArgument(
            fmt::format("Column name [{}] is a system reserved name: names starting with '__' "
                        "are reserved. Please choose a different one.",
                        name),
            ErrorCode::kWrongColumnName);
    }
    return Status::OK();
}

Status CheckPartitionName(std::string_view name) {
    if (!IsPartitionName(name)) {
        return Status::InvalidArgument(
            fmt::format("Incorrect partition name '{}'. Partition names must match "
                        "^[a-zA-Z][a-zA-Z0-9_]{{0,63}}$ or ^_[a-zA-Z0-9][a-zA-Z0-9_]{{0,62}}$",
                        name));
    }
    return Status::OK();
}

Status CheckUserName(std::string_view name) {
    bool valid = !name.empty() && name.size() <= 64 && IsWordChar(name[0]) &&
                 std::all_of(name.begin() + 1, name.end(),
                             [](char c) { return IsWordChar(c) || c == '.' || c == '-'; });
    if (!valid) {
        return Status::InvalidArgument(
            fmt::format("invalid user name: '{}'. User names are 1 to 64 characters: letters, "
                        "digits, '_', '.' and '-', not starting with '.' or '-'",
                        name));
    }
    return Status::OK();
}

Status CheckHostPattern(std::string_view host) {
    bool valid = !host.empty() && host.size() <= 255 &&
                 std::all_of(host.begin(), host.end(),
                             [](char c) { return c > 0x20 && c < 0x7f && c != '\''; });
    if (!valid) {
        return Status::InvalidArgument(fmt::format(
            "invalid host pattern: '{}'. Hosts are 1 to 255 printable characters", host));
    }
    return Status::OK();
}

Status CheckUtf8Text(std::string_view what, std::string_view text) {
    if (!IsValidUtf8(text)) {
        return Status::InvalidArgument(fmt::format("{} is not valid UTF-8", what));
    }
    return Status::OK();
}

}  // namespace tributary
