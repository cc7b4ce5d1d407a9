// String functions: concat, substr, length, case mapping, trimming, searching, padding, ...
//
// Arguments of other types are cast to VARCHAR by the bindings (concat('a', 1) is 'a1').
// Positions and lengths count characters, reading the text as UTF-8 as MySQL does; a byte that
// is not a UTF-8 continuation byte starts a character, so malformed text is counted byte by
// byte instead of being rejected. Case mapping is ASCII-only. Bad positions give '' or NULL as
// MySQL / StarRocks document for each function; no function here fails the statement.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "expr/function_registry.h"
#include "expr/function_util.h"
#include "expr/kernel_util.h"
#include "expr/type_coercion.h"

namespace tributary {

namespace {

using Args = std::span<const ArgInfo>;
using Cols = std::span<const EvalColumn>;

TypeDesc Varchar() { return AnyVarchar(); }
TypeDesc BigInt() { return TypeDesc::Of(LogicalType::kBigInt); }
TypeDesc Int() { return TypeDesc::Of(LogicalType::kInt); }
TypeDesc Boolean() { return TypeDesc::Of(LogicalType::kBoolean); }

// Longest string a function may build (repeat, lpad, space); longer results are NULL, as
// MySQL gives NULL past max_allowed_packet.
constexpr size_t kMaxResultBytes = TypeDesc::kMaxVarcharLength;

// --- UTF-8 characters -----------------------------------------------------------------------

inline bool IsCharStart(char c) { return (static_cast<uint8_t>(c) & 0xC0) != 0x80; }

size_t CharCount(std::string_view s) {
    size_t n = 0;
    for (char c : s) n += IsCharStart(c) ? 1 : 0;
    return n;
}

// Byte offset just past `n` characters counted from byte `from` (s.size() when fewer remain).
size_t SkipChars(std::string_view s, size_t from, int64_t n) {
    size_t i = from;
    while (n > 0 && i < s.size()) {
        ++i;
        while (i < s.size() && !IsCharStart(s[i])) ++i;
        --n;
    }
    return i;
}

// Byte offset where the n-th character from the end starts (n >= 1); npos when s is shorter.
size_t CharFromEnd(std::string_view s, int64_t n) {
    size_t i = s.size();
    while (i > 0) {
        --i;
        if (IsCharStart(s[i]) && --n == 0) return i;
    }
    return std::string_view::npos;
}

// MySQL SUBSTRING(s, pos, len): 1-based, negative pos counts from the end, pos 0 gives ''.
std::string_view Substr(std::string_view s, int64_t pos, int64_t len) {
    if (pos == 0 || len <= 0) return {};
    size_t start;
    if (pos > 0) {
        start = SkipChars(s, 0, pos - 1);
        if (start >= s.size()) return {};
    } else {
        if (pos < -static_cast<int64_t>(s.size())) return {};
        start = CharFromEnd(s, -pos);
        if (start == std::string_view::npos) return {};
    }
    const size_t end = SkipChars(s, start, len);
    return s.substr(start, end - start);
}

// 1-based character position of `needle` in `hay` at or after character `pos`, 0 when absent.
int32_t Locate(std::string_view needle, std::string_view hay, int64_t pos) {
    if (pos < 1) return 0;
    const size_t start = SkipChars(hay, 0, pos - 1);
    if (start == hay.size() && static_cast<int64_t>(CharCount(hay)) < pos - 1) return 0;
    const size_t at = hay.find(needle, start);
    if (at == std::string_view::npos) return 0;
    return static_cast<int32_t>(CharCount(hay.substr(0, at)) + 1);
}

// StarRocks' SPLIT_PART: the n-th field (from the end when n < 0) of `s` split on `delim`;
// NULL when n is 0, when there are fewer fields, or when `delim` never occurs. An empty
// delimiter splits into characters.
std::optional<std::string_view> SplitPart(std::string_view s, std::string_view delim, int64_t n) {
    if (n == 0) return std::nullopt;
    if (delim.empty()) {
        const size_t start =
            n > 0 ? (n - 1 < static_cast<int64_t>(s.size()) ? SkipChars(s, 0, n - 1) : s.size())
                  : CharFromEnd(s, -n);
        if (start == std::string_view::npos || start >= s.size()) return std::nullopt;
        return s.substr(start, SkipChars(s, start, 1) - start);
    }
    if (n > 0) {
        size_t field_start = 0;
        int64_t found = 0;
        for (int64_t field = 1;; ++field) {
            const size_t at = s.find(delim, field_start);
            if (at == std::string_view::npos) {
                // The last field runs to the end; it exists only if some delimiter was seen.
                if (field == n && found > 0) return s.substr(field_start);
                return std::nullopt;
            }
            ++found;
            if (field == n) return s.substr(field_start, at - field_start);
            field_start = at + delim.size();
        }
    }
    size_t field_end = s.size();
    int64_t found = 0;
    for (int64_t field = 1;; ++field) {
        const size_t at = field_end < delim.size() ? std::string_view::npos
                                                   : s.rfind(delim, field_end - delim.size());
        if (at == std::string_view::npos) {
            if (field == -n && found > 0) return s.substr(0, field_end);
            return std::nullopt;
        }
        ++found;
        if (field == -n) return s.substr(at + delim.size(), field_end - at - delim.size());
        field_end = at;
    }
}

// MySQL SUBSTRING_INDEX: the text before the count-th delimiter (after the count-th from the
// end when count < 0); the whole string when there are fewer delimiters.
std::string_view SubstringIndex(std::string_view s, std::string_view delim, int64_t count) {
    if (count == 0 || delim.empty()) return {};
    if (count > 0) {
        size_t at = 0;
        for (int64_t k = 0; k < count; ++k) {
            at = s.find(delim, k == 0 ? 0 : at + delim.size());
            if (at == std::string_view::npos) return s;
        }
        return s.substr(0, at);
    }
    size_t at = s.size();
    for (int64_t k = 0; k < -count; ++k) {
        if (at < delim.size()) return s;
        at = s.rfind(delim, at - delim.size());
        if (at == std::string_view::npos) return s;
    }
    return s.substr(at + delim.size());
}

// Pads `s` to `len` characters with `pad` on the left (or right); truncates when longer.
// NULL for a negative length, an empty pad that is needed, or a result past kMaxResultBytes.
std::optional<std::string_view> Pad(std::string_view s, int64_t len, std::string_view pad,
                                    bool left, std::string& scratch) {
    if (len < 0) return std::nullopt;
    const size_t chars = CharCount(s);
    if (static_cast<uint64_t>(len) <= chars) return s.substr(0, SkipChars(s, 0, len));
    if (pad.empty()) return std::nullopt;
    int64_t missing = len - static_cast<int64_t>(chars);
    const size_t pad_chars = CharCount(pad);
    if (static_cast<uint64_t>(missing / static_cast<int64_t>(pad_chars) + 1) * pad.size() +
            s.size() >
        kMaxResultBytes) {
        return std::nullopt;
    }
    scratch.clear();
    if (!left) scratch.append(s);
    while (missing >= static_cast<int64_t>(pad_chars)) {
        scratch.append(pad);
        missing -= static_cast<int64_t>(pad_chars);
    }
    scratch.append(pad.substr(0, SkipChars(pad, 0, missing)));
    if (left) scratch.append(s);
    return std::string_view(scratch);
}

bool IsTrimmed(char c, std::string_view set) {
    return set.empty() ? c == ' ' : set.find(c) != std::string_view::npos;
}

// Strips characters of `set` (spaces when empty) from the chosen ends.
std::string_view TrimSet(std::string_view s, std::string_view set, bool front, bool back) {
    size_t b = 0;
    size_t e = s.size();
    if (front) {
        while (b < e && IsTrimmed(s[b], set)) ++b;
    }
    if (back) {
        while (e > b && IsTrimmed(s[e - 1], set)) --e;
    }
    return s.substr(b, e - b);
}

// --- Binders ----------------------------------------------------------------------------------

std::vector<TypeDesc> Strings(size_t n) { return std::vector<TypeDesc>(n, Varchar()); }

// concat(s, ...): NULL when any argument is NULL.
StatusOr<FunctionBinding> BindConcat(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckMinArity(name, args, 1));
    return MakeBinding(args, Strings(args.size()), Varchar(), false,
                       [](Cols a, size_t rows, const EvalContext&, bool nullable) {
                           std::vector<StringReader> readers(a.begin(), a.end());
                           return MapRowsToString(a, rows, nullable,
                                                  [&](size_t i, std::string& out) {
                                                      out.clear();
                                                      for (const StringReader& r : readers)
                                                          out.append(r.value(i));
                                                      return std::optional<std::string_view>(out);
                                                  });
                       });
}

// concat_ws(sep, s, ...): NULL only when the separator is; NULL strings are skipped.
StatusOr<FunctionBinding> BindConcatWs(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckMinArity(name, args, 2));
    std::vector<TypeDesc> types = Strings(args.size());
    const bool nullable = MayBeNullAfterCast(args.subspan(0, 1), std::span(types).subspan(0, 1));
    ScalarKernel kernel = [nullable](Cols a, size_t rows,
                                     const EvalContext&) -> StatusOr<EvalColumn> {
        StringReader sep(a[0]);
        std::vector<StringReader> parts(a.begin() + 1, a.end());
        StringBuilder out(Varchar(), rows);
        std::string row;
        for (size_t i = 0; i < rows; ++i) {
            if (sep.is_null(i)) {
                out.AppendNull();
                continue;
            }
            row.clear();
            bool first = true;
            for (const StringReader& p : parts) {
                if (p.is_null(i)) continue;
                if (!first) row.append(sep.value(i));
                row.append(p.value(i));
                first = false;
            }
            out.Append(row);
        }
        return std::move(out).Finish(nullable);
    };
    return FunctionBinding{std::move(types), Varchar(), nullable, std::move(kernel)};
}

// substr(s, pos[, len]).
StatusOr<FunctionBinding> BindSubstr(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 3));
    std::vector<TypeDesc> types{Varchar(), BigInt()};
    if (args.size() == 3) types.push_back(BigInt());
    return MakeBinding(args, std::move(types), Varchar(), false,
                       [](Cols a, size_t rows, const EvalContext&, bool nullable) {
                           StringReader s(a[0]);
                           FixedReader<int64_t> pos(a[1]);
                           const bool has_len = a.size() == 3;
                           FixedReader<int64_t> len(a[has_len ? 2 : 1]);
                           return MapRowsToString(a, rows, nullable, [&](size_t i, std::string&) {
                               return std::optional<std::string_view>(Substr(
                                   s.value(i), pos.value(i), has_len ? len.value(i) : INT64_MAX));
                           });
                       });
}

// f(s) -> INT, never failing (length, char_length, ascii).
template <typename Fn>
FunctionBinder StringToInt(Fn fn) {
    return [fn](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 1, 1));
        return MakeBinding(args, Strings(1), Int(), false,
                           [fn](Cols a, size_t rows, const EvalContext&, bool nullable) {
                               return MapStringToFixed<int32_t>(
                                   a, rows, Int(), nullable, [&](std::string_view s, int32_t* out) {
                                       *out = fn(s);
                                       return true;
                                   });
                           });
    };
}

// f(s, scratch) -> string_view for one-argument string functions that never fail.
template <typename Fn>
FunctionBinder StringToString(Fn fn) {
    return [fn](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 1, 1));
        return MakeBinding(
            args, Strings(1), Varchar(), false,
            [fn](Cols a, size_t rows, const EvalContext&, bool nullable) {
                StringReader s(a[0]);
                return MapRowsToString(a, rows, nullable, [&](size_t i, std::string& scratch) {
                    return std::optional<std::string_view>(fn(s.value(i), scratch));
                });
            });
    };
}

std::string_view MapAscii(std::string_view s, std::string& out, bool upper) {
    out.assign(s);
    for (char& c : out) {
        if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) c ^= 0x20;
    }
    return out;
}

std::string_view ReverseChars(std::string_view s, std::string& out) {
    out.resize(s.size());
    size_t end = s.size();
    size_t w = 0;
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && !IsCharStart(s[start])) --start;
        std::memcpy(out.data() + w, s.data() + start, end - start);
        w += end - start;
        end = start;
    }
    return out;
}

// trim / ltrim / rtrim (s[, characters]).
FunctionBinder TrimBinder(bool front, bool back) {
    return [front, back](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 1, 2));
        if (const Value* set = ConstantArg(args, 1); set != nullptr && args[1].type.IsString() &&
                                                     set->Get<LogicalType::kVarchar>().empty()) {
            return Status::InvalidArgument(
                fmt::format("{}: the characters to remove must not be empty", name),
                ErrorCode::kParseError);
        }
        return MakeBinding(
            args, Strings(args.size()), Varchar(), false,
            [front, back](Cols a, size_t rows, const EvalContext&, bool nullable) {
                StringReader s(a[0]);
                const bool has_set = a.size() == 2;
                StringReader set(a[has_set ? 1 : 0]);
                return MapRowsToString(a, rows, nullable, [&](size_t i, std::string&) {
                    return std::optional<std::string_view>(TrimSet(
                        s.value(i), has_set ? set.value(i) : std::string_view(), front, back));
                });
            });
    };
}

StatusOr<FunctionBinding> BindReplace(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 3, 3));
    return MakeBinding(args, Strings(3), Varchar(), false,
                       [](Cols a, size_t rows, const EvalContext&, bool n) {
                           StringReader s(a[0]);
                           StringReader from(a[1]);
                           StringReader to(a[2]);
                           return MapRowsToString(a, rows, n, [&](size_t i, std::string& out) {
                               const std::string_view text = s.value(i);
                               const std::string_view f = from.value(i);
                               size_t at = f.empty() ? std::string_view::npos : text.find(f);
                               if (at == std::string_view::npos)
                                   return std::optional<std::string_view>(text);
                               const std::string_view t = to.value(i);
                               out.clear();
                               size_t last = 0;
                               while (at != std::string_view::npos) {
                                   out.append(text.substr(last, at - last));
                                   out.append(t);
                                   last = at + f.size();
                                   at = text.find(f, last);
                               }
                               out.append(text.substr(last));
                               return std::optional<std::string_view>(out);
                           });
                       });
}

StatusOr<FunctionBinding> BindSplitPart(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 3, 3));
    return MakeBinding(args, {Varchar(), Varchar(), BigInt()}, Varchar(), true,
                       [](Cols a, size_t rows, const EvalContext&, bool nullable) {
                           StringReader s(a[0]);
                           StringReader delim(a[1]);
                           FixedReader<int64_t> n(a[2]);
                           return MapRowsToString(a, rows, nullable, [&](size_t i, std::string&) {
                               return SplitPart(s.value(i), delim.value(i), n.value(i));
                           });
                       });
}

StatusOr<FunctionBinding> BindSubstringIndex(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 3, 3));
    return MakeBinding(args, {Varchar(), Varchar(), BigInt()}, Varchar(), false,
                       [](Cols a, size_t rows, const EvalContext&, bool nullable) {
                           StringReader s(a[0]);
                           StringReader delim(a[1]);
                           FixedReader<int64_t> n(a[2]);
                           return MapRowsToString(a, rows, nullable, [&](size_t i, std::string&) {
                               return std::optional<std::string_view>(
                                   SubstringIndex(s.value(i), delim.value(i), n.value(i)));
                           });
                       });
}

// locate(needle, haystack[, pos]) and instr(haystack, needle).
FunctionBinder LocateBinder(bool haystack_first) {
    return [haystack_first](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 2, haystack_first ? 2 : 3));
        std::vector<TypeDesc> types = Strings(2);
        if (args.size() == 3) types.push_back(BigInt());
        return MakeBinding(
            args, std::move(types), Int(), false,
            [haystack_first](Cols a, size_t rows, const EvalContext&, bool nullable) {
                StringReader needle(a[haystack_first ? 1 : 0]);
                StringReader hay(a[haystack_first ? 0 : 1]);
                std::optional<FixedReader<int64_t>> pos;
                if (a.size() == 3) pos.emplace(a[2]);
                return MapRows<int32_t>(a, rows, Int(), nullable, [&](size_t i, int32_t* out) {
                    *out = Locate(needle.value(i), hay.value(i), pos ? pos->value(i) : 1);
                    return true;
                });
            });
    };
}

// left(s, n) / right(s, n): the first / last n characters.
FunctionBinder LeftRightBinder(bool left) {
    return [left](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
        return MakeBinding(
            args, {Varchar(), BigInt()}, Varchar(), false,
            [left](Cols a, size_t rows, const EvalContext&, bool nullable) {
                StringReader s(a[0]);
                FixedReader<int64_t> n(a[1]);
                return MapRowsToString(a, rows, nullable, [&](size_t i, std::string&) {
                    const std::string_view v = s.value(i);
                    const int64_t k = n.value(i);
                    if (k <= 0) return std::optional<std::string_view>("");
                    if (left) {
                        return std::optional<std::string_view>(v.substr(0, SkipChars(v, 0, k)));
                    }
                    const size_t start = CharFromEnd(v, k);
                    return std::optional<std::string_view>(
                        start == std::string_view::npos ? v : v.substr(start));
                });
            });
    };
}

// lpad / rpad (s, len[, pad = ' ']).
FunctionBinder PadBinder(bool left) {
    return [left](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 2, 3));
        std::vector<TypeDesc> types{Varchar(), BigInt()};
        if (args.size() == 3) types.push_back(Varchar());
        return MakeBinding(
            args, std::move(types), Varchar(), true,
            [left](Cols a, size_t rows, const EvalContext&, bool nullable) {
                StringReader s(a[0]);
                FixedReader<int64_t> len(a[1]);
                const bool has_pad = a.size() == 3;
                StringReader pad(a[has_pad ? 2 : 0]);
                return MapRowsToString(a, rows, nullable, [&](size_t i, std::string& scratch) {
                    return Pad(s.value(i), len.value(i),
                               has_pad ? pad.value(i) : std::string_view(" "), left, scratch);
                });
            });
    };
}

StatusOr<FunctionBinding> BindRepeat(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
    return MakeBinding(args, {Varchar(), BigInt()}, Varchar(), true,
                       [](Cols a, size_t rows, const EvalContext&, bool nullable) {
                           StringReader s(a[0]);
                           FixedReader<int64_t> n(a[1]);
                           return MapRowsToString(
                               a, rows, nullable,
                               [&](size_t i, std::string& out) -> std::optional<std::string_view> {
                                   const std::string_view v = s.value(i);
                                   const int64_t k = n.value(i);
                                   if (k <= 0 || v.empty()) return std::string_view();
                                   if (static_cast<uint64_t>(k) > kMaxResultBytes / v.size()) {
                                       return std::nullopt;
                                   }
                                   out.clear();
                                   for (int64_t j = 0; j < k; ++j) out.append(v);
                                   return std::string_view(out);
                               });
                       });
}

StatusOr<FunctionBinding> BindSpace(std::string_view name, Args args) {
    RETURN_IF_ERROR(CheckArity(name, args, 1, 1));
    return MakeBinding(args, {BigInt()}, Varchar(), true,
                       [](Cols a, size_t rows, const EvalContext&, bool nullable) {
                           FixedReader<int64_t> n(a[0]);
                           return MapRowsToString(
                               a, rows, nullable,
                               [&](size_t i, std::string& out) -> std::optional<std::string_view> {
                                   const int64_t k = n.value(i);
                                   if (k > static_cast<int64_t>(kMaxResultBytes)) {
                                       return std::nullopt;
                                   }
                                   out.assign(static_cast<size_t>(std::max<int64_t>(k, 0)), ' ');
                                   return std::string_view(out);
                               });
                       });
}

// starts_with(s, prefix) / ends_with(s, suffix) -> BOOLEAN.
FunctionBinder AffixBinder(bool prefix) {
    return [prefix](std::string_view name, Args args) -> StatusOr<FunctionBinding> {
        RETURN_IF_ERROR(CheckArity(name, args, 2, 2));
        return MakeBinding(args, Strings(2), Boolean(), false,
                           [prefix](Cols a, size_t rows, const EvalContext&, bool nullable) {
                               StringReader s(a[0]);
                               StringReader affix(a[1]);
                               return MapRows<uint8_t>(
                                   a, rows, Boolean(), nullable, [&](size_t i, uint8_t* out) {
                                       *out = prefix ? s.value(i).starts_with(affix.value(i))
                                                     : s.value(i).ends_with(affix.value(i));
                                       return true;
                                   });
                           });
    };
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& registry) {
    registry.Register("concat", BindConcat);
    registry.Register("concat_ws", BindConcatWs);
    registry.Register("substr", BindSubstr);
    registry.Alias("substring", "substr");
    registry.Register(
        "length", StringToInt([](std::string_view s) { return static_cast<int32_t>(s.size()); }));
    registry.Alias("octet_length", "length");
    registry.Register("char_length", StringToInt([](std::string_view s) {
                          return static_cast<int32_t>(CharCount(s));
                      }));
    registry.Alias("character_length", "char_length");
    registry.Register("ascii", StringToInt([](std::string_view s) {
                          return s.empty() ? 0 : static_cast<int32_t>(static_cast<uint8_t>(s[0]));
                      }));
    registry.Register("upper", StringToString([](std::string_view s, std::string& out) {
                          return MapAscii(s, out, /*upper=*/true);
                      }));
    registry.Alias("ucase", "upper");
    registry.Register("lower", StringToString([](std::string_view s, std::string& out) {
                          return MapAscii(s, out, /*upper=*/false);
                      }));
    registry.Alias("lcase", "lower");
    registry.Register("reverse", StringToString(ReverseChars));
    registry.Register("trim", TrimBinder(true, true));
    registry.Register("ltrim", TrimBinder(true, false));
    registry.Register("rtrim", TrimBinder(false, true));
    registry.Register("replace", BindReplace);
    registry.Register("split_part", BindSplitPart);
    registry.Register("substring_index", BindSubstringIndex);
    registry.Register("locate", LocateBinder(/*haystack_first=*/false));
    registry.Register("instr", LocateBinder(/*haystack_first=*/true));
    registry.Register("left", LeftRightBinder(true));
    registry.Alias("strleft", "left");
    registry.Register("right", LeftRightBinder(false));
    registry.Alias("strright", "right");
    registry.Register("lpad", PadBinder(true));
    registry.Register("rpad", PadBinder(false));
    registry.Register("repeat", BindRepeat);
    registry.Register("space", BindSpace);
    registry.Register("starts_with", AffixBinder(true));
    registry.Register("ends_with", AffixBinder(false));
}

}  // namespace tributary
