// JsonReader (json_reader.h): a linear scan delimits each document; simdjson's On-Demand API
// parses it, and one walk over every value checks it and fills the fields the paths name.
#include "load/json/json_reader.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <unordered_map>
#include <utility>

namespace tributary {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

// simdjson's default nesting limit. The scan enforces it, which also bounds the walk's
// recursion.
constexpr size_t kMaxDepth = 1024;
constexpr size_t kMaxRejectedRawBytes = 1024;
constexpr size_t kMaxQuotedBytes = 40;  // of a bad token quoted in a reason
// Member ordinals remembered per path node (see PathNode::by_ordinal).
constexpr size_t kMaxCachedOrdinals = 1024;
constexpr std::string_view kArrayWithoutStrip =
    "JSON data is an array. strip_outer_array must be set true";

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimRight(std::string_view s) {
    while (!s.empty() && IsJsonSpace(s.back())) s.remove_suffix(1);
    return s;
}

// The first `max_bytes` of `text`, cut at a UTF-8 character boundary, plus "..." when cut.
std::string Abbreviate(std::string_view text, size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "...";
}

// -------------------------------------------------------------------------------------------
// Paths

// One step of a path: a member key, or an array index when index >= 0.
struct PathStep {
    std::string key;
    int64_t index = -1;
};

// Parses `path` (see json_reader.h) into `steps`; "$" gives none. `what` names the option.
Status ParsePath(std::string_view what, std::string_view path, std::vector<PathStep>* steps) {
    steps->clear();
    auto invalid = [&](const std::string& problem) {
        return Status::InvalidArgument(fmt::format("invalid {} '{}': {}", what, path, problem));
    };
    if (path.empty()) return invalid("it is empty");
    if (path[0] != '$') {  // a plain key
        steps->push_back(PathStep{std::string(path)});
        return Status::OK();
    }
    size_t i = 1;
    while (i < path.size()) {
        if (path[i] == '.') {
            const size_t start = ++i;
            while (i < path.size() && path[i] != '.' && path[i] != '[') ++i;
            if (i == start) return invalid(fmt::format("empty key at position {}", start));
            steps->push_back(PathStep{std::string(path.substr(start, i - start))});
            continue;
        }
        if (path[i] != '[') return invalid(fmt::format("expected '.' or '[' at position {}", i));
        ++i;
        if (i < path.size() && (path[i] == '\'' || path[i] == '"')) {
            const char quote = path[i++];
            const size_t close = path.find(quote, i);
            if (close == std::string_view::npos) return invalid("unterminated quoted key");
            steps->push_back(PathStep{std::string(path.substr(i, close - i))});
            i = close + 1;
        } else {
            const size_t start = i;
            int64_t index = 0;
            while (i < path.size() && i - start < 18 && path[i] >= '0' && path[i] <= '9') {
                index = index * 10 + (path[i++] - '0');
            }
            if (i == start) return invalid("an array index must be a non-negative integer");
            steps->push_back(PathStep{{}, index});
        }
        if (i >= path.size() || path[i] != ']') {
            return invalid(fmt::format("expected ']' at position {}", i));
        }
        ++i;
    }
    return Status::OK();
}

// -------------------------------------------------------------------------------------------
// Delimiting documents

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
    std::string found;
    if (byte == '"') {
        found = "a string";
    } else if (byte > ' ' && byte < 0x7F) {
        found = fmt::format("'{}'", static_cast<char>(byte));
    } else {
        found = fmt::format("byte 0x{:02X}", byte);
    }
    const char* expected = "a value";
    switch (expect) {
        case Expect::kValue: break;
        case Expect::kValueOrClose: expected = "a value or ']'"; break;
        case Expect::kKey: expected = "an object key"; break;
        case Expect::kKeyOrClose: expected = "an object key or '}'"; break;
        case Expect::kColon: expected = "':'"; break;
        case Expect::kCommaOrClose: expected = in_object ? "',' or '}'" : "',' or ']'"; break;
    }
    return fmt::format("unexpected {} where {} was expected", found, expected);
}

// Where the document starting at data[begin] ends, told by its brackets, strings and token
// order alone (simdjson checks the tokens themselves). One pass over the document's bytes.
struct Extent {
    size_t end = 0;        // complete: one past the document's last byte
    size_t break_at = 0;   // broken: the byte where the document stops making sense
    std::string problem;   // broken: what is wrong there; empty when complete
};

Extent ScanDocument(std::string_view data, size_t begin) {
    constexpr const char* kUnterminatedString = "unterminated string (a line break inside a string)";
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
                if (!is_key && !value_expected) return broken(i, Unexpected(byte, expect, in_object()));
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
                word = (word & ~(uint64_t{1} << (depth % 64))) |
                       (uint64_t{object} << (depth % 64));
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
                if (expect != Expect::kColon) return broken(i, Unexpected(byte, expect, in_object()));
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

// Where reading resumes after a document that broke at `break_at`: the start of the line holding
// that byte when it lies past the document's first line, else the next line.
size_t ResumePoint(std::string_view data, size_t begin, size_t break_at) {
    const std::string_view before = data.substr(begin, break_at - begin);
    const size_t newline = before.rfind('\n');
    if (newline != std::string_view::npos) return begin + newline + 1;
    const size_t next = data.find('\n', break_at);
    return next == std::string_view::npos ? data.size() : next + 1;
}

// -------------------------------------------------------------------------------------------
// Values

// Whether `text` is a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view text) {
    size_t i = 0;
    const size_t n = text.size();
    auto digits = [&] {
        const size_t start = i;
        while (i < n && text[i] >= '0' && text[i] <= '9') ++i;
        return i > start;
    };
    if (i < n && text[i] == '-') ++i;
    if (i < n && text[i] == '0') {
        ++i;
    } else if (!digits()) {
        return false;
    }
    if (i < n && text[i] == '.') {
        ++i;
        if (!digits()) return false;
    }
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == n;
}

const char* KindName(od::json_type type) {
    switch (type) {
        case od::json_type::object: return "an object";
        case od::json_type::array: return "an array";
        case od::json_type::string: return "a string";
        case od::json_type::number: return "a number";
        case od::json_type::boolean: return "a boolean";
        case od::json_type::null: return "null";
    }
    return "a value";
}

struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};

constexpr int32_t kNoNode = -1;

// A node of the trie of field paths; nodes[0] is the row object.
struct PathNode {
    std::vector<size_t> fields;  // the batch fields whose path ends here
    std::unordered_map<std::string, int32_t, KeyHash, std::equal_to<>> members;  // key -> child
    std::vector<std::pair<int64_t, int32_t>> elements;                         // index -> child
    // The key each member ordinal of the previous object had, and the child it led to:
    // objects of one stream mostly list their keys in one order, so a comparison usually
    // replaces a hash lookup (StarRocks' reader does the same).
    std::vector<std::pair<std::string, int32_t>> by_ordinal;
    uint64_t filled_in_row = 0;  // the row that reached it; a repeated key does not again
};

}  // namespace

// -------------------------------------------------------------------------------------------
// Options

Status JsonOptions::Validate() const {
    std::vector<PathStep> steps;
    for (const std::string& path : field_paths) {
        RETURN_IF_ERROR(ParsePath("JSON path", path, &steps));
    }
    if (!json_root.empty()) RETURN_IF_ERROR(ParsePath("json_root", json_root, &steps));
    return Status::OK();
}

StatusOr<std::vector<std::string>> ParseJsonPathsProperty(std::string_view jsonpaths) {
    const simdjson::padded_string padded(jsonpaths);
    od::parser parser;
    od::document doc;
    od::array array;
    std::vector<std::string> paths;
    error_code error = parser.iterate(padded).get(doc);
    if (!error) error = doc.get_array().get(array);
    if (!error) {
        for (auto element : array) {
            std::string_view path;
            error = element.get_string().get(path);
            if (error) break;
            paths.emplace_back(path);
        }
    }
    if (!error && !doc.current_location().error()) error = simdjson::TRAILING_CONTENT;
    if (error || paths.empty()) {
        return Status::InvalidArgument(fmt::format(
            "jsonpaths must be a non-empty JSON array of path strings such as "
            "[\"$.a\", \"$.b.c\"], not '{}'{}",
            Abbreviate(jsonpaths, 200),
            error ? fmt::format(" ({})", simdjson::error_message(error)) : ""));
    }
    std::vector<PathStep> steps;
    for (const std::string& path : paths) RETURN_IF_ERROR(ParsePath("JSON path", path, &steps));
    return paths;
}

// -------------------------------------------------------------------------------------------
// The reader

struct JsonReader::Impl {
    explicit Impl(JsonOptions options_in);

    Status Parse(std::string_view input, SourceBatch* batch);

    // Parses the complete document buffer[begin, end), committing its rows and rejections
    // to `batch`, or rejecting it whole when malformed.
    void ParseDocument(size_t begin, size_t end, SourceBatch* batch);

    // The walk. Each returns a simdjson error for malformed JSON (with fail_at / fail_reason
    // set when the walk itself found the problem); shape problems are staged rejections.
    error_code ReadDocument();
    error_code FollowRoot(od::value& value, size_t step, bool* found);
    error_code EmitRows(od::value& value);
    error_code EmitRow(od::value& value);
    // Checks `value` and, for a path node (not kNoNode), fills the fields it names.
    error_code ReadValue(od::value& value, int32_t node);
    error_code ReadMembers(od::object& object, int32_t node);
    error_code ReadElements(od::array& array, int32_t node);
    error_code CheckRootScalar(od::json_type type, std::string_view text);
    error_code Fail(const char* at, std::string reason);
    error_code InvalidToken(std::string_view token);
    error_code BadString(std::string_view token);  // REQUIRES: token starts at the quote
    error_code ReadKey(od::field& field, std::string_view* key);

    int32_t AddChild(int32_t node, const PathStep& step);
    int32_t FindMember(int32_t node, size_t ordinal, std::string_view key);
    int32_t FindElement(int32_t node, int64_t index) const;
    void Fill(int32_t node, std::string_view text);
    // Where the container starting at `start` ends, once the walk has read it.
    const char* EndOfContainer(const char* start);
    std::string RootProblem(const char* kind) const;
    std::string MalformedReason(error_code error, bool iterated);

    JsonOptions options;
    Status options_status;
    std::vector<PathStep> root_steps;  // json_root
    std::vector<PathNode> nodes;

    // The padded copy of the input: simdjson reads up to SIMDJSON_PADDING bytes past the end.
    std::unique_ptr<char[]> buffer;
    size_t buffer_capacity = 0;

    od::parser parser;
    od::document doc;
    const char* doc_begin = nullptr;
    const char* doc_end = nullptr;
    const char* fail_at = nullptr;
    std::string fail_reason;

    std::vector<SourceField> row;  // the row being read
    uint64_t row_serial = 0;
    // The current document's rows and rejections, kept until it proves well-formed. Field
    // texts point into `buffer`, the parser's string buffer (valid until its next document) or
    // static storage.
    std::vector<SourceField> staged_fields;
    std::vector<std::string_view> staged_raw;
    std::vector<std::pair<std::string_view, std::string>> staged_rejects;
};

JsonReader::Impl::Impl(JsonOptions options_in)
    : options(std::move(options_in)), row(options.field_paths.size()) {
    options_status = options.Validate();
    if (!options_status.ok()) return;
    nodes.emplace_back();
    std::vector<PathStep> steps;
    for (size_t f = 0; f < options.field_paths.size(); ++f) {
        IgnoreError(ParsePath("JSON path", options.field_paths[f], &steps));  // validated above
        int32_t node = 0;
        for (const PathStep& step : steps) node = AddChild(node, step);
        nodes[node].fields.push_back(f);
    }
    if (!options.json_root.empty()) {
        IgnoreError(ParsePath("json_root", options.json_root, &root_steps));  // validated above
    }
}

int32_t JsonReader::Impl::AddChild(int32_t node, const PathStep& step) {
    if (step.index >= 0) {
        const int32_t found = FindElement(node, step.index);
        if (found != kNoNode) return found;
    } else if (auto it = nodes[node].members.find(step.key); it != nodes[node].members.end()) {
        return it->second;
    }
    const auto child = static_cast<int32_t>(nodes.size());
    nodes.emplace_back();
    if (step.index >= 0) {
        nodes[node].elements.emplace_back(step.index, child);
    } else {
        nodes[node].members.emplace(step.key, child);
    }
    return child;
}

int32_t JsonReader::Impl::FindMember(int32_t node, size_t ordinal, std::string_view key) {
    PathNode& path_node = nodes[node];
    if (path_node.members.empty()) return kNoNode;
    auto& cache = path_node.by_ordinal;
    if (ordinal < cache.size() && cache[ordinal].first == key) return cache[ordinal].second;
    const auto it = path_node.members.find(key);
    const int32_t child = it == path_node.members.end() ? kNoNode : it->second;
    if (ordinal < cache.size()) {
        cache[ordinal].first.assign(key);
        cache[ordinal].second = child;
    } else if (ordinal == cache.size() && ordinal < kMaxCachedOrdinals) {
        cache.emplace_back(std::string(key), child);
    }
    return child;
}

int32_t JsonReader::Impl::FindElement(int32_t node, int64_t index) const {
    for (const auto& [element_index, child] : nodes[node].elements) {
        if (element_index == index) return child;
    }
    return kNoNode;
}

void JsonReader::Impl::Fill(int32_t node, std::string_view text) {
    if (node == kNoNode) return;
    for (size_t f : nodes[node].fields) row[f] = SourceField{text, false};
}

error_code JsonReader::Impl::Fail(const char* at, std::string reason) {
    fail_at = at;
    fail_reason = std::move(reason);
    return simdjson::TAPE_ERROR;
}

error_code JsonReader::Impl::BadString(std::string_view token) {
    // Stage 1 has checked UTF-8, so only an escape can be wrong.
    return Fail(token.data(),
                fmt::format("invalid escape in string {}", Abbreviate(token, kMaxQuotedBytes)));
}

error_code JsonReader::Impl::ReadKey(od::field& field, std::string_view* key) {
    const char* quote = reinterpret_cast<const char*>(field.key().raw()) - 1;
    if (field.unescaped_key().get(*key)) return Fail(quote, "invalid escape in an object key");
    return simdjson::SUCCESS;
}

error_code JsonReader::Impl::InvalidToken(std::string_view token) {
    return Fail(token.data(), fmt::format("invalid token '{}'", Abbreviate(token, kMaxQuotedBytes)));
}

const char* JsonReader::Impl::EndOfContainer(const char* start) {
    // The walk has consumed the closing bracket, so the parser stands on the next token; at the
    // document's end it has none, and the document ends there.
    const char* end = doc_end;
    auto location = doc.current_location();
    if (!location.error()) end = std::clamp(location.value_unsafe(), start, doc_end);
    while (end > start && IsJsonSpace(end[-1])) --end;
    return end;
}

std::string JsonReader::Impl::RootProblem(const char* kind) const {
    if (root_steps.empty()) return fmt::format("JSON data is {}, not an object", kind);
    return fmt::format("json_root '{}' is {}, not an object or an array", options.json_root, kind);
}

Status JsonReader::Impl::Parse(std::string_view input, SourceBatch* batch) {
    RETURN_IF_ERROR(options_status);
    if (batch->num_fields() != row.size()) {
        return Status::InvalidArgument(fmt::format(
            "JsonReader: the batch has {} fields but {} JSON paths were given",
            batch->num_fields(), row.size()));
    }
    batch->AddInputBytes(input.size());
    const size_t needed = input.size() + simdjson::SIMDJSON_PADDING;
    if (buffer_capacity < needed) {
        buffer_capacity = std::max(needed, buffer_capacity * 2);
        buffer = std::make_unique_for_overwrite<char[]>(buffer_capacity);
    }
    if (!input.empty()) std::memcpy(buffer.get(), input.data(), input.size());
    std::memset(buffer.get() + input.size(), 0, simdjson::SIMDJSON_PADDING);
    const std::string_view data(buffer.get(), input.size());

    size_t pos = data.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a UTF-8 byte order mark
    while (true) {
        while (pos < data.size() && IsJsonSpace(data[pos])) ++pos;
        if (pos == data.size()) break;
        Extent extent = ScanDocument(data, pos);
        if (extent.problem.empty()) {
            ParseDocument(pos, extent.end, batch);
            pos = extent.end;
            continue;
        }
        const size_t resume = ResumePoint(data, pos, extent.break_at);
        batch->Reject(Abbreviate(TrimRight(data.substr(pos, resume - pos)), kMaxRejectedRawBytes),
                      fmt::format("Malformed JSON at byte {}: {}", extent.break_at, extent.problem));
        pos = resume;
    }
    return Status::OK();
}

void JsonReader::Impl::ParseDocument(size_t begin, size_t end, SourceBatch* batch) {
    doc_begin = buffer.get() + begin;
    doc_end = buffer.get() + end;
    fail_at = nullptr;
    fail_reason.clear();
    staged_fields.clear();
    staged_raw.clear();
    staged_rejects.clear();

    error_code error = parser.iterate(doc_begin, end - begin, buffer_capacity - begin).get(doc);
    const bool iterated = !error;
    if (iterated) error = ReadDocument();
    if (error) {
        batch->Reject(Abbreviate({doc_begin, end - begin}, kMaxRejectedRawBytes),
                      MalformedReason(error, iterated));
        return;
    }
    const size_t num_fields = row.size();
    for (size_t r = 0; r < staged_raw.size(); ++r) {
        batch->AppendRow({staged_fields.data() + r * num_fields, num_fields}, staged_raw[r]);
    }
    for (auto& [raw, reason] : staged_rejects) {
        batch->Reject(Abbreviate(raw, kMaxRejectedRawBytes), std::move(reason));
    }
}

std::string JsonReader::Impl::MalformedReason(error_code error, bool iterated) {
    const char* at = fail_at;
    if (at == nullptr && iterated) {
        auto location = doc.current_location();
        if (!location.error()) at = location.value_unsafe();
    }
    if (at == nullptr || at < doc_begin || at > doc_end) at = doc_begin;  // simdjson cannot say
    return fmt::format("Malformed JSON at byte {}: {}", at - buffer.get(),
                       fail_reason.empty() ? simdjson::error_message(error) : fail_reason);
}

error_code JsonReader::Impl::ReadDocument() {
    const std::string_view text(doc_begin, doc_end - doc_begin);
    od::json_type type;
    if (doc.type().get(type)) return InvalidToken(text);
    if (type != od::json_type::object && type != od::json_type::array) {
        SIMDJSON_TRY(CheckRootScalar(type, text));
        staged_rejects.emplace_back(
            text, root_steps.empty()
                      ? RootProblem(KindName(type))
                      : fmt::format("json_root '{}' not found", options.json_root));
        return simdjson::SUCCESS;
    }
    od::value root;
    SIMDJSON_TRY(doc.get_value().get(root));
    bool found = false;
    SIMDJSON_TRY(FollowRoot(root, 0, &found));
    if (!found) {
        staged_rejects.emplace_back(text,
                                    fmt::format("json_root '{}' not found", options.json_root));
    }
    auto location = doc.current_location();
    if (!location.error()) return Fail(location.value_unsafe(), "unexpected content after the value");
    return simdjson::SUCCESS;
}

error_code JsonReader::Impl::CheckRootScalar(od::json_type type, std::string_view text) {
    bool valid = false;
    switch (type) {
        case od::json_type::string: {
            std::string_view unescaped;
            return doc.get_string().get(unescaped) ? BadString(text) : simdjson::SUCCESS;
        }
        case od::json_type::number: valid = IsJsonNumber(text); break;
        case od::json_type::boolean: valid = text == "true" || text == "false"; break;
        case od::json_type::null: valid = text == "null"; break;
        default: break;
    }
    if (valid) return simdjson::SUCCESS;
    return InvalidToken(text);
}

error_code JsonReader::Impl::FollowRoot(od::value& value, size_t step, bool* found) {
    if (step == root_steps.size()) {
        *found = true;
        return EmitRows(value);
    }
    const PathStep& want = root_steps[step];
    od::json_type type;
    SIMDJSON_TRY(value.type().get(type));
    if (type == od::json_type::object && want.index < 0) {
        od::object object;
        SIMDJSON_TRY(value.get_object().get(object));
        bool taken = false;  // a repeated key: the first one wins
        for (auto member : object) {
            od::field field;
            SIMDJSON_TRY(std::move(member).get(field));
            std::string_view key;
            SIMDJSON_TRY(ReadKey(field, &key));
            if (!taken && key == want.key) {
                taken = true;
                SIMDJSON_TRY(FollowRoot(field.value(), step + 1, found));
            } else {
                SIMDJSON_TRY(ReadValue(field.value(), kNoNode));
            }
        }
        return simdjson::SUCCESS;
    }
    if (type == od::json_type::array && want.index >= 0) {
        od::array array;
        SIMDJSON_TRY(value.get_array().get(array));
        int64_t index = 0;
        for (auto element : array) {
            od::value item;
            SIMDJSON_TRY(std::move(element).get(item));
            SIMDJSON_TRY(index++ == want.index ? FollowRoot(item, step + 1, found)
                                               : ReadValue(item, kNoNode));
        }
        return simdjson::SUCCESS;
    }
    return ReadValue(value, kNoNode);
}

error_code JsonReader::Impl::EmitRows(od::value& value) {
    od::json_type type;
    SIMDJSON_TRY(value.type().get(type));
    if (type == od::json_type::object) return EmitRow(value);
    if (type == od::json_type::array && options.strip_outer_array) {
        od::array array;
        SIMDJSON_TRY(value.get_array().get(array));
        for (auto element : array) {
            od::value item;
            SIMDJSON_TRY(std::move(element).get(item));
            SIMDJSON_TRY(item.type().get(type));
            if (type == od::json_type::object) {
                SIMDJSON_TRY(EmitRow(item));
                continue;
            }
            const std::string_view token = TrimRight(item.raw_json_token());
            SIMDJSON_TRY(ReadValue(item, kNoNode));
            const char* end = type == od::json_type::array ? EndOfContainer(token.data())
                                                           : token.data() + token.size();
            staged_rejects.emplace_back(
                std::string_view(token.data(), end - token.data()),
                fmt::format("JSON array element is {}, not an object", KindName(type)));
        }
        return simdjson::SUCCESS;
    }
    const std::string_view token = TrimRight(value.raw_json_token());
    SIMDJSON_TRY(ReadValue(value, kNoNode));
    const bool is_array = type == od::json_type::array;
    const char* end = is_array ? EndOfContainer(token.data()) : token.data() + token.size();
    staged_rejects.emplace_back(std::string_view(token.data(), end - token.data()),
                                is_array ? std::string(kArrayWithoutStrip)
                                         : RootProblem(KindName(type)));
    return simdjson::SUCCESS;
}

error_code JsonReader::Impl::EmitRow(od::value& value) {
    const char* start = value.raw_json_token().data();
    std::fill(row.begin(), row.end(), SourceField{{}, true});
    ++row_serial;
    od::object object;
    SIMDJSON_TRY(value.get_object().get(object));
    SIMDJSON_TRY(ReadMembers(object, 0));
    const std::string_view raw(start, EndOfContainer(start) - start);
    Fill(0, raw);  // the "$" paths
    staged_fields.insert(staged_fields.end(), row.begin(), row.end());
    staged_raw.push_back(raw);
    return simdjson::SUCCESS;
}

error_code JsonReader::Impl::ReadMembers(od::object& object, int32_t node) {
    size_t ordinal = 0;
    for (auto member : object) {
        od::field field;
        SIMDJSON_TRY(std::move(member).get(field));
        std::string_view key;
        SIMDJSON_TRY(ReadKey(field, &key));
        int32_t child = node == kNoNode ? kNoNode : FindMember(node, ordinal++, key);
        if (child != kNoNode) {
            if (nodes[child].filled_in_row == row_serial) {
                child = kNoNode;  // a repeated key: the first one won
            } else {
                nodes[child].filled_in_row = row_serial;
            }
        }
        SIMDJSON_TRY(ReadValue(field.value(), child));
    }
    return simdjson::SUCCESS;
}

error_code JsonReader::Impl::ReadElements(od::array& array, int32_t node) {
    int64_t index = 0;
    for (auto element : array) {
        od::value item;
        SIMDJSON_TRY(std::move(element).get(item));
        const int32_t child = node == kNoNode ? kNoNode : FindElement(node, index);
        ++index;
        SIMDJSON_TRY(ReadValue(item, child));
    }
    return simdjson::SUCCESS;
}

error_code JsonReader::Impl::ReadValue(od::value& value, int32_t node) {
    // A scalar's token runs up to the next token; an unconsumed scalar is skipped by its parent.
    const std::string_view token = TrimRight(value.raw_json_token());
    od::json_type type;
    if (value.type().get(type)) return InvalidToken(token);
    switch (type) {
        case od::json_type::object:
        case od::json_type::array: {
            if (type == od::json_type::object) {
                od::object object;
                SIMDJSON_TRY(value.get_object().get(object));
                SIMDJSON_TRY(ReadMembers(object, node));
            } else {
                od::array array;
                SIMDJSON_TRY(value.get_array().get(array));
                SIMDJSON_TRY(ReadElements(array, node));
            }
            if (node != kNoNode && !nodes[node].fields.empty()) {
                Fill(node, std::string_view(token.data(), EndOfContainer(token.data()) - token.data()));
            }
            return simdjson::SUCCESS;
        }
        case od::json_type::string: {
            std::string_view text;
            if (value.get_string().get(text)) return BadString(token);
            Fill(node, text);
            return simdjson::SUCCESS;
        }
        case od::json_type::number:
            if (!IsJsonNumber(token)) break;
            Fill(node, token);
            return simdjson::SUCCESS;
        case od::json_type::boolean:
            if (token != "true" && token != "false") break;
            Fill(node, token == "true" ? "1" : "0");
            return simdjson::SUCCESS;
        case od::json_type::null:
            if (token != "null") break;
            return simdjson::SUCCESS;  // the fields stay NULL
    }
    return InvalidToken(token);
}

// -------------------------------------------------------------------------------------------

JsonReader::JsonReader(JsonOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
JsonReader::~JsonReader() = default;

Status JsonReader::Parse(std::string_view input, SourceBatch* batch) {
    return impl_->Parse(input, batch);
}

}  // namespace tributary
